import { randomUUID } from 'node:crypto';
import { createAwsContext, type AwsContext } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import type { DeploymentState } from '@geusemaker/kit/deployment';
import { deploymentInventory, findManagedResources, type ManagedResource } from '@geusemaker/kit/resources';
import type { DeploymentSpec } from '@geusemaker/kit/spec';
import { STATE_SCHEMA_VERSION, type StateStore } from '@geusemaker/kit/state';
import { adoptedSteps, userTagsOf, type AdoptedStep } from './adopt-plan.js';

export interface AdoptOptions {
  store: StateStore;
  connection: AwsConnectionOptions;
  /** --region, repeatable; empty: the configured region. */
  regions: readonly string[];
  /** Only these deployments (default: every one found that has no state here). */
  names: readonly string[];
}

export interface AdoptedDeployment {
  name: string;
  deploymentId: string;
  region: string;
  resources: { step: string; kind: string; id: string }[];
}

export interface AdoptResult {
  regions: string[];
  adopted: AdoptedDeployment[];
  /** Found by tag but left alone: they already have state in this store. */
  skipped: { name: string; reason: string }[];
}

const now = (): string => new Date().toISOString();

/** The most frequent value (a deployment's resources agree on their id and tier unless something was re-created). */
function mostCommon(values: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function tierOf(resources: readonly ManagedResource[]): DeploymentState['tier'] {
  const tier = mostCommon(resources.map((r) => r.tier));
  return tier === 'tier2' || tier === 'tier3' ? tier : 'tier1';
}

/** The spec as far as tags tell it: name, tier, region and the user's tags; the rest are gm's defaults. */
function recoveredSpec(name: string, tier: DeploymentState['tier'], region: string, tags: Record<string, string>): DeploymentSpec {
  return { name, tier, region, market: 'auto', allowedCidr: '0.0.0.0/0', cidr: '10.42.0.0/16', tags, models: [], images: {} };
}

function stateFor(name: string, region: string, resources: readonly ManagedResource[], steps: readonly AdoptedStep[], tags: Record<string, string>): DeploymentState {
  const deploymentId = mostCommon(resources.map((r) => r.deploymentId)) ?? randomUUID();
  const tier = tierOf(resources);
  const createdAt = resources.flatMap((r) => (r.createdAt === undefined ? [] : [r.createdAt])).sort()[0] ?? now();
  return {
    schemaVersion: STATE_SCHEMA_VERSION as DeploymentState['schemaVersion'],
    name,
    deploymentId,
    tier,
    region,
    status: 'deployed',
    createdAt,
    updatedAt: now(),
    spec: recoveredSpec(name, tier, region, tags),
    plan: { deploymentName: name, deploymentId, tier, region, steps: steps.map((s) => s.step) },
    outputs: {},
    lastError: { code: 'ADOPTED', message: 'State rebuilt from resource tags by `gm state adopt`: ids and order are known, not the original settings.', at: now() },
  };
}

/** Writes the document and a journal in which every adopted resource is `created` (so destroy deletes it). */
async function writeAdopted(store: StateStore, state: DeploymentState, steps: readonly AdoptedStep[]): Promise<void> {
  const lock = await store.lock(state.name, 'adopt');
  try {
    await store.appendJournal(state.name, { type: 'run', at: now(), operation: 'adopt', pid: process.pid });
    for (const { step, ref } of steps) await store.appendJournal(state.name, { type: 'created', at: now(), stepId: step.id, ref, outputs: {}, adopted: true });
    await store.write(state.name, state as unknown as Parameters<StateStore['write']>[1]);
  } finally {
    await lock.release();
  }
}

async function scan(options: AdoptOptions): Promise<{ regions: string[]; found: Map<string, { region: string; aws: AwsContext; resources: ManagedResource[] }>; contexts: AwsContext[] }> {
  const primary = await createAwsContext({ region: options.regions[0] ?? options.connection.region, profile: options.connection.profile, endpointUrl: options.connection.endpointUrl });
  const regions = options.regions.length > 0 ? [...new Set(options.regions)] : [primary.region];
  const contexts = regions.map((region) => (region === primary.region ? primary : primary.inRegion(region)));
  if (!contexts.includes(primary)) contexts.push(primary);
  const found = new Map<string, { region: string; aws: AwsContext; resources: ManagedResource[] }>();
  // IAM is global: scanned once, with the first region, and attributed to the deployment's regional resources.
  const perRegion = await Promise.all(regions.map(async (region, index) => ({ aws: contexts[index] as AwsContext, resources: await findManagedResources(contexts[index] as AwsContext, { global: index === 0 }) })));
  const global = perRegion.flatMap((r) => r.resources.filter((resource) => resource.region === 'global'));
  for (const { aws, resources } of perRegion) {
    for (const resource of resources.filter((r) => r.region !== 'global')) {
      const entry = found.get(resource.deployment) ?? { region: aws.region, aws, resources: [] };
      entry.resources.push(resource);
      found.set(resource.deployment, entry);
    }
  }
  for (const resource of global) found.get(resource.deployment)?.resources.push(resource);
  return { regions, found, contexts };
}

/**
 * `gm state adopt`: for each deployment found by its tags that has no state in this store, rebuild a state document
 * and a journal from what AWS holds, so `gm destroy` (and `gm inspect`) work again. Resources become `created`
 * (never `reused`: gm never tags what it reuses), ordered for deletion like `gm cleanup` does.
 */
export async function adoptDeployments(options: AdoptOptions): Promise<AdoptResult> {
  const { regions, found, contexts } = await scan(options);
  try {
    const known = new Set(await options.store.list());
    const result: AdoptResult = { regions, adopted: [], skipped: [] };
    for (const [name, { region, aws, resources }] of [...found.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (options.names.length > 0 && !options.names.includes(name)) continue;
      if (known.has(name)) {
        result.skipped.push({ name, reason: `already has state in ${options.store.location}` });
        continue;
      }
      const inventory = await deploymentInventory(aws, name);
      const steps = adoptedSteps(resources, inventory);
      const state = stateFor(name, region, resources, steps, userTagsOf(inventory));
      await writeAdopted(options.store, state, steps);
      result.adopted.push({ name, deploymentId: state.deploymentId, region, resources: steps.map(({ step, ref }) => ({ step: step.id, kind: ref.kind, id: ref.id })) });
    }
    return result;
  } finally {
    for (const aws of contexts) aws.destroy();
  }
}
