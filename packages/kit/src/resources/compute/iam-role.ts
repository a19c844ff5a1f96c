import type { Role } from '../../aws/index.js';
import { resourceName } from '../tags.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { ignoreMissing, isAwsError, nameTaken, ownedBy, required, stepTagList, unlessMissing } from './common.js';
import { arnParts, leastPrivilegePolicy, trustPolicy } from './iam-policies.js';

/** A type alias (not an interface) so it stays assignable to the engine's `Record<string, unknown>` inputs. */
export type IamRoleInput = {
  /** `/geusemaker/<name>/`: the only SSM path the instance may read. */
  ssmParameterPrefix: string;
  /** The only file system the instance may mount. */
  efsFileSystemArn: string;
  region: string;
};

/** IAM names are deterministic (`gm-<name>-instance`), so teardown finds the role from the identity alone. */
export function instanceRoleName(ctx: ResourceContext): string {
  return resourceName(ctx.identity, 'instance');
}

export function inlinePolicyName(ctx: ResourceContext): string {
  return resourceName(ctx.identity, 'least-privilege');
}

function roleCreated(role: Role | undefined): Created {
  const roleName = required(role?.RoleName, 'a role name');
  return { ref: { kind: 'iam-role', id: roleName }, outputs: { roleName, roleArn: required(role?.Arn, 'a role ARN') } };
}

async function getRole(ctx: ResourceContext, roleName: string): Promise<Role | undefined> {
  return (await unlessMissing(() => ctx.aws.iam.getRole({ RoleName: roleName })))?.Role;
}

/** A role that already has the name: adopted only when its tags say it is this deployment's (a crash left it). */
async function adoptExisting(ctx: ResourceContext, roleName: string): Promise<Created> {
  const role = await getRole(ctx, roleName);
  if (role === undefined || !ownedBy(ctx, role.Tags)) throw nameTaken('IAM role', roleName);
  return roleCreated(role);
}

/** Every step of a role's deletion, each tolerating "already gone": IAM refuses DeleteRole while anything is attached. */
async function deleteRole(ctx: ResourceContext, roleName: string): Promise<void> {
  const { iam } = ctx.aws;
  const attached = await unlessMissing(() => iam.listAttachedRolePolicies({ RoleName: roleName }));
  if (attached === undefined) return; // the role itself is gone
  for (const policy of attached) {
    await ignoreMissing(() => iam.detachRolePolicy({ RoleName: roleName, PolicyArn: policy.PolicyArn }));
  }
  for (const policyName of (await unlessMissing(() => iam.listRolePolicies({ RoleName: roleName }))) ?? []) {
    await ignoreMissing(() => iam.deleteRolePolicy({ RoleName: roleName, PolicyName: policyName }));
  }
  for (const profile of (await unlessMissing(() => iam.listInstanceProfilesForRole({ RoleName: roleName }))) ?? []) {
    await ignoreMissing(() => iam.removeRoleFromInstanceProfile({ RoleName: roleName, InstanceProfileName: profile.InstanceProfileName }));
  }
  await ignoreMissing(() => iam.deleteRole({ RoleName: roleName }));
}

/**
 * The instance role `gm-<name>-instance`: trusted by EC2, with one inline least-privilege policy (the SSM agent, this
 * deployment's secrets, its EFS) and no managed policy. Its ref id is the role name. Delete still detaches managed
 * policies: roles made by earlier versions of gm carry AmazonSSMManagedInstanceCore.
 */
export const iamRoleKind: ResourceKind<IamRoleInput> = {
  kind: 'iam-role',
  // TagRole: IAM authorizes tags passed to CreateRole as iam:TagRole.
  iamActions: [
    'iam:CreateRole',
    'iam:TagRole',
    'iam:GetRole',
    'iam:PutRolePolicy',
    'iam:ListAttachedRolePolicies',
    'iam:DetachRolePolicy',
    'iam:ListRolePolicies',
    'iam:DeleteRolePolicy',
    'iam:ListInstanceProfilesForRole',
    'iam:RemoveRoleFromInstanceProfile',
    'iam:DeleteRole',
  ],

  async create(ctx, _input, meta) {
    const roleName = instanceRoleName(ctx);
    try {
      const { Role } = await ctx.aws.iam.createRole({
        RoleName: roleName,
        AssumeRolePolicyDocument: trustPolicy(),
        Description: `GeuseMaker instance role of deployment ${ctx.identity.name}`,
        Tags: stepTagList(ctx, meta.stepId),
      });
      return roleCreated(Role);
    } catch (error) {
      if (isAwsError(error, 'EntityAlreadyExists')) return adoptExisting(ctx, roleName);
      throw error;
    }
  },

  async configure(ctx, input, { ref, outputs }) {
    // Idempotent on IAM: putting the same document again is a no-op.
    const roleArn = typeof outputs.roleArn === 'string' ? outputs.roleArn : (await adoptExisting(ctx, ref.id)).outputs.roleArn;
    const { partition, account } = arnParts(String(roleArn));
    const document = leastPrivilegePolicy({ partition, account, region: input.region, ssmParameterPrefix: input.ssmParameterPrefix, efsFileSystemArn: input.efsFileSystemArn });
    await ctx.aws.iam.putRolePolicy({ RoleName: ref.id, PolicyName: inlinePolicyName(ctx), PolicyDocument: document });
    return {};
  },

  async findByTag(ctx) {
    // IAM has no tag search; the deterministic name plus the deployment-id tag identify the role.
    const role = await getRole(ctx, instanceRoleName(ctx));
    return role !== undefined && ownedBy(ctx, role.Tags) ? roleCreated(role) : undefined;
  },

  async describe(ctx, id) {
    const role = await getRole(ctx, id);
    return role === undefined ? undefined : roleCreated(role);
  },

  async exists(ctx, ref) {
    return (await getRole(ctx, ref.id)) !== undefined;
  },

  delete(ctx, ref) {
    return deleteRole(ctx, ref.id);
  },
};
