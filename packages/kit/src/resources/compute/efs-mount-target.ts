import type { MountTargetDescription } from '../../aws/index.js';
import { GmError } from '../../errors/index.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { observedIn, pollUntil } from '../wait.js';
import { ignoreMissing, isAwsError, required, unlessMissing } from './common.js';
import { deploymentFileSystems } from './efs-file-system.js';

export type EfsMountTargetInput = { fileSystemId: string; subnetId: string; securityGroupId: string };

const GONE_STATES = new Set(['deleting', 'deleted']);

function mountTargetCreated(target: MountTargetDescription | undefined): Created {
  const mountTargetId = required(target?.MountTargetId, 'a mount target id');
  const fileSystemId = required(target?.FileSystemId, 'a file system id');
  return {
    ref: { kind: 'efs-mount-target', id: mountTargetId, extra: { fileSystemId } },
    outputs: { mountTargetId, fileSystemId, subnetId: target?.SubnetId ?? '', availabilityZone: target?.AvailabilityZoneName ?? '' },
  };
}

async function describeMountTarget(ctx: ResourceContext, mountTargetId: string): Promise<MountTargetDescription | undefined> {
  const [target] = (await unlessMissing(() => ctx.aws.efs.describeMountTargets({ MountTargetId: mountTargetId }))) ?? [];
  return target?.LifeCycleState === 'deleted' ? undefined : target;
}

/** Mount targets of a file system that are not on their way out, optionally only the one in `subnetId`. */
async function liveTargets(ctx: ResourceContext, fileSystemId: string, subnetId?: string): Promise<MountTargetDescription[]> {
  const targets = (await unlessMissing(() => ctx.aws.efs.describeMountTargets({ FileSystemId: fileSystemId }))) ?? [];
  return targets.filter((target) => !GONE_STATES.has(target.LifeCycleState ?? '') && (subnetId === undefined || target.SubnetId === subnetId));
}

/**
 * EFS allows one mount target per AZ: MountTargetConflict means one exists already. If it sits in the subnet gm asked
 * for (an earlier run created it before a crash), it is adopted; anywhere else it is someone else's and an error.
 */
async function adoptConflicting(ctx: ResourceContext, input: EfsMountTargetInput, cause: unknown): Promise<Created> {
  const [target] = await liveTargets(ctx, input.fileSystemId, input.subnetId);
  if (target !== undefined) return mountTargetCreated(target);
  throw new GmError({
    code: 'EFS_MOUNT_TARGET_CONFLICT',
    message: `EFS ${input.fileSystemId} already has a mount target in the availability zone of ${input.subnetId}, in another subnet.`,
    hint: 'Remove that mount target, or deploy into its subnet.',
    cause,
  });
}

/**
 * One mount target of the deployment's file system in the instance's subnet. Mount targets cannot carry tags, so
 * `gm:step` cannot be on one: findByTag finds the deployment's file system by its tags (or takes the input's), lists
 * its mount targets and matches the subnet — with no subnet in the input (teardown), the first live one.
 */
export const efsMountTargetKind: ResourceKind<EfsMountTargetInput> = {
  kind: 'efs-mount-target',
  // CreateMountTarget/DeleteMountTarget also need the EC2 actions on the network interface EFS makes for the caller.
  iamActions: [
    'elasticfilesystem:CreateMountTarget',
    'elasticfilesystem:DescribeMountTargets',
    'elasticfilesystem:DescribeFileSystems',
    'elasticfilesystem:DeleteMountTarget',
    'ec2:DescribeSubnets',
    'ec2:DescribeNetworkInterfaces',
    'ec2:CreateNetworkInterface',
    'ec2:DeleteNetworkInterface',
  ],

  async create(ctx, input) {
    try {
      const target = await ctx.aws.efs.createMountTarget({
        FileSystemId: input.fileSystemId,
        SubnetId: input.subnetId,
        SecurityGroups: [input.securityGroupId],
      });
      const facts: Record<string, string> = target.IpAddress === undefined ? {} : { ipAddress: target.IpAddress };
      return { ...mountTargetCreated(target), observed: { state: target.LifeCycleState ?? 'creating', facts } };
    } catch (error) {
      if (isAwsError(error, 'MountTargetConflict')) return adoptConflicting(ctx, input, error);
      throw error;
    }
  },

  async waitReady(ctx, created) {
    // AWS answers CreateMountTarget with `creating` (then this polls); an `available` answer with its IP is final.
    const ipAddress = created.observed?.facts?.ipAddress;
    if (observedIn(created, 'available') && typeof ipAddress === 'string') return { ipAddress };
    const { ref } = created;
    return pollUntil(ctx, `EFS mount target ${ref.id} to become available`, async () => {
      const target = await describeMountTarget(ctx, ref.id);
      if (target === undefined || target.LifeCycleState === 'error' || GONE_STATES.has(target.LifeCycleState ?? '')) {
        throw new GmError({ code: 'EFS_FAILED', message: `EFS mount target ${ref.id} is ${target?.LifeCycleState ?? 'gone'} instead of available.`, hint: 'Run `gm resume <name>`.' });
      }
      return target.LifeCycleState === 'available' ? { ipAddress: target.IpAddress ?? '' } : undefined;
    });
  },

  async findByTag(ctx, _meta, input) {
    const fileSystemIds = typeof input.fileSystemId === 'string' ? [input.fileSystemId] : (await deploymentFileSystems(ctx)).map((fs) => fs.FileSystemId ?? '');
    for (const fileSystemId of fileSystemIds) {
      const [target] = await liveTargets(ctx, fileSystemId, typeof input.subnetId === 'string' ? input.subnetId : undefined);
      if (target !== undefined) return mountTargetCreated(target);
    }
    return undefined;
  },

  async describe(ctx, id) {
    const target = await describeMountTarget(ctx, id);
    return target === undefined ? undefined : mountTargetCreated(target);
  },

  async exists(ctx, ref) {
    return (await describeMountTarget(ctx, ref.id)) !== undefined;
  },

  async delete(ctx, ref) {
    await ignoreMissing(() => ctx.aws.efs.deleteMountTarget({ MountTargetId: ref.id }));
    // Until it is gone, its file system refuses deletion (FileSystemInUse) and its subnet keeps a network interface.
    await pollUntil(ctx, `EFS mount target ${ref.id} to be deleted`, async () => ((await describeMountTarget(ctx, ref.id)) === undefined ? true : undefined));
  },
};
