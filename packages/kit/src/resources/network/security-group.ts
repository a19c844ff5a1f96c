import type { SecurityGroup } from '../../aws/index.js';
import { awsErrorName, GmError } from '../../errors/index.js';
import { resourceName } from '../tags.js';
import type { Created, ResourceContext, ResourceKind, StepMeta } from '../types.js';
import { adoptFirst, ignoreNotFound, requireId, stepFilters, tagsAtCreation, tolerating, unlessNotFound, whileNotVisible } from './common.js';
import { ec2SafeText, toIpPermission, type IngressRule } from './security-group-rules.js';

export type { IngressRule } from './security-group-rules.js';
export type SecurityGroupInput = { vpcId: string; description: string; ingress: IngressRule[] };

function groupCreated(groupId: string | undefined): Created {
  const id = requireId(groupId, 'a security group id');
  return { ref: { kind: 'security-group', id }, outputs: { groupId: id } };
}

async function describeGroup(ctx: ResourceContext, groupId: string): Promise<SecurityGroup | undefined> {
  return (await unlessNotFound(() => ctx.aws.ec2.describeSecurityGroups({ GroupIds: [groupId] })))?.[0];
}

async function findByStep(ctx: ResourceContext, meta: StepMeta): Promise<Created | undefined> {
  const groups = await ctx.aws.ec2.describeSecurityGroups({ Filters: stepFilters(ctx, meta.stepId) });
  const group = adoptFirst(ctx, groups, 'security group', (found) => found.GroupId);
  return group === undefined ? undefined : groupCreated(group.GroupId);
}

/**
 * Adds every rule in one call. AWS rejects the whole call when any rule already exists (moto keeps the rules before
 * the duplicate), so on InvalidPermission.Duplicate each rule is added on its own, duplicates counting as done.
 */
async function authorizeIngress(ctx: ResourceContext, groupId: string, rules: readonly IngressRule[]): Promise<void> {
  const permissions = rules.map(toIpPermission);
  if (permissions.length === 0) return;
  const authorize = (IpPermissions: typeof permissions) => () => ctx.aws.ec2.authorizeSecurityGroupIngress({ GroupId: groupId, IpPermissions });
  const duplicate = ['InvalidPermission.Duplicate'];
  if (await tolerating(duplicate, () => whileNotVisible(ctx, `security group ${groupId} to be visible`, authorize(permissions)))) return;
  for (const permission of permissions) await tolerating(duplicate, authorize([permission]));
}

/** The group name was taken: ours from a crashed run (adopt it by tag), or someone else's (a clear error). */
async function adoptDuplicate(ctx: ResourceContext, meta: StepMeta, groupName: string, error: unknown): Promise<Created> {
  const ours = await findByStep(ctx, meta);
  if (ours !== undefined) return ours;
  throw new GmError({
    code: 'SECURITY_GROUP_NAME_TAKEN',
    message: `A security group named ${groupName} already exists in this VPC and was not created by this deployment.`,
    hint: 'Delete or rename that group, or deploy under another --name.',
    cause: error,
  });
}

/** A VPC security group named `gm-<name>-<stepId>`, with exactly the ingress rules the plan asks for. */
export const securityGroupKind: ResourceKind<SecurityGroupInput> = {
  kind: 'security-group',
  iamActions: [
    'ec2:CreateSecurityGroup',
    'ec2:CreateTags',
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:DescribeSecurityGroups',
    'ec2:DeleteSecurityGroup',
  ],

  async create(ctx, input, meta) {
    const groupName = resourceName(ctx.identity, meta.stepId);
    try {
      const { GroupId } = await ctx.aws.ec2.createSecurityGroup({
        GroupName: groupName,
        Description: ec2SafeText(input.description),
        VpcId: input.vpcId,
        TagSpecifications: tagsAtCreation(ctx, 'security-group', meta.stepId),
      });
      return groupCreated(GroupId);
    } catch (error) {
      if (awsErrorName(error) !== 'InvalidGroup.Duplicate') throw error;
      return adoptDuplicate(ctx, meta, groupName, error);
    }
  },

  async configure(ctx, input, { ref }) {
    await authorizeIngress(ctx, ref.id, input.ingress);
    return {};
  },

  findByTag: (ctx, meta) => findByStep(ctx, meta),

  async describe(ctx, id) {
    const group = await describeGroup(ctx, id);
    return group === undefined ? undefined : groupCreated(group.GroupId);
  },

  async exists(ctx, ref) {
    return (await describeGroup(ctx, ref.id)) !== undefined;
  },

  // While an instance, a mount target or another group's rule still uses it, AWS answers DependencyViolation; the
  // engine retries that, since those go first in teardown order but take a while to release it.
  delete: (ctx, ref) => ignoreNotFound(() => ctx.aws.ec2.deleteSecurityGroup({ GroupId: ref.id })),
};
