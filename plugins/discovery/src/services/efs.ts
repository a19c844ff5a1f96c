import type { AwsContext, FileSystemDescription, MountTargetDescription } from '@geusemaker/kit/aws';
import { checkVpcId, discover, isGmManaged, nameTag, type DiscoveryMeta, type DiscoveryRequest } from './discovery.js';

export interface MountTargetRow {
  readonly mountTargetId: string;
  readonly availabilityZone: string | null;
  readonly subnetId: string | null;
  readonly vpcId: string | null;
  readonly ipAddress: string | null;
  readonly state: string | null;
}

/** One row of `gm discover efs`. */
export interface FileSystemRow {
  readonly fileSystemId: string;
  readonly name: string | null;
  readonly encrypted: boolean;
  readonly throughputMode: string | null;
  readonly performanceMode: string | null;
  readonly state: string | null;
  /** The metered size EFS last reported, in bytes. */
  readonly sizeBytes: number | null;
  readonly mountTargets: readonly MountTargetRow[];
  /** How many mount targets per availability zone (gm needs one in the instance's AZ). */
  readonly mountTargetsPerAz: Readonly<Record<string, number>>;
  readonly gmManaged: boolean;
}

export interface FileSystemsResult extends DiscoveryMeta {
  readonly fileSystems: readonly FileSystemRow[];
}

export interface FileSystemsOptions extends DiscoveryRequest {
  /** Only file systems with a mount target in this VPC. */
  readonly vpcId: string | undefined;
}

const mountTargetRow = (target: MountTargetDescription): MountTargetRow => ({
  mountTargetId: target.MountTargetId ?? '',
  availabilityZone: target.AvailabilityZoneName ?? null,
  subnetId: target.SubnetId ?? null,
  vpcId: target.VpcId ?? null,
  ipAddress: target.IpAddress ?? null,
  state: target.LifeCycleState ?? null,
});

function fileSystemRow(fs: FileSystemDescription, targets: readonly MountTargetRow[]): FileSystemRow {
  const perAz: Record<string, number> = {};
  for (const target of targets) perAz[target.availabilityZone ?? '?'] = (perAz[target.availabilityZone ?? '?'] ?? 0) + 1;
  return {
    fileSystemId: fs.FileSystemId ?? '',
    name: fs.Name ?? nameTag(fs.Tags),
    encrypted: fs.Encrypted === true,
    throughputMode: fs.ThroughputMode ?? null,
    performanceMode: fs.PerformanceMode ?? null,
    state: fs.LifeCycleState ?? null,
    sizeBytes: fs.SizeInBytes?.Value ?? null,
    mountTargets: [...targets].sort((a, b) => (a.availabilityZone ?? '').localeCompare(b.availabilityZone ?? '')),
    mountTargetsPerAz: perAz,
    gmManaged: isGmManaged(fs.Tags),
  };
}

/** The file systems, then their mount targets: one DescribeMountTargets per file system, all in parallel. */
async function fetchFileSystems(aws: AwsContext, vpcId: string | undefined): Promise<FileSystemRow[]> {
  const fileSystems = await aws.efs.describeFileSystems();
  const targets = await Promise.all(fileSystems.map((fs) => aws.efs.describeMountTargets({ FileSystemId: fs.FileSystemId })));
  return fileSystems
    .map((fs, index) => fileSystemRow(fs, (targets[index] ?? []).map(mountTargetRow)))
    .filter((row) => vpcId === undefined || row.mountTargets.some((target) => target.vpcId === vpcId))
    .sort((a, b) => a.fileSystemId.localeCompare(b.fileSystemId));
}

/** `gm discover efs`. */
export async function discoverFileSystems(options: FileSystemsOptions): Promise<FileSystemsResult> {
  checkVpcId(options.vpcId);
  const { value, ...meta } = await discover(options, 'efs', { vpcId: options.vpcId ?? null }, (aws) => fetchFileSystems(aws, options.vpcId));
  return { ...meta, fileSystems: value };
}
