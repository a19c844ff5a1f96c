import type { FileSystemDescription } from '../../aws/index.js';
import { GmError } from '../../errors/index.js';
import { TAG } from '../tags.js';
import type { Created, ResourceContext, ResourceKind } from '../types.js';
import { observedIn, pollUntil } from '../wait.js';
import { ignoreMissing, isAwsError, ownedBy, required, stepTagList, unlessMissing } from './common.js';

export type EfsFileSystemInput = {
  /** Always true: gm never creates an unencrypted file system (DESIGN §4). */
  encrypted: true;
  performanceMode?: 'generalPurpose';
  /** `elastic`: pay per use, no provisioned throughput to size. */
  throughputMode?: 'elastic';
};

function fileSystemCreated(fileSystem: FileSystemDescription | undefined): Created {
  const fileSystemId = required(fileSystem?.FileSystemId, 'a file system id');
  const fileSystemArn = required(fileSystem?.FileSystemArn, 'a file system ARN');
  return { ref: { kind: 'efs-file-system', id: fileSystemId }, outputs: { fileSystemId, fileSystemArn } };
}

/** Gone for every purpose: not found, or in `deleted`. */
export async function describeFileSystem(ctx: ResourceContext, fileSystemId: string): Promise<FileSystemDescription | undefined> {
  const [fileSystem] = (await unlessMissing(() => ctx.aws.efs.describeFileSystems({ FileSystemId: fileSystemId }))) ?? [];
  return fileSystem?.LifeCycleState === 'deleted' ? undefined : fileSystem;
}

/** The deployment's file systems (any step), newest first; `stepId` narrows to one step. */
export async function deploymentFileSystems(ctx: ResourceContext, stepId?: string): Promise<FileSystemDescription[]> {
  // EFS has no server-side tag filter: list and match (an account holds few file systems).
  const all = await ctx.aws.efs.describeFileSystems();
  return all
    .filter((fileSystem) => fileSystem.LifeCycleState !== 'deleted' && fileSystem.LifeCycleState !== 'deleting')
    .filter((fileSystem) => ownedBy(ctx, fileSystem.Tags, stepId))
    .sort((a, b) => (b.CreationTime?.getTime() ?? 0) - (a.CreationTime?.getTime() ?? 0));
}

async function byCreationToken(ctx: ResourceContext, token: string): Promise<FileSystemDescription | undefined> {
  const [fileSystem] = await ctx.aws.efs.describeFileSystems({ CreationToken: token });
  return fileSystem;
}

async function waitAvailable(ctx: ResourceContext, fileSystemId: string): Promise<void> {
  await pollUntil(ctx, `EFS ${fileSystemId} to become available`, async () => {
    const state = (await describeFileSystem(ctx, fileSystemId))?.LifeCycleState;
    if (state === 'error' || state === undefined) {
      throw new GmError({ code: 'EFS_FAILED', message: `EFS ${fileSystemId} is ${state ?? 'gone'} instead of available.`, hint: 'Run `gm destroy <name>` and deploy again.' });
    }
    return state === 'available' ? true : undefined;
  });
}

/**
 * The deployment's encrypted EFS file system. CreationToken = the step's journal token makes the create idempotent
 * on AWS: a repeated call answers FileSystemAlreadyExists, and the existing file system is adopted.
 */
export const efsFileSystemKind: ResourceKind<EfsFileSystemInput> = {
  kind: 'efs-file-system',
  // TagResource: EFS authorizes tags passed to CreateFileSystem as elasticfilesystem:TagResource.
  iamActions: [
    'elasticfilesystem:CreateFileSystem',
    'elasticfilesystem:TagResource',
    'elasticfilesystem:DescribeFileSystems',
    'elasticfilesystem:DeleteFileSystem',
  ],

  async create(ctx, input, meta) {
    try {
      const created = await ctx.aws.efs.createFileSystem({
        CreationToken: meta.token,
        Encrypted: input.encrypted,
        PerformanceMode: input.performanceMode ?? 'generalPurpose',
        ThroughputMode: input.throughputMode ?? 'elastic',
        Tags: stepTagList(ctx, meta.stepId),
      });
      return { ...fileSystemCreated(created), observed: { state: created.LifeCycleState ?? 'creating' } };
    } catch (error) {
      if (!isAwsError(error, 'FileSystemAlreadyExists')) throw error;
      return fileSystemCreated(await byCreationToken(ctx, meta.token));
    }
  },

  async waitReady(ctx, created) {
    // AWS answers CreateFileSystem with `creating` (then this polls); an `available` answer needs no confirming.
    if (!observedIn(created, 'available')) await waitAvailable(ctx, created.ref.id);
    return {};
  },

  async findByTag(ctx, meta) {
    const byToken = await byCreationToken(ctx, meta.token);
    if (byToken !== undefined && ownedBy(ctx, byToken.Tags)) return fileSystemCreated(byToken);
    const [newest, ...others] = await deploymentFileSystems(ctx, meta.stepId);
    if (others.length > 0) ctx.warn(`Found ${others.length + 1} file systems tagged ${TAG.step}=${meta.stepId}; using ${newest?.FileSystemId}.`);
    return newest === undefined ? undefined : fileSystemCreated(newest);
  },

  async describe(ctx, id) {
    const fileSystem = await describeFileSystem(ctx, id);
    return fileSystem === undefined ? undefined : fileSystemCreated(fileSystem);
  },

  async exists(ctx, ref) {
    return (await describeFileSystem(ctx, ref.id)) !== undefined;
  },

  async delete(ctx, ref) {
    // FileSystemInUse while mount targets remain: the engine deletes those first and retries this error.
    await ignoreMissing(() => ctx.aws.efs.deleteFileSystem({ FileSystemId: ref.id }));
    await pollUntil(ctx, `EFS ${ref.id} to be deleted`, async () => ((await describeFileSystem(ctx, ref.id)) === undefined ? true : undefined));
  },
};
