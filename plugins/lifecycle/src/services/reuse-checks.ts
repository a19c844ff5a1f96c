import type { AwsContext, MountTargetDescription, RouteTable } from '@geusemaker/kit/aws';
import { awsErrorName, ConfigError, type ValidationIssue } from '@geusemaker/kit/errors';
import type { ReusedNetwork } from '@geusemaker/kit/plan';
import type { DeploymentSpec } from '@geusemaker/kit/spec';

/**
 * Compatibility of the resources the user passed by id (--vpc-id, --subnet-id, --security-group-id, --efs-id,
 * --key-name), checked before anything is created. Every call here is a read-only Describe*, run in parallel.
 */

interface SubnetFacts {
  subnetId: string;
  pointer: string;
  vpcId: string;
  availabilityZone: string;
  availabilityZoneId: string;
}

interface EfsFacts {
  fileSystemId: string;
  mountTargets: { availabilityZone: string; vpcId: string }[];
}

interface Described {
  vpcFound: boolean;
  subnets: SubnetFacts[];
  securityGroupVpcId?: string;
  efs?: EfsFacts;
  missing: ValidationIssue[];
}

/** A reused subnet with the AZ id instance-type offerings are keyed by. */
export interface ReusedSubnetZone {
  subnetId: string;
  availabilityZone: string;
  availabilityZoneId: string;
}

export interface ReuseCheck {
  reused: ReusedNetwork;
  subnetZones: ReusedSubnetZone[];
}

/** Runs a Describe* by id: a `*.NotFound` / `*NotFound` answer (the id does not exist) becomes undefined. */
async function unlessMissing<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (/NotFound$/.test(awsErrorName(error) ?? '')) return undefined;
    throw error;
  }
}

function missingIssue(pointer: string, id: string, what: string, discover: string): ValidationIssue {
  return { pointer, message: `${what} ${id} was not found in this account and region`, fix: `pass an existing ${what} id (\`gm discover ${discover}\` lists them), check --region, or leave it out and gm creates one` };
}

async function describeSubnet(aws: AwsContext, subnetId: string, index: number): Promise<SubnetFacts | ValidationIssue> {
  const pointer = `/subnetIds/${index}`;
  const [subnet] = (await unlessMissing(() => aws.ec2.describeSubnets({ SubnetIds: [subnetId] }))) ?? [];
  if (subnet === undefined) return missingIssue(pointer, subnetId, 'subnet', 'subnets');
  return { subnetId, pointer, vpcId: subnet.VpcId ?? '', availabilityZone: subnet.AvailabilityZone ?? '', availabilityZoneId: subnet.AvailabilityZoneId ?? '' };
}

async function describeEfs(aws: AwsContext, fileSystemId: string): Promise<EfsFacts | ValidationIssue> {
  const [fileSystem] = (await unlessMissing(() => aws.efs.describeFileSystems({ FileSystemId: fileSystemId }))) ?? [];
  if (fileSystem === undefined || fileSystem.LifeCycleState === 'deleted' || fileSystem.LifeCycleState === 'deleting') {
    return missingIssue('/efsId', fileSystemId, 'EFS file system', 'efs');
  }
  const targets: MountTargetDescription[] = (await unlessMissing(() => aws.efs.describeMountTargets({ FileSystemId: fileSystemId }))) ?? [];
  const live = targets.filter((target) => target.LifeCycleState !== 'deleted' && target.LifeCycleState !== 'deleting');
  const withVpc = await Promise.all(
    live.map(async (target) => {
      if (target.VpcId !== undefined) return target.VpcId;
      const [subnet] = (await unlessMissing(() => aws.ec2.describeSubnets({ SubnetIds: [target.SubnetId ?? ''] }))) ?? [];
      return subnet?.VpcId ?? '';
    }),
  );
  return { fileSystemId, mountTargets: live.map((target, index) => ({ availabilityZone: target.AvailabilityZoneName ?? '', vpcId: withVpc[index] ?? '' })) };
}

const isIssue = (value: object): value is ValidationIssue => 'fix' in value;

/** Everything named by id, described in parallel; unknown ids are collected, not thrown one at a time. */
async function describeAll(aws: AwsContext, spec: DeploymentSpec): Promise<Described> {
  const { vpcId, securityGroupId, efsId, keyName } = spec;
  const [vpcs, subnets, groups, efs, keys] = await Promise.all([
    vpcId === undefined ? undefined : unlessMissing(() => aws.ec2.listVpcs({ VpcIds: [vpcId] })),
    Promise.all((spec.subnetIds ?? []).map((subnetId, index) => describeSubnet(aws, subnetId, index))),
    securityGroupId === undefined ? undefined : unlessMissing(() => aws.ec2.describeSecurityGroups({ GroupIds: [securityGroupId] })),
    efsId === undefined ? undefined : describeEfs(aws, efsId),
    keyName === undefined ? undefined : unlessMissing(() => aws.ec2.describeKeyPairs({ KeyNames: [keyName] })),
  ]);
  const missing: ValidationIssue[] = [];
  const vpcFound = vpcId === undefined || (vpcs?.length ?? 0) > 0;
  if (vpcId !== undefined && !vpcFound) missing.push(missingIssue('/vpcId', vpcId, 'VPC', 'vpcs'));
  missing.push(...subnets.filter(isIssue));
  const [group] = groups ?? [];
  if (securityGroupId !== undefined && group === undefined) missing.push(missingIssue('/securityGroupId', securityGroupId, 'security group', 'security-groups'));
  if (efs !== undefined && isIssue(efs)) missing.push(efs);
  if (keyName !== undefined && (keys?.length ?? 0) === 0) {
    missing.push({ pointer: '/keyName', message: `key pair ${keyName} was not found in this region`, fix: 'pass the name of an existing EC2 key pair (`aws ec2 describe-key-pairs`), import yours into this region, or leave out --key-name (SSM Session Manager needs no key)' });
  }
  return {
    vpcFound,
    subnets: subnets.filter((subnet): subnet is SubnetFacts => !isIssue(subnet)),
    ...(group?.VpcId === undefined ? {} : { securityGroupVpcId: group.VpcId }),
    ...(efs === undefined || isIssue(efs) ? {} : { efs }),
    missing,
  };
}

const toInternetGateway = (table: RouteTable): boolean =>
  (table.Routes ?? []).some((route) => route.DestinationCidrBlock === '0.0.0.0/0' && (route.GatewayId ?? '').startsWith('igw-') && route.State !== 'blackhole');

/** The subnet's explicit route table, else its VPC's main one, has 0.0.0.0/0 → igw-…. */
async function routesToInternet(aws: AwsContext, subnet: SubnetFacts): Promise<boolean> {
  const explicit = await aws.ec2.describeRouteTables({ Filters: [{ Name: 'association.subnet-id', Values: [subnet.subnetId] }] });
  const tables = explicit.length > 0
    ? explicit
    : await aws.ec2.describeRouteTables({ Filters: [{ Name: 'vpc-id', Values: [subnet.vpcId] }, { Name: 'association.main', Values: ['true'] }] });
  return tables.some(toInternetGateway);
}

/** The one VPC of the reused subnets (--vpc-id, or inferred from the subnets), or issues when they disagree. */
function networkVpc(spec: DeploymentSpec, described: Described, issues: ValidationIssue[]): string | undefined {
  if (spec.vpcId !== undefined) {
    for (const subnet of described.subnets.filter((s) => s.vpcId !== spec.vpcId)) {
      issues.push({ pointer: subnet.pointer, message: `${subnet.subnetId} is in ${subnet.vpcId}, not in --vpc-id ${spec.vpcId}`, fix: `pass subnets of ${spec.vpcId} (\`gm discover subnets --vpc-id ${spec.vpcId}\`), or --vpc-id ${subnet.vpcId}` });
    }
    return spec.vpcId;
  }
  const vpcs = [...new Set(described.subnets.map((subnet) => subnet.vpcId))];
  if (vpcs.length > 1) {
    issues.push({ pointer: '/subnetIds', message: `the subnets are in different VPCs (${described.subnets.map((s) => `${s.subnetId} in ${s.vpcId}`).join(', ')})`, fix: 'pass subnets of one VPC only, and that VPC with --vpc-id' });
  }
  return vpcs[0];
}

function belongingIssues(spec: DeploymentSpec, described: Described, vpcId: string | undefined, issues: ValidationIssue[]): void {
  const where = vpcId === undefined ? 'the new VPC gm creates' : vpcId;
  const { securityGroupVpcId, efs } = described;
  if (spec.securityGroupId !== undefined && securityGroupVpcId !== undefined && securityGroupVpcId !== vpcId) {
    issues.push({
      pointer: '/securityGroupId',
      message: `security group ${spec.securityGroupId} is in another VPC (${securityGroupVpcId}, not ${where})`,
      fix: vpcId === undefined ? `deploy into its VPC: --vpc-id ${securityGroupVpcId} with --subnet-id of that VPC, or leave out --security-group-id` : `pass a security group of ${vpcId}, or leave out --security-group-id`,
    });
  }
  const foreign = efs?.mountTargets.find((target) => target.vpcId !== vpcId);
  if (efs !== undefined && foreign !== undefined) {
    issues.push({
      pointer: '/efsId',
      message: `EFS ${efs.fileSystemId} is in another VPC (its mount targets are in ${foreign.vpcId}, not ${where})`,
      fix: vpcId === undefined ? `deploy into its VPC: --vpc-id ${foreign.vpcId} with --subnet-id of that VPC, or leave out --efs-id` : `pass an EFS of ${vpcId} (or one without mount targets), or leave out --efs-id and gm creates one`,
    });
  }
}

async function routeIssues(aws: AwsContext, subnets: SubnetFacts[]): Promise<ValidationIssue[]> {
  const routed = await Promise.all(subnets.map((subnet) => routesToInternet(aws, subnet)));
  return subnets
    .filter((_, index) => routed[index] === false)
    .map((subnet) => ({
      pointer: subnet.pointer,
      message: `${subnet.subnetId} has no route to an internet gateway (no 0.0.0.0/0 → igw-… in its route table)`,
      fix: `pass a public subnet of ${subnet.vpcId}, or add a route 0.0.0.0/0 to the VPC's internet gateway in the subnet's route table (\`aws ec2 create-route --route-table-id rtb-… --destination-cidr-block 0.0.0.0/0 --gateway-id igw-…\`)`,
    }));
}

function rejected(code: string, message: string, hint: string, issues: ValidationIssue[]): ConfigError {
  const first = issues[0];
  const summary = first === undefined ? message : `${first.message}.${issues.length > 1 ? ` (${issues.length - 1} more problem${issues.length > 2 ? 's' : ''} below)` : ''}`;
  return new ConfigError({ code, message: summary, hint, issues });
}

/**
 * Describes and checks everything reused (read-only): unknown ids exit 3 (REUSE_NOT_FOUND), and so do subnets of
 * another VPC or without an internet route, a security group or EFS of another VPC (REUSE_INCOMPATIBLE). Without
 * --vpc-id the subnets' VPC is reused. Returns what the plan records as reused.
 */
export async function checkReuse(aws: AwsContext, spec: DeploymentSpec): Promise<ReuseCheck> {
  const described = await describeAll(aws, spec);
  if (described.missing.length > 0) {
    throw rejected('REUSE_NOT_FOUND', 'A resource passed by id does not exist.', 'Check the ids and --region; `gm discover` lists what exists.', described.missing);
  }
  const issues: ValidationIssue[] = [];
  const vpcId = networkVpc(spec, described, issues);
  if (spec.vpcId !== undefined && described.subnets.length === 0) {
    issues.push({ pointer: '/subnetIds', message: `--vpc-id ${spec.vpcId} needs the public subnets to use as well`, fix: `add --subnet-id subnet-… for each public subnet of ${spec.vpcId} to use (\`gm discover subnets --vpc-id ${spec.vpcId}\`), or leave out --vpc-id` });
  }
  belongingIssues(spec, described, vpcId, issues);
  issues.push(...(await routeIssues(aws, described.subnets)));
  if (issues.length > 0) {
    throw rejected('REUSE_INCOMPATIBLE', 'A resource passed by id cannot be used for this deployment.', 'Fix each problem below, or leave out the id and gm creates that resource.', issues);
  }
  const reused: ReusedNetwork = {
    ...(vpcId === undefined ? {} : { vpc: { vpcId } }),
    ...(described.subnets.length === 0 ? {} : { subnets: described.subnets.map(({ subnetId, availabilityZone }) => ({ subnetId, availabilityZone })) }),
    ...(spec.securityGroupId === undefined ? {} : { securityGroupId: spec.securityGroupId }),
    ...(described.efs === undefined ? {} : { efs: { fileSystemId: described.efs.fileSystemId, mountTargetZones: [...new Set(described.efs.mountTargets.map((t) => t.availabilityZone))] } }),
  };
  return { reused, subnetZones: described.subnets.map(({ subnetId, availabilityZone, availabilityZoneId }) => ({ subnetId, availabilityZone, availabilityZoneId })) };
}

/** None of the allowed instance types is offered in any reused subnet's AZ: exit 3 naming the types and the AZs. */
export function checkOfferedInSubnets(subnetZones: readonly ReusedSubnetZone[], offeredByZoneId: Record<string, string[]>, candidateTypes: readonly string[]): void {
  if (subnetZones.length === 0) return;
  if (subnetZones.some((zone) => (offeredByZoneId[zone.availabilityZoneId] ?? []).some((type) => candidateTypes.includes(type)))) return;
  const zones = [...new Set(subnetZones.map((zone) => zone.availabilityZone))].join(', ');
  const types = candidateTypes.length === 1 ? `instance type ${candidateTypes[0]} is` : `none of the instance types ${candidateTypes.slice(0, 6).join(', ')}${candidateTypes.length > 6 ? ', …' : ''} is`;
  const issues = subnetZones.map((zone, index) => ({
    pointer: `/subnetIds/${index}`,
    message: `${types} not offered in ${zone.availabilityZone} (the AZ of ${zone.subnetId})`,
    fix: 'pass a subnet in another availability zone, or allow another --instance-type offered there (`aws ec2 describe-instance-type-offerings --location-type availability-zone`)',
  }));
  throw rejected('INSTANCE_TYPE_NOT_OFFERED', `The allowed instance types are not offered in ${zones}.`, 'Use subnets in other availability zones, or other instance types.', issues);
}
