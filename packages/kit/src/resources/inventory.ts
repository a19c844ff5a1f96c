import type { AwsContext } from '../aws/index.js';
import { awsErrorName } from '../errors/index.js';
import { ssmPrefixFor } from '../stack/index.js';
import { resourceName, TAG } from './tags.js';

/** One AWS resource that carries a deployment's tags (or, for SSM and IAM, its deterministic name). */
export interface InventoryItem {
  service: 'ec2' | 'efs' | 'iam' | 'ssm';
  type: string;
  id: string;
  tags: Record<string, string>;
}

type TagList = { Key?: string; Value?: string }[] | undefined;

function tagMap(tags: TagList): Record<string, string> {
  return Object.fromEntries((tags ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']])));
}

const LIVE_INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];

/** Every EC2 resource type gm creates, described with one tag filter (in parallel): used by inventory and cleanup. */
export async function describeTaggedEc2(aws: AwsContext, tagKey: string, tagValue: string) {
  const Filters = [{ Name: `tag:${tagKey}`, Values: [tagValue] }];
  const [vpcs, subnets, gateways, tables, groups, addresses, instances, volumes] = await Promise.all([
    aws.ec2.listVpcs({ Filters }),
    aws.ec2.describeSubnets({ Filters }),
    aws.ec2.describeInternetGateways({ Filters }),
    aws.ec2.describeRouteTables({ Filters }),
    aws.ec2.describeSecurityGroups({ Filters }),
    aws.ec2.describeAddresses({ Filters }),
    aws.ec2Instances.describeInstances({ Filters: [...Filters, { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }] }),
    aws.ec2Instances.describeVolumes({ Filters }),
  ]);
  return { vpcs, subnets, gateways, tables, groups, addresses, instances, volumes };
}

async function ec2Items(aws: AwsContext, name: string): Promise<InventoryItem[]> {
  const item = (type: string, id: string | undefined, tags: TagList): InventoryItem[] => (id === undefined ? [] : [{ service: 'ec2', type, id, tags: tagMap(tags) }]);
  const { vpcs, subnets, gateways, tables, groups, addresses, instances, volumes } = await describeTaggedEc2(aws, TAG.deployment, name);
  return [
    ...vpcs.flatMap((v) => item('vpc', v.VpcId, v.Tags)),
    ...subnets.flatMap((s) => item('subnet', s.SubnetId, s.Tags)),
    ...gateways.flatMap((g) => item('internet-gateway', g.InternetGatewayId, g.Tags)),
    ...tables.flatMap((t) => item('route-table', t.RouteTableId, t.Tags)),
    ...groups.flatMap((g) => item('security-group', g.GroupId, g.Tags)),
    ...addresses.flatMap((a) => item('elastic-ip', a.AllocationId, a.Tags)),
    ...instances.flatMap((i) => item('instance', i.InstanceId, i.Tags)),
    ...volumes.filter((v) => v.State !== 'deleted').flatMap((v) => item('volume', v.VolumeId, v.Tags)),
  ];
}

async function efsItems(aws: AwsContext, name: string): Promise<InventoryItem[]> {
  const systems = await aws.efs.describeFileSystems({});
  return systems
    .filter((fs) => fs.LifeCycleState !== 'deleted' && tagMap(fs.Tags)[TAG.deployment] === name)
    .map((fs) => ({ service: 'efs' as const, type: 'file-system', id: fs.FileSystemId ?? '', tags: tagMap(fs.Tags) }));
}

async function ignoreMissing<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (/NoSuchEntity|NotFound/.test(awsErrorName(error) ?? '')) return undefined;
    throw error;
  }
}

/** IAM has no tag filter: gm's role and profile have deterministic names, checked for this deployment's tag. */
async function iamItems(aws: AwsContext, name: string): Promise<InventoryItem[]> {
  const roleName = resourceName({ name, deploymentId: '', tier: 'tier1', userTags: {} }, 'instance');
  const [role, profile] = await Promise.all([
    ignoreMissing(() => aws.iam.getRole({ RoleName: roleName })),
    ignoreMissing(() => aws.iam.getInstanceProfile({ InstanceProfileName: roleName })),
  ]);
  const items: InventoryItem[] = [];
  if (role?.Role !== undefined) items.push({ service: 'iam', type: 'role', id: roleName, tags: tagMap(role.Role.Tags) });
  if (profile?.InstanceProfile !== undefined) items.push({ service: 'iam', type: 'instance-profile', id: roleName, tags: tagMap(profile.InstanceProfile.Tags) });
  return items;
}

async function ssmItems(aws: AwsContext, name: string): Promise<InventoryItem[]> {
  const parameters = await aws.ssm.getParametersByPath({ Path: ssmPrefixFor(name), Recursive: true, WithDecryption: false });
  return parameters.map((parameter) => ({ service: 'ssm' as const, type: 'parameter', id: parameter.Name ?? '', tags: {} }));
}

/**
 * Everything in the region that belongs to a deployment by its tags (EC2, EFS), deterministic IAM names and the SSM
 * secrets path — independent of local state, so it also proves a destroy left nothing behind.
 */
export async function deploymentInventory(aws: AwsContext, name: string): Promise<InventoryItem[]> {
  const groups = await Promise.all([ec2Items(aws, name), efsItems(aws, name), iamItems(aws, name), ssmItems(aws, name)]);
  return groups.flat();
}
