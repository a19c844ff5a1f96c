import { checkIpv4Cidr } from '../spec/index.js';

function toDotted(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

/**
 * Two subnet CIDRs carved from the VPC's: /24s numbered 1 and 2 when the VPC is /23 or larger (10.42.0.0/16 →
 * 10.42.1.0/24, 10.42.2.0/24, leaving .0 free for later use), else its first two quarters. Pure.
 */
export function subnetCidrs(vpcCidr: string, count = 2): string[] {
  const check = checkIpv4Cidr(vpcCidr);
  if (!check.ok) throw new Error(`invalid VPC CIDR ${vpcCidr}`);
  const { address, prefix } = check.cidr;
  const subnetPrefix = prefix <= 23 ? 24 : prefix + 2;
  const size = 2 ** (32 - subnetPrefix);
  const first = prefix <= 23 ? 1 : 0;
  return Array.from({ length: count }, (_, index) => `${toDotted(address + (first + index) * size)}/${subnetPrefix}`);
}
