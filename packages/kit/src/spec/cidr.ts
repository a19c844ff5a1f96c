/** IPv4 CIDR parsing with the checks AWS would otherwise reject at deploy time. */

export interface Ipv4Cidr {
  /** The address as an unsigned 32-bit integer. */
  readonly address: number;
  readonly prefix: number;
}

export type CidrCheck = { ok: true; cidr: Ipv4Cidr } | { ok: false; problem: string; fix: string };

const SHAPE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.');
}

/** The network mask of a prefix length, as an unsigned 32-bit integer (/0 is 0, /32 is 0xffffffff). */
function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

function checkParts(text: string, parts: readonly string[]): string | undefined {
  const octets = parts.slice(0, 4);
  const bad = octets.find((octet) => Number(octet) > 255);
  if (bad !== undefined) return `'${text}' has the octet ${bad}; each of the four numbers must be 0-255`;
  const padded = octets.find((octet) => octet.length > 1 && octet.startsWith('0'));
  if (padded !== undefined) return `'${text}' has the octet '${padded}' with a leading zero`;
  if (Number(parts[4]) > 32) return `'${text}' has the prefix /${parts[4]}; an IPv4 prefix must be 0-32`;
  return undefined;
}

/**
 * Parses `a.b.c.d/n` strictly: four decimal octets 0-255 without leading zeros, a prefix 0-32, and the address
 * aligned to the prefix (AWS rejects `10.0.0.1/16`; the fix names the aligned network).
 */
export function checkIpv4Cidr(text: string): CidrCheck {
  const match = SHAPE.exec(text);
  if (match === null && /^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    return { ok: false, problem: `'${text}' is an address without a prefix`, fix: `use ${text}/32 for this one address` };
  }
  if (match === null) {
    return { ok: false, problem: `'${text}' is not an IPv4 CIDR`, fix: 'write it as a.b.c.d/n, e.g. 203.0.113.7/32 or 10.0.0.0/16' };
  }
  const parts = match.slice(1);
  const problem = checkParts(text, parts);
  if (problem !== undefined) return { ok: false, problem, fix: 'write it as a.b.c.d/n with octets 0-255 and a prefix 0-32' };
  const address = parts.slice(0, 4).reduce((sum, octet) => sum * 256 + Number(octet), 0) >>> 0;
  const prefix = Number(parts[4]);
  const network = (address & maskOf(prefix)) >>> 0;
  if (network !== address) {
    const aligned = `${formatAddress(network)}/${prefix}`;
    return { ok: false, problem: `'${text}' is not a network address: host bits are set below /${prefix}`, fix: `use ${aligned}` };
  }
  return { ok: true, cidr: { address, prefix } };
}
