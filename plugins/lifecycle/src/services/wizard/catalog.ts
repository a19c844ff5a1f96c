import type { AwsContext, RouteTable, Subnet, Tag } from '@geusemaker/kit/aws';
import { TAG } from '@geusemaker/kit/resources';

/**
 * What the wizard offers to reuse in a region. Discovery proper lives in the discovery plugin, which plugins may not
 * import; this is the small part the wizard needs, over kit's EC2/EFS interfaces, behind an interface tests can fake.
 */
export interface DiscoveredVpc {
  vpcId: string;
  label: string;
  isDefault: boolean;
  hasInternetGateway: boolean;
  /** Set when gm created it for another deployment (destroying that one would delete it). */
  managedFor?: string;
}

export interface DiscoveredSubnet {
  subnetId: string;
  vpcId: string;
  label: string;
  availabilityZone: string;
  availabilityZoneId: string;
  /** Its route table sends 0.0.0.0/0 to an internet gateway. */
  isPublic: boolean;
}

export interface DiscoveredSecurityGroup {
  groupId: string;
  vpcId: string;
  label: string;
}

export interface DiscoveredFileSystem {
  fileSystemId: string;
  label: string;
  /** VPCs its mount targets are in (an EFS serves one VPC; none yet means any). */
  mountTargetVpcIds: string[];
}

export interface NetworkCatalog {
  vpcs(): Promise<DiscoveredVpc[]>;
  subnets(vpcId: string): Promise<DiscoveredSubnet[]>;
  securityGroups(vpcId: string): Promise<DiscoveredSecurityGroup[]>;
  fileSystems(): Promise<DiscoveredFileSystem[]>;
}

const tagValue = (tags: readonly Tag[] | undefined, key: string): string | undefined => tags?.find((tag) => tag.Key === key)?.Value;

function labelOf(id: string, tags: readonly Tag[] | undefined, extra: string): string {
  const name = tagValue(tags, 'Name');
  return [id, name === undefined ? '' : `"${name}"`, extra].filter((part) => part !== '').join(' ');
}

function routesToIgw(subnet: Subnet, tables: readonly RouteTable[]): boolean {
  const explicit = tables.find((table) => table.Associations?.some((association) => association.SubnetId === subnet.SubnetId));
  const table = explicit ?? tables.find((t) => t.VpcId === subnet.VpcId && t.Associations?.some((association) => association.Main === true));
  return table?.Routes?.some((route) => route.DestinationCidrBlock === '0.0.0.0/0' && route.GatewayId?.startsWith('igw-') === true && route.State !== 'blackhole') === true;
}

async function listVpcs(aws: AwsContext): Promise<DiscoveredVpc[]> {
  const [vpcs, gateways] = await Promise.all([aws.ec2.listVpcs({}), aws.ec2.describeInternetGateways({})]);
  return vpcs.map((vpc) => {
    const managedFor = tagValue(vpc.Tags, TAG.deployment);
    return {
      vpcId: vpc.VpcId ?? '',
      label: labelOf(vpc.VpcId ?? '', vpc.Tags, `${vpc.CidrBlock ?? ''}${vpc.IsDefault === true ? ' (default)' : ''}`),
      isDefault: vpc.IsDefault === true,
      hasInternetGateway: gateways.some((igw) => igw.Attachments?.some((a) => a.VpcId === vpc.VpcId && a.State !== 'detached' && a.State !== 'detaching')),
      ...(managedFor === undefined ? {} : { managedFor }),
    };
  });
}

async function listSubnets(aws: AwsContext, vpcId: string): Promise<DiscoveredSubnet[]> {
  const filters = [{ Name: 'vpc-id', Values: [vpcId] }];
  const [subnets, tables] = await Promise.all([aws.ec2.describeSubnets({ Filters: filters }), aws.ec2.describeRouteTables({ Filters: filters })]);
  return subnets
    .map((subnet) => ({
      subnetId: subnet.SubnetId ?? '',
      vpcId,
      label: labelOf(subnet.SubnetId ?? '', subnet.Tags, `${subnet.CidrBlock ?? ''} ${subnet.AvailabilityZone ?? ''}`),
      availabilityZone: subnet.AvailabilityZone ?? '',
      availabilityZoneId: subnet.AvailabilityZoneId ?? '',
      isPublic: routesToIgw(subnet, tables),
    }))
    .sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone) || a.subnetId.localeCompare(b.subnetId));
}

async function listFileSystems(aws: AwsContext): Promise<DiscoveredFileSystem[]> {
  const fileSystems = await aws.efs.describeFileSystems({});
  return Promise.all(
    fileSystems.map(async (fs) => {
      const targets = await aws.efs.describeMountTargets({ FileSystemId: fs.FileSystemId });
      return {
        fileSystemId: fs.FileSystemId ?? '',
        label: labelOf(fs.FileSystemId ?? '', fs.Tags, fs.Encrypted === true ? 'encrypted' : 'NOT encrypted'),
        mountTargetVpcIds: [...new Set(targets.map((target) => target.VpcId ?? ''))].filter((id) => id !== ''),
      };
    }),
  );
}

/** The catalog over a live AWS context (the emulator in tests). */
export function awsNetworkCatalog(aws: AwsContext): NetworkCatalog {
  return {
    vpcs: () => listVpcs(aws),
    subnets: (vpcId) => listSubnets(aws, vpcId),
    securityGroups: async (vpcId) =>
      (await aws.ec2.describeSecurityGroups({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).map((group) => ({
        groupId: group.GroupId ?? '',
        vpcId,
        label: `${group.GroupId ?? ''} ${group.GroupName ?? ''}`.trim(),
      })),
    fileSystems: () => listFileSystems(aws),
  };
}
