import type { AwsContext } from '@geusemaker/kit/aws';
import { checkVpcId, discover, isGmManaged, nameTag, vpcFilters, type DiscoveryMeta, type DiscoveryRequest } from './discovery.js';
import { attachedIgw, isPublicSubnet } from './network.js';

/** One row of `gm discover vpcs`. */
export interface VpcRow {
  readonly vpcId: string;
  readonly name: string | null;
  readonly cidr: string | null;
  readonly isDefault: boolean;
  readonly state: string | null;
  readonly igwAttached: boolean;
  readonly internetGatewayId: string | null;
  readonly subnetCount: number;
  /** Subnets whose route table sends 0.0.0.0/0 to an internet gateway. */
  readonly publicSubnetCount: number;
  readonly gmManaged: boolean;
}

export interface VpcsResult extends DiscoveryMeta {
  readonly vpcs: readonly VpcRow[];
}

export interface VpcsOptions extends DiscoveryRequest {
  readonly vpcId: string | undefined;
}

/** VPCs, internet gateways, subnets and route tables, all four described in parallel. */
async function fetchVpcs(aws: AwsContext, vpcId: string | undefined): Promise<VpcRow[]> {
  const filters = vpcFilters(vpcId);
  const [vpcs, gateways, subnets, tables] = await Promise.all([
    aws.ec2.listVpcs(vpcId === undefined ? {} : { VpcIds: [vpcId] }),
    aws.ec2.describeInternetGateways(vpcId === undefined ? {} : { Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
    aws.ec2.describeSubnets({ Filters: filters }),
    aws.ec2.describeRouteTables({ Filters: filters }),
  ]);
  return vpcs
    .map((vpc): VpcRow => {
      const inVpc = subnets.filter((subnet) => subnet.VpcId === vpc.VpcId);
      const igw = attachedIgw(vpc.VpcId, gateways);
      return {
        vpcId: vpc.VpcId ?? '',
        name: nameTag(vpc.Tags),
        cidr: vpc.CidrBlock ?? null,
        isDefault: vpc.IsDefault === true,
        state: vpc.State ?? null,
        igwAttached: igw !== null,
        internetGatewayId: igw,
        subnetCount: inVpc.length,
        publicSubnetCount: inVpc.filter((subnet) => isPublicSubnet(subnet, tables)).length,
        gmManaged: isGmManaged(vpc.Tags),
      };
    })
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.vpcId.localeCompare(b.vpcId));
}

/** `gm discover vpcs`. */
export async function discoverVpcs(options: VpcsOptions): Promise<VpcsResult> {
  checkVpcId(options.vpcId);
  const { value, ...meta } = await discover(options, 'vpcs', { vpcId: options.vpcId ?? null }, (aws) => fetchVpcs(aws, options.vpcId));
  return { ...meta, vpcs: value };
}
