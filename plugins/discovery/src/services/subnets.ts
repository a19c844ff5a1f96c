import type { AwsContext, InstanceTypeOffering } from '@geusemaker/kit/aws';
import { checkVpcId, discover, isGmManaged, nameTag, vpcFilters, type DiscoveryMeta, type DiscoveryRequest } from './discovery.js';
import { defaultRouteIgw, routeTableFor } from './network.js';

/** The instance types checked per AZ when the user names none: tier 1's first candidates. */
export const DEFAULT_OFFERING_TYPES: readonly string[] = ['t3.large', 't3a.large', 'm7i.large'];

/** One row of `gm discover subnets`. */
export interface SubnetRow {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly name: string | null;
  readonly availabilityZone: string | null;
  readonly availabilityZoneId: string | null;
  readonly cidr: string | null;
  readonly freeIps: number | null;
  /** Its route table (explicit association, else the VPC's main table) sends 0.0.0.0/0 to an internet gateway. */
  readonly public: boolean;
  readonly routeTableId: string | null;
  readonly internetGatewayId: string | null;
  /** The subnet's own setting; gm asks for a public IP on the instance's interface either way. */
  readonly mapPublicIpOnLaunch: boolean;
  readonly defaultForAz: boolean;
  /** Which of the checked instance types EC2 offers in this subnet's AZ. */
  readonly instanceTypesOffered: readonly string[];
  readonly gmManaged: boolean;
}

export interface SubnetsResult extends DiscoveryMeta {
  /** The instance types checked for each AZ. */
  readonly instanceTypesChecked: readonly string[];
  readonly subnets: readonly SubnetRow[];
}

export interface SubnetsOptions extends DiscoveryRequest {
  readonly vpcId: string | undefined;
  /** --instance-type (repeatable); DEFAULT_OFFERING_TYPES when empty. */
  readonly instanceTypes: readonly string[];
}

function offeredByAz(offerings: readonly InstanceTypeOffering[]): Map<string, string[]> {
  const byAz = new Map<string, string[]>();
  for (const offering of offerings) {
    if (offering.Location === undefined || offering.InstanceType === undefined) continue;
    byAz.set(offering.Location, [...(byAz.get(offering.Location) ?? []), offering.InstanceType]);
  }
  return byAz;
}

/** Subnets, route tables and instance type offerings per AZ, described in parallel. */
async function fetchSubnets(aws: AwsContext, vpcId: string | undefined, types: readonly string[]): Promise<SubnetRow[]> {
  const filters = vpcFilters(vpcId);
  const [subnets, tables, offerings] = await Promise.all([
    aws.ec2.describeSubnets({ Filters: filters }),
    aws.ec2.describeRouteTables({ Filters: filters }),
    aws.ec2.describeInstanceTypeOfferings({ LocationType: 'availability-zone', Filters: [{ Name: 'instance-type', Values: [...types] }] }),
  ]);
  const offered = offeredByAz(offerings);
  return subnets
    .map((subnet): SubnetRow => {
      const table = routeTableFor(subnet, tables);
      const igw = defaultRouteIgw(table);
      const az = subnet.AvailabilityZone ?? null;
      return {
        subnetId: subnet.SubnetId ?? '',
        vpcId: subnet.VpcId ?? '',
        name: nameTag(subnet.Tags),
        availabilityZone: az,
        availabilityZoneId: subnet.AvailabilityZoneId ?? null,
        cidr: subnet.CidrBlock ?? null,
        freeIps: subnet.AvailableIpAddressCount ?? null,
        public: igw !== null,
        routeTableId: table?.RouteTableId ?? null,
        internetGatewayId: igw,
        mapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch === true,
        defaultForAz: subnet.DefaultForAz === true,
        instanceTypesOffered: types.filter((type) => az !== null && offered.get(az)?.includes(type) === true),
        gmManaged: isGmManaged(subnet.Tags),
      };
    })
    .sort((a, b) => a.vpcId.localeCompare(b.vpcId) || (a.availabilityZone ?? '').localeCompare(b.availabilityZone ?? '') || a.subnetId.localeCompare(b.subnetId));
}

/** `gm discover subnets`. */
export async function discoverSubnets(options: SubnetsOptions): Promise<SubnetsResult> {
  checkVpcId(options.vpcId);
  const types = options.instanceTypes.length > 0 ? [...new Set(options.instanceTypes)] : [...DEFAULT_OFFERING_TYPES];
  const filters = { vpcId: options.vpcId ?? null, instanceTypes: types };
  const { value, ...meta } = await discover(options, 'subnets', filters, (aws) => fetchSubnets(aws, options.vpcId, types));
  return { ...meta, instanceTypesChecked: types, subnets: value };
}
