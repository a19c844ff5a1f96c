import type * as EfsSdk from '@aws-sdk/client-efs';
import type {
  CreateFileSystemCommandInput,
  CreateFileSystemCommandOutput,
  CreateMountTargetCommandInput,
  CreateMountTargetCommandOutput,
  DeleteFileSystemCommandInput,
  DeleteMountTargetCommandInput,
  DescribeFileSystemsCommandInput,
  DescribeMountTargetsCommandInput,
  FileSystemDescription,
  MountTargetDescription,
} from '@aws-sdk/client-efs';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type {
  CreateFileSystemCommandInput,
  CreateMountTargetCommandInput,
  FileSystemDescription,
  MountTargetDescription,
} from '@aws-sdk/client-efs';

/** The EFS operations gm uses. Describe calls return every page. */
export interface EfsApi {
  createFileSystem(input: CreateFileSystemCommandInput): Promise<CreateFileSystemCommandOutput>;
  describeFileSystems(input?: DescribeFileSystemsCommandInput): Promise<FileSystemDescription[]>;
  deleteFileSystem(input: DeleteFileSystemCommandInput): Promise<void>;
  createMountTarget(input: CreateMountTargetCommandInput): Promise<CreateMountTargetCommandOutput>;
  /** Needs exactly one of FileSystemId, MountTargetId or AccessPointId (an EFS rule). */
  describeMountTargets(input: DescribeMountTargetsCommandInput): Promise<MountTargetDescription[]>;
  deleteMountTarget(input: DeleteMountTargetCommandInput): Promise<void>;
}

export type EfsHandle = ClientHandle<typeof EfsSdk, EfsSdk.EFSClient>;
type Efs = LoadedClient<typeof EfsSdk, EfsSdk.EFSClient>;

export function createEfsApi(handle: EfsHandle): EfsApi {
  const call = <T>(operation: string, run: (efs: Efs) => Promise<T>): Promise<T> =>
    callAws(`EFS ${operation}`, async () => run(await handle.load()));
  return {
    createFileSystem: (input) => call('CreateFileSystem', ({ sdk, client }) => client.send(new sdk.CreateFileSystemCommand(input))),
    describeFileSystems: (input = {}) =>
      call('DescribeFileSystems', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeFileSystems({ client }, input), (page) => page.FileSystems),
      ),
    deleteFileSystem: (input) =>
      call('DeleteFileSystem', async ({ sdk, client }) => void (await client.send(new sdk.DeleteFileSystemCommand(input)))),
    createMountTarget: (input) => call('CreateMountTarget', ({ sdk, client }) => client.send(new sdk.CreateMountTargetCommand(input))),
    describeMountTargets: (input) =>
      call('DescribeMountTargets', ({ sdk, client }) =>
        collectPages(sdk.paginateDescribeMountTargets({ client }, input), (page) => page.MountTargets),
      ),
    deleteMountTarget: (input) =>
      call('DeleteMountTarget', async ({ sdk, client }) => void (await client.send(new sdk.DeleteMountTargetCommand(input)))),
  };
}
