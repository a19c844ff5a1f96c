import type { PlanStep } from '@geusemaker/kit/plan';
import { CLEANUP_PHASES, TAG, type InventoryItem, type ManagedResource, type ResourceKindName, type ResourceRef } from '@geusemaker/kit/resources';

/**
 * Turning what the tags say into plan steps and journal refs, for `gm state adopt`. Pure: no AWS call.
 * A step's id is its `gm:step` tag where AWS returns one (EC2, EFS, IAM); mount targets (untagged in EFS) and the
 * SSM secrets (one step per `/geusemaker/<name>/` path) get the ids tier 1 gives them. Every step is `create`:
 * only resources carrying `gm:managed-by` are found, and gm never tags what it reuses.
 */
export interface AdoptedStep {
  step: PlanStep;
  ref: ResourceRef;
}

/** Kinds that destroy deletes; a root volume goes with its instance and is never a step of its own. */
const STEP_KINDS = new Set<string>(CLEANUP_PHASES.flat());

function phaseOf(kind: ResourceKindName): number {
  return CLEANUP_PHASES.findIndex((phase) => phase.includes(kind));
}

function refOf(resource: ManagedResource, kind: ResourceKindName, stepId: string): ResourceRef {
  if (kind === 'efs-mount-target' && resource.details.fileSystemId !== undefined) return { kind, id: resource.id, extra: { fileSystemId: resource.details.fileSystemId } };
  if (kind === 'instance') {
    const market = resource.details.market ?? 'on-demand';
    const spot = resource.details.spotInstanceRequestId;
    return { kind, id: resource.id, extra: { market, ...(spot === undefined ? {} : { spotInstanceRequestId: spot }) } };
  }
  if (kind === 'ssm-secrets') return { kind, id: resource.details.prefix ?? resource.id, extra: { stepId } };
  return { kind, id: resource.id };
}

function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted;
  for (let n = 2; taken.has(id); n += 1) id = `${wanted}-${n}`;
  taken.add(id);
  return id;
}

/**
 * Steps for one deployment's resources. Dependencies follow the cleanup phases (dependents first), so destroy
 * deletes in the same safe order as `gm cleanup`: a step depends on every step of a later phase.
 */
export function adoptedSteps(resources: readonly ManagedResource[], inventory: readonly InventoryItem[]): AdoptedStep[] {
  const stepTags = new Map(inventory.map((item) => [item.id, item.tags[TAG.step]]));
  const taken = new Set<string>();
  const seenSsmPrefixes = new Set<string>();
  let mountTargets = 0;
  const drafts: { id: string; kind: ResourceKindName; ref: ResourceRef }[] = [];
  for (const resource of resources) {
    if (!STEP_KINDS.has(resource.kind)) continue;
    const kind = resource.kind as ResourceKindName;
    if (kind === 'ssm-secrets') {
      const prefix = resource.details.prefix ?? resource.id;
      if (seenSsmPrefixes.has(prefix)) continue;
      seenSsmPrefixes.add(prefix);
    }
    const tagged = stepTags.get(resource.id);
    const wanted = tagged ?? (kind === 'efs-mount-target' ? `mount-target-${(mountTargets += 1)}` : kind === 'ssm-secrets' ? 'secrets' : kind);
    const id = uniqueId(wanted, taken);
    drafts.push({ id, kind, ref: refOf(resource, kind, id) });
  }
  return drafts.map(({ id, kind, ref }) => ({
    step: {
      id,
      kind,
      action: 'create',
      title: `${kind} ${ref.id} (adopted from its tags)`,
      dependsOn: drafts.filter((other) => phaseOf(other.kind) > phaseOf(kind)).map((other) => other.id),
      input: {},
    },
    ref,
  }));
}

/** The user's own tags (`--tag k=v` at deploy time): every tag but gm's and Name, from the tagged resources. */
export function userTagsOf(inventory: readonly InventoryItem[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const item of inventory) {
    for (const [key, value] of Object.entries(item.tags)) if (!key.startsWith('gm:') && key !== 'Name' && !key.startsWith('aws:')) tags[key] = value;
  }
  return tags;
}
