import type { ResourceKind } from '../types.js';
import { efsFileSystemKind, type EfsFileSystemInput } from './efs-file-system.js';
import { efsMountTargetKind, type EfsMountTargetInput } from './efs-mount-target.js';
import { iamRoleKind, type IamRoleInput } from './iam-role.js';
import { instanceProfileKind, type InstanceProfileInput } from './instance-profile.js';
import { instanceKind, type InstanceInput } from './instance.js';
import { ssmSecretsKind, type SsmSecretsInput } from './ssm-secrets.js';

export type { EfsFileSystemInput } from './efs-file-system.js';
export type { EfsMountTargetInput } from './efs-mount-target.js';
export type { IamRoleInput } from './iam-role.js';
export type { InstanceProfileInput } from './instance-profile.js';
export type { InstanceInput, InstancePlacement } from './instance.js';
export type { Architecture, ResolvedImage } from './instance-image.js';
export type { SsmSecretsInput } from './ssm-secrets.js';
export { instanceRoleName, inlinePolicyName } from './iam-role.js';
export { instanceProfileName } from './instance-profile.js';
export { leastPrivilegePolicy, trustPolicy, SSM_AGENT_ACTIONS, type PolicyScope } from './iam-policies.js';
export { runInstancesRequest, describePlacement } from './instance-launch.js';
export { resolveImage } from './instance-image.js';

/** The compute kinds: the instance's identity (role, profile), its secrets, its storage (EFS) and the instance. */
export interface ComputeKinds {
  'iam-role': ResourceKind<IamRoleInput>;
  'instance-profile': ResourceKind<InstanceProfileInput>;
  'ssm-secrets': ResourceKind<SsmSecretsInput>;
  'efs-file-system': ResourceKind<EfsFileSystemInput>;
  'efs-mount-target': ResourceKind<EfsMountTargetInput>;
  instance: ResourceKind<InstanceInput>;
}

export const COMPUTE_KINDS: ComputeKinds = {
  'iam-role': iamRoleKind,
  'instance-profile': instanceProfileKind,
  'ssm-secrets': ssmSecretsKind,
  'efs-file-system': efsFileSystemKind,
  'efs-mount-target': efsMountTargetKind,
  instance: instanceKind,
};
