import type { InstanceProfile } from '../../aws/index.js';
import { GmError } from '../../errors/index.js';
import { resourceName } from '../tags.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { ignoreMissing, isAwsError, nameTaken, ownedBy, required, stepTagList, unlessMissing } from './common.js';

export type InstanceProfileInput = { roleName: string };

/** Same deterministic name as the role (`gm-<name>-instance`): profiles and roles have separate namespaces. */
export function instanceProfileName(ctx: ResourceContext): string {
  return resourceName(ctx.identity, 'instance');
}

function profileCreated(profile: InstanceProfile | undefined): Created {
  const instanceProfileName = required(profile?.InstanceProfileName, 'an instance profile name');
  const instanceProfileArn = required(profile?.Arn, 'an instance profile ARN');
  return { ref: { kind: 'instance-profile', id: instanceProfileName }, outputs: { instanceProfileName, instanceProfileArn } };
}

async function getProfile(ctx: ResourceContext, name: string): Promise<InstanceProfile | undefined> {
  return (await unlessMissing(() => ctx.aws.iam.getInstanceProfile({ InstanceProfileName: name })))?.InstanceProfile;
}

function roleNames(profile: InstanceProfile | undefined): string[] {
  return (profile?.Roles ?? []).flatMap((role) => (role.RoleName === undefined ? [] : [role.RoleName]));
}

async function adoptExisting(ctx: ResourceContext, name: string): Promise<Created> {
  const profile = await getProfile(ctx, name);
  if (profile === undefined || !ownedBy(ctx, profile.Tags)) throw nameTaken('IAM instance profile', name);
  return profileCreated(profile);
}

/**
 * Puts the role in the profile unless it is already there. A profile holds one role: another one is an error.
 * `heldRoles`: what CreateInstanceProfile of this very process answered (a new profile holds none); without it
 * (resume, adoption) the profile is read first.
 */
async function addRole(ctx: ResourceContext, profileName: string, roleName: string, heldRoles?: readonly string[]): Promise<void> {
  const roles = heldRoles ?? roleNames(await getProfile(ctx, profileName));
  if (roles.includes(roleName)) return;
  if (roles.length > 0) {
    throw new GmError({
      code: 'INSTANCE_PROFILE_CONFLICT',
      message: `Instance profile ${profileName} already holds role ${roles[0] ?? '?'}, not ${roleName}.`,
      hint: 'Something outside gm changed the profile: remove that role from it (aws iam remove-role-from-instance-profile) and resume.',
    });
  }
  try {
    await ctx.aws.iam.addRoleToInstanceProfile({ InstanceProfileName: profileName, RoleName: roleName });
  } catch (error) {
    // A concurrent or crashed earlier run added it between the check and the call: the quota of one is this role.
    if (!isAwsError(error, 'LimitExceeded')) throw error;
  }
}

/**
 * The instance profile `gm-<name>-instance` that carries the instance role to EC2. Its ref id is the profile name.
 * A new profile takes about 10 s to be usable by RunInstances on AWS; the instance kind retries that error.
 */
export const instanceProfileKind: ResourceKind<InstanceProfileInput> = {
  kind: 'instance-profile',
  // TagInstanceProfile: IAM authorizes tags passed to CreateInstanceProfile as iam:TagInstanceProfile.
  // PassRole: AddRoleToInstanceProfile requires it on the role being added.
  iamActions: [
    'iam:CreateInstanceProfile',
    'iam:TagInstanceProfile',
    'iam:GetInstanceProfile',
    'iam:AddRoleToInstanceProfile',
    'iam:PassRole',
    'iam:RemoveRoleFromInstanceProfile',
    'iam:DeleteInstanceProfile',
  ],

  async create(ctx, _input, meta) {
    const name = instanceProfileName(ctx);
    try {
      const { InstanceProfile } = await ctx.aws.iam.createInstanceProfile({ InstanceProfileName: name, Tags: stepTagList(ctx, meta.stepId) });
      return { ...profileCreated(InstanceProfile), observed: { facts: { roles: roleNames(InstanceProfile) } } };
    } catch (error) {
      if (isAwsError(error, 'EntityAlreadyExists')) return adoptExisting(ctx, name);
      throw error;
    }
  },

  async configure(ctx, input, created) {
    const roles = created.observed?.facts?.roles;
    await addRole(ctx, created.ref.id, input.roleName, Array.isArray(roles) ? roles : undefined);
    if (created.observed !== undefined) created.observed = { facts: { roles: [input.roleName] } };
    return {};
  },

  async findByTag(ctx) {
    const profile = await getProfile(ctx, instanceProfileName(ctx));
    return profile !== undefined && ownedBy(ctx, profile.Tags) ? profileCreated(profile) : undefined;
  },

  async describe(ctx, id) {
    const profile = await getProfile(ctx, id);
    return profile === undefined ? undefined : profileCreated(profile);
  },

  async exists(ctx, ref) {
    return (await getProfile(ctx, ref.id)) !== undefined;
  },

  async delete(ctx, ref) {
    const profile = await getProfile(ctx, ref.id);
    if (profile === undefined) return;
    // IAM refuses to delete a profile that still holds a role.
    for (const role of profile.Roles ?? []) {
      await ignoreMissing(() => ctx.aws.iam.removeRoleFromInstanceProfile({ InstanceProfileName: ref.id, RoleName: role.RoleName }));
    }
    await ignoreMissing(() => ctx.aws.iam.deleteInstanceProfile({ InstanceProfileName: ref.id }));
  },
};
