import type { AwsContext } from '../aws/index.js';
import { withDependencyRetry } from '../engine/teardown.js';
import { GmError, translateAwsError } from '../errors/index.js';
import { unlessMissing } from './compute/common.js';
import { describeTaggedEc2 } from './inventory.js';
import { kindFor } from './registry.js';
import { MANAGED_BY_VALUE, TAG } from './tags.js';
import type { DeploymentIdentity, ResourceContext, ResourceKindName, ResourceRef } from './types.js';

/**
 * What `gm cleanup` finds and removes: every resource tagged `gm:managed-by=geusemaker` (DESIGN §5), grouped by its
 * `gm:deployment` tag. Only tags decide; a resource without gm's tag is never listed, hence never deleted.
 */

/** Every registry kind, plus the instance's root volume, which goes with its instance and is never deleted alone. */
export type ManagedKind = ResourceKindName | 'volume';

export interface ManagedResource {
  /** The region it lives in; `global` for IAM. */
  region: string;
  kind: ManagedKind;
  /** What `kindFor(kind).delete` takes: an EC2/EFS id, an IAM name, an SSM parameter name. */
  id: string;
  /** The `gm:deployment` tag (for SSM without it: the name in `/geusemaker/<name>/`). */
  deployment: string;
  deploymentId: string | undefined;
  tier: string | undefined;
  /** ISO time AWS reports the resource was created (instances, volumes, EFS, SSM); undefined where AWS gives none. */
  createdAt: string | undefined;
  /** Kind-specific facts: instanceType, market, sizeGiB, fileSystemId (mount target), instanceId (volume), prefix (SSM). */
  details: Record<string, string>;
}

type TagList = readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined;

function tagMap(tags: TagList): Record<string, string> {
  return Object.fromEntries((tags ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [[tag.Key, tag.Value ?? '']])));
}

const isManaged = (tags: Record<string, string>): boolean => tags[TAG.managedBy] === MANAGED_BY_VALUE;
const iso = (date: Date | undefined): string | undefined => (date === undefined ? undefined : date.toISOString());

/** A managed resource from its tags, or nothing when the tags do not say gm made it for a named deployment. */
function managed(region: string, kind: ManagedKind, id: string | undefined, tagList: TagList, extra: Partial<Pick<ManagedResource, 'createdAt' | 'details' | 'deployment'>> = {}): ManagedResource[] {
  const tags = tagMap(tagList);
  const deployment = tags[TAG.deployment] ?? extra.deployment;
  if (id === undefined || id === '' || !isManaged(tags) || deployment === undefined || deployment === '') return [];
  return [{ region, kind, id, deployment, deploymentId: tags[TAG.deploymentId], tier: tags[TAG.tier], createdAt: extra.createdAt, details: extra.details ?? {} }];
}


async function ec2Managed(aws: AwsContext): Promise<ManagedResource[]> {
  const region = aws.region;
  const { vpcs, subnets, gateways, tables, groups, addresses, instances, volumes } = await describeTaggedEc2(aws, TAG.managedBy, MANAGED_BY_VALUE);
  return [
    ...instances.flatMap((i) =>
      managed(region, 'instance', i.InstanceId, i.Tags, {
        createdAt: iso(i.LaunchTime),
        details: {
          instanceType: i.InstanceType ?? '',
          market: i.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
          ...(i.SpotInstanceRequestId === undefined ? {} : { spotInstanceRequestId: i.SpotInstanceRequestId }),
        },
      }),
    ),
    ...volumes
      .filter((v) => v.State !== 'deleted' && v.State !== 'deleting')
      .flatMap((v) =>
        managed(region, 'volume', v.VolumeId, v.Tags, {
          createdAt: iso(v.CreateTime),
          details: { sizeGiB: String(v.Size ?? 0), ...(v.Attachments?.[0]?.InstanceId === undefined ? {} : { instanceId: v.Attachments[0].InstanceId }) },
        }),
      ),
    ...addresses.flatMap((a) => managed(region, 'elastic-ip', a.AllocationId, a.Tags, { details: a.PublicIp === undefined ? {} : { publicIp: a.PublicIp } })),
    ...groups.flatMap((g) => managed(region, 'security-group', g.GroupId, g.Tags)),
    ...tables.flatMap((t) => managed(region, 'route-table', t.RouteTableId, t.Tags)),
    ...gateways.flatMap((g) => managed(region, 'internet-gateway', g.InternetGatewayId, g.Tags)),
    ...subnets.flatMap((s) => managed(region, 'subnet', s.SubnetId, s.Tags)),
    ...vpcs.flatMap((v) => managed(region, 'vpc', v.VpcId, v.Tags)),
  ];
}

/** EFS has no server-side tag filter: list and match; mount targets carry no tags and belong to their file system. */
async function efsManaged(aws: AwsContext): Promise<ManagedResource[]> {
  const systems = (await aws.efs.describeFileSystems()).filter((fs) => fs.LifeCycleState !== 'deleted' && fs.LifeCycleState !== 'deleting');
  const found = await Promise.all(
    systems.map(async (fs) => {
      const [fileSystem] = managed(aws.region, 'efs-file-system', fs.FileSystemId, fs.Tags, { createdAt: iso(fs.CreationTime) });
      if (fileSystem === undefined) return [];
      const targets = (await unlessMissing(() => aws.efs.describeMountTargets({ FileSystemId: fileSystem.id }))) ?? [];
      const mountTargets = targets
        .filter((target) => target.LifeCycleState !== 'deleted' && target.LifeCycleState !== 'deleting' && target.MountTargetId !== undefined)
        .map((target): ManagedResource => ({ ...fileSystem, kind: 'efs-mount-target', id: target.MountTargetId ?? '', createdAt: undefined, details: { fileSystemId: fileSystem.id } }));
      return [fileSystem, ...mountTargets];
    }),
  );
  return found.flat();
}

/** gm's IAM names all start with `gm-`; IAM's listings leave tags out, so each candidate is read for its tags. */
const IAM_PREFIX = 'gm-';

async function iamManaged(aws: AwsContext): Promise<ManagedResource[]> {
  const [roles, profiles] = await Promise.all([aws.iam.listRoles(), aws.iam.listInstanceProfiles()]);
  const roleItems = roles
    .filter((role) => role.RoleName?.startsWith(IAM_PREFIX) === true)
    .map(async (role) => {
      const full = (await unlessMissing(() => aws.iam.getRole({ RoleName: role.RoleName })))?.Role;
      return managed('global', 'iam-role', full?.RoleName, full?.Tags, { createdAt: iso(full?.CreateDate) });
    });
  const profileItems = profiles
    .filter((profile) => profile.InstanceProfileName?.startsWith(IAM_PREFIX) === true)
    .map(async (profile) => {
      const full = (await unlessMissing(() => aws.iam.getInstanceProfile({ InstanceProfileName: profile.InstanceProfileName })))?.InstanceProfile;
      return managed('global', 'instance-profile', full?.InstanceProfileName, full?.Tags, { createdAt: iso(full?.CreateDate) });
    });
  return (await Promise.all([...roleItems, ...profileItems])).flat();
}

const SSM_ROOT = '/geusemaker/';

/** `/geusemaker/<name>/`, the prefix a parameter lives under (ssm-secrets deletes by prefix). */
function ssmPrefixOf(parameterName: string): string | undefined {
  const match = /^\/geusemaker\/([^/]+)\//.exec(parameterName);
  return match?.[1] === undefined ? undefined : `${SSM_ROOT}${match[1]}/`;
}

async function ssmManaged(aws: AwsContext): Promise<ManagedResource[]> {
  const parameters = await aws.ssm.getParametersByPath({ Path: SSM_ROOT, Recursive: true, WithDecryption: false });
  const found = await Promise.all(
    parameters.map(async (parameter) => {
      const name = parameter.Name;
      const prefix = name === undefined ? undefined : ssmPrefixOf(name);
      if (name === undefined || prefix === undefined) return [];
      const tags = (await unlessMissing(() => aws.ssm.listTagsForResource({ ResourceType: 'Parameter', ResourceId: name }))) ?? [];
      const fromPath = prefix.slice(SSM_ROOT.length, -1);
      const [item] = managed(aws.region, 'ssm-secrets', name, tags, { deployment: fromPath, createdAt: iso(parameter.LastModifiedDate), details: { prefix } });
      // A tag naming another deployment than the path is not something gm wrote: leave it alone.
      return item === undefined || item.deployment !== fromPath ? [] : [item];
    }),
  );
  return found.flat();
}

/**
 * Everything tagged `gm:managed-by=geusemaker` in the context's region: EC2 (by tag filter), EFS and its mount
 * targets, SSM parameters under `/geusemaker/`, and — with `global` (default true) — IAM roles and instance profiles
 * (global: scan them with one region only). Resources without a `gm:deployment` are left out: they cannot be
 * attributed, so they are never deleted.
 */
export async function findManagedResources(aws: AwsContext, options: { global?: boolean } = {}): Promise<ManagedResource[]> {
  const groups = await Promise.all([ec2Managed(aws), efsManaged(aws), ssmManaged(aws), options.global === false ? [] : iamManaged(aws)]);
  return groups.flat();
}

/** What the state store knows is live: such resources are never orphans. */
export interface LiveDeployments {
  /** Names of deployments present in state and not destroyed. */
  names: Iterable<string>;
  /** Their `gm:deployment-id`s (a deployment recreated under another name keeps its id). */
  deploymentIds?: Iterable<string>;
  /** Every resource id their state references, reused ones included (a live deployment may use another's VPC). */
  resourceIds?: Iterable<string>;
}

/**
 * The managed resources whose deployment is not live. A resource is kept out when its deployment name or id is live,
 * or a live deployment's state references it — or, for a mount target, its file system.
 */
export function orphansOf(found: readonly ManagedResource[], live: LiveDeployments | Iterable<string>): ManagedResource[] {
  const spec: LiveDeployments = Symbol.iterator in live ? { names: live as Iterable<string> } : (live as LiveDeployments);
  const names = new Set(spec.names);
  const ids = new Set(spec.deploymentIds ?? []);
  const referenced = new Set(spec.resourceIds ?? []);
  return found.filter(
    (resource) =>
      !names.has(resource.deployment) &&
      !(resource.deploymentId !== undefined && ids.has(resource.deploymentId)) &&
      !referenced.has(resource.id) &&
      !(resource.details.fileSystemId !== undefined && referenced.has(resource.details.fileSystemId)),
  );
}

/**
 * Deletion order without a plan: each phase only after the one before it, per deployment. Dependents go first —
 * instance → Elastic IP; mount targets → file system; security groups after the instance and the mount targets;
 * route table → internet gateway (detached by its delete) → subnets → VPC; instance profile → role. SSM any time.
 */
export const CLEANUP_PHASES: readonly (readonly ResourceKindName[])[] = [
  ['instance', 'instance-profile', 'ssm-secrets'],
  ['elastic-ip', 'efs-mount-target', 'iam-role'],
  ['efs-file-system', 'security-group', 'route-table'],
  ['internet-gateway'],
  ['subnet'],
  ['vpc'],
];

/** The refs to delete, phase by phase: SSM parameters become one ref per `/geusemaker/<name>/` prefix. */
export function cleanupOrder(orphans: readonly ManagedResource[]): { kind: ResourceKindName; targets: ManagedResource[] }[][] {
  return CLEANUP_PHASES.map((phase) =>
    phase.map((kind) => {
      const ofKind = orphans.filter((resource) => resource.kind === kind);
      if (kind !== 'ssm-secrets') return { kind, targets: ofKind };
      const byPrefix = new Map<string, ManagedResource>();
      for (const parameter of ofKind) {
        const prefix = parameter.details.prefix ?? '';
        byPrefix.set(`${parameter.region} ${prefix}`, { ...parameter, id: prefix });
      }
      return { kind, targets: [...byPrefix.values()] };
    }),
  );
}

export interface CleanupEvent {
  type: 'deleting' | 'deleted' | 'failed' | 'skipped';
  resource: ManagedResource;
  error?: GmError;
  reason?: string;
}

export interface CleanupOutcome {
  deleted: ManagedResource[];
  failures: { resource: ManagedResource; error: GmError }[];
  /** Left alone on purpose, with the reason (a volume without its instance, an SSM path holding others' parameters). */
  skipped: { resource: ManagedResource; reason: string }[];
}

export interface DeleteOrphansOptions {
  /** The context to delete in: `region` is `global` for IAM (any region's client will do). */
  contextFor(region: string, identity: DeploymentIdentity): ResourceContext;
  onEvent?: (event: CleanupEvent) => void;
  dependencyRetry?: { attempts: number; delayMs: number };
}

function identityOf(resource: ManagedResource): DeploymentIdentity {
  const tier = resource.tier === 'tier2' || resource.tier === 'tier3' ? resource.tier : 'tier1';
  return { name: resource.deployment, deploymentId: resource.deploymentId ?? '', tier, userTags: {} };
}

function refOf(resource: ManagedResource, kind: ResourceKindName): ResourceRef {
  if (kind === 'efs-mount-target' && resource.details.fileSystemId !== undefined) return { kind, id: resource.id, extra: { fileSystemId: resource.details.fileSystemId } };
  if (kind === 'instance' && resource.details.spotInstanceRequestId !== undefined) return { kind, id: resource.id, extra: { spotInstanceRequestId: resource.details.spotInstanceRequestId } };
  return { kind, id: resource.id };
}

/** ssm-secrets deletes everything under the prefix: only when every parameter there is one of these orphans. */
async function foreignParameters(ctx: ResourceContext, prefix: string, orphans: readonly ManagedResource[]): Promise<string[]> {
  const ours = new Set(orphans.filter((resource) => resource.kind === 'ssm-secrets').map((resource) => resource.id));
  const present = await ctx.aws.ssm.getParametersByPath({ Path: prefix, Recursive: true, WithDecryption: false });
  return present.flatMap((parameter) => (parameter.Name === undefined || ours.has(parameter.Name) ? [] : [parameter.Name]));
}

async function deleteOne(kind: ResourceKindName, resource: ManagedResource, orphans: readonly ManagedResource[], options: DeleteOrphansOptions, outcome: CleanupOutcome): Promise<void> {
  const ctx = options.contextFor(resource.region, identityOf(resource));
  const ref = refOf(resource, kind);
  // One ssm-secrets ref stands for every parameter under its prefix: report each of them.
  const covered = kind === 'ssm-secrets' ? orphans.filter((other) => other.kind === kind && other.region === resource.region && other.details.prefix === resource.id) : [resource];
  try {
    if (kind === 'ssm-secrets') {
      const foreign = await foreignParameters(ctx, resource.id, orphans);
      if (foreign.length > 0) {
        const reason = `${resource.id} also holds parameters gm did not tag for ${resource.deployment} (${foreign.join(', ')}); nothing under it was deleted.`;
        for (const parameter of covered) outcome.skipped.push({ resource: parameter, reason });
        options.onEvent?.({ type: 'skipped', resource, reason });
        return;
      }
    }
    options.onEvent?.({ type: 'deleting', resource });
    const kindImpl = kindFor(kind);
    await withDependencyRetry(() => kindImpl.delete(ctx, ref), options.dependencyRetry);
    if (await kindImpl.exists(ctx, ref)) {
      throw new GmError({ code: 'DELETE_NOT_VERIFIED', message: `${kind} ${resource.id} still exists after deletion.`, hint: 'Run `gm cleanup` again in a minute.' });
    }
    outcome.deleted.push(...covered);
    options.onEvent?.({ type: 'deleted', resource });
  } catch (error) {
    const gmError = translateAwsError(error, `delete ${kind} ${resource.id}`);
    for (const item of covered) outcome.failures.push({ resource: item, error: gmError });
    options.onEvent?.({ type: 'failed', resource, error: gmError });
  }
}

/** Root volumes go with their instance (DeleteOnTermination): verified gone, never deleted on their own. */
async function settleVolumes(volumes: readonly ManagedResource[], deletedInstances: ReadonlySet<string>, options: DeleteOrphansOptions, outcome: CleanupOutcome): Promise<void> {
  await Promise.all(
    volumes.map(async (volume) => {
      const instanceId = volume.details.instanceId;
      if (instanceId === undefined || !deletedInstances.has(instanceId)) {
        const reason = instanceId === undefined
          ? `volume ${volume.id} is attached to no instance; gm cleanup does not delete volumes on their own (aws ec2 delete-volume --volume-id ${volume.id}).`
          : `volume ${volume.id} stays while its instance ${instanceId} does.`;
        outcome.skipped.push({ resource: volume, reason });
        options.onEvent?.({ type: 'skipped', resource: volume, reason });
        return;
      }
      const ctx = options.contextFor(volume.region, identityOf(volume));
      const [left] = (await unlessMissing(() => ctx.aws.ec2Instances.describeVolumes({ VolumeIds: [volume.id] }))) ?? [];
      if (left === undefined || left.State === 'deleted' || left.State === 'deleting') {
        outcome.deleted.push(volume);
        options.onEvent?.({ type: 'deleted', resource: volume });
        return;
      }
      const reason = `volume ${volume.id} outlived its instance ${instanceId} (DeleteOnTermination off); delete it with aws ec2 delete-volume --volume-id ${volume.id}.`;
      outcome.skipped.push({ resource: volume, reason });
      options.onEvent?.({ type: 'skipped', resource: volume, reason });
    }),
  );
}

/**
 * Deletes orphans with their kinds' own `delete`, dependents first (CLEANUP_PHASES), each deployment on its own so one
 * deployment's failure does not hold back another's; deletions within a phase run in parallel, DependencyViolation
 * and the like are retried (teardown's policy), and each deletion is verified with `exists`.
 */
export async function deleteOrphans(orphans: readonly ManagedResource[], options: DeleteOrphansOptions): Promise<CleanupOutcome> {
  const outcome: CleanupOutcome = { deleted: [], failures: [], skipped: [] };
  const deployments = [...new Set(orphans.map((resource) => resource.deployment))];
  await Promise.all(
    deployments.map(async (deployment) => {
      const own = orphans.filter((resource) => resource.deployment === deployment);
      for (const phase of cleanupOrder(own)) {
        await Promise.all(phase.flatMap(({ kind, targets }) => targets.map((target) => deleteOne(kind, target, own, options, outcome))));
      }
      const deletedInstances = new Set(outcome.deleted.filter((resource) => resource.kind === 'instance').map((resource) => resource.id));
      await settleVolumes(own.filter((resource) => resource.kind === 'volume'), deletedInstances, options, outcome);
    }),
  );
  return outcome;
}
