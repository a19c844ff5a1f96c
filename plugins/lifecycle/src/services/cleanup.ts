import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readStepRecords } from '@geusemaker/kit/deployment';
import { GmError, PartialError } from '@geusemaker/kit/errors';
import type { Prompter, Reporter } from '@geusemaker/kit/io';
import { HOURS_PER_MONTH, onDemandHourly, priceBookFromSnapshot, readBundledSnapshot, servicePrices, type PriceBook } from '@geusemaker/kit/pricing';
import { deleteOrphans, findManagedResources, orphansOf, type LiveDeployments, type ManagedResource } from '@geusemaker/kit/resources';
import type { StateStore } from '@geusemaker/kit/state';
import type { AwsContext } from '@geusemaker/kit/aws';
import { openAws, openStateStore, resourceContext } from './session.js';

export interface CleanupOptions {
  /** --region, repeatable; empty: the configured region. */
  regions: readonly string[];
  allRegions: boolean;
  /** --deployment, repeatable: only these deployments' orphans. */
  deployments: readonly string[];
  dryRun: boolean;
  yes: boolean;
  env: NodeJS.ProcessEnv;
  connection: AwsConnectionOptions;
  reporter: Reporter;
  prompter: Prompter;
  warn: (message: string) => void;
}

/** One orphaned resource as shown to the user. */
export interface OrphanView {
  deployment: string;
  deploymentId: string | null;
  region: string;
  kind: string;
  id: string;
  createdAt: string | null;
  ageHours: number | null;
  /** Estimated from the bundled price snapshot; null where it has no hourly price (EFS bills per GB stored). */
  hourlyUsd: number | null;
}

export interface CleanupResult {
  dryRun: boolean;
  regions: string[];
  /** Deployments whose resources were found but left alone because they are live in this state store. */
  liveDeployments: string[];
  orphans: OrphanView[];
  estimatedHourlyUsd: number;
  estimatedMonthlyUsd: number;
  deleted: OrphanView[];
  skipped: (OrphanView & { reason: string })[];
}

/** Deployments in this state store that are not destroyed, with their ids and every resource id they reference. */
async function liveDeployments(store: StateStore): Promise<LiveDeployments & { names: string[] }> {
  const names: string[] = [];
  const deploymentIds: string[] = [];
  const resourceIds: string[] = [];
  for (const name of await store.list()) {
    const doc = await store.read(name).catch(() => undefined);
    // Unreadable or without a state document (a crashed first write): still live — never guess it is gone.
    if (doc?.status === 'destroyed') continue;
    names.push(name);
    if (typeof doc?.deploymentId === 'string') deploymentIds.push(doc.deploymentId);
    const outputs = (doc?.outputs ?? {}) as Record<string, Record<string, unknown>>;
    const records = await readStepRecords(store, name).then(({ records: r }) => [...r.values()]).catch(() => []);
    const values = [...Object.values(outputs), ...records.map((record) => record.outputs ?? {})].flatMap((o) => Object.values(o));
    resourceIds.push(...records.flatMap((record) => (record.ref === undefined ? [] : [record.ref.id])));
    resourceIds.push(...values.flatMap((value) => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])));
  }
  return { names, deploymentIds, resourceIds };
}

function hourlyCost(book: PriceBook, resource: ManagedResource): number | null {
  if (resource.kind === 'instance') {
    // The on-demand rate: an upper bound for a spot instance, whose AZ-specific price the snapshot keys by AZ id.
    return onDemandHourly(book, resource.region, resource.details.instanceType ?? '')?.usd ?? null;
  }
  if (resource.kind === 'elastic-ip') return servicePrices(book, resource.region).publicIpv4Hour?.usd ?? 0.005;
  if (resource.kind === 'volume') {
    const perGbMonth = servicePrices(book, resource.region).ebsGp3GbMonth?.usd;
    return perGbMonth === undefined ? null : (perGbMonth * Number(resource.details.sizeGiB ?? 0)) / HOURS_PER_MONTH;
  }
  return null;
}

function view(book: PriceBook, now: number): (resource: ManagedResource) => OrphanView {
  return (resource) => {
    const created = resource.createdAt === undefined ? undefined : Date.parse(resource.createdAt);
    return {
      deployment: resource.deployment,
      deploymentId: resource.deploymentId ?? null,
      region: resource.region,
      kind: resource.kind,
      id: resource.id,
      createdAt: resource.createdAt ?? null,
      ageHours: created === undefined || Number.isNaN(created) ? null : Math.max(0, Math.round(((now - created) / 3_600_000) * 10) / 10),
      hourlyUsd: hourlyCost(book, resource),
    };
  };
}

/** --all-regions: the regions of the bundled price snapshot (where gm deploys), plus any named or configured. */
function regionsToScan(options: CleanupOptions, configured: string): string[] {
  const named = options.regions.length > 0 ? [...options.regions] : [configured];
  const all = options.allRegions ? Object.keys(readBundledSnapshot().ec2.regions) : [];
  return [...new Set([...named, ...all])].sort();
}

async function scan(primary: AwsContext, regions: readonly string[], contexts: Map<string, AwsContext>): Promise<ManagedResource[]> {
  const found = await Promise.all(
    regions.map(async (region, index) => {
      const aws = region === primary.region ? primary : primary.inRegion(region);
      contexts.set(region, aws);
      // IAM is global: scanned once, with the first region.
      return findManagedResources(aws, { global: index === 0 });
    }),
  );
  return found.flat();
}

const round = (usd: number): number => Math.round(usd * 10_000) / 10_000;

/**
 * `gm cleanup`: lists (and, unless --dry-run, deletes) what carries gm's tags in the regions scanned but belongs to no
 * live deployment of this state store. Untagged and reused resources never carry gm's tag for an orphaned deployment,
 * and anything a live deployment references is excluded, so neither is ever touched.
 */
export async function cleanup(options: CleanupOptions): Promise<CleanupResult> {
  if (!options.dryRun && !options.yes && !options.prompter.interactive) {
    // Refuse before any AWS call: the prompter names --yes (usage error, exit 2).
    await options.prompter.confirm({ message: 'Delete orphaned gm resources', flag: '--yes' });
  }
  const store = openStateStore(options.env);
  const live = await liveDeployments(store);
  const primary = await openAws(options.connection, options.regions[0]);
  const contexts = new Map<string, AwsContext>([[primary.region, primary]]);
  try {
    const regions = regionsToScan(options, primary.region);
    options.reporter.info(`Scanning ${regions.join(', ')} for resources tagged gm:managed-by=geusemaker…`);
    const found = await scan(primary, regions, contexts);
    const wanted = new Set(options.deployments);
    const orphans = orphansOf(found, live).filter((resource) => wanted.size === 0 || wanted.has(resource.deployment));
    const liveFound = [...new Set(found.filter((resource) => live.names.includes(resource.deployment)).map((resource) => resource.deployment))].sort();
    const book = priceBookFromSnapshot();
    const toView = view(book, Date.now());
    const views = orphans.map(toView);
    const hourly = views.reduce((sum, item) => sum + (item.hourlyUsd ?? 0), 0);
    const result: CleanupResult = {
      dryRun: options.dryRun,
      regions,
      liveDeployments: liveFound,
      orphans: views,
      estimatedHourlyUsd: round(hourly),
      estimatedMonthlyUsd: Math.round(hourly * HOURS_PER_MONTH * 100) / 100,
      deleted: [],
      skipped: [],
    };
    if (options.dryRun || orphans.length === 0) return result;
    if (!options.yes) {
      const names = [...new Set(orphans.map((resource) => resource.deployment))].join(', ');
      const ok = await options.prompter.confirm({ message: `Delete ${orphans.length} orphaned resources of ${names}?`, flag: '--yes', initial: false });
      if (!ok) throw new GmError({ code: 'CANCELLED', message: 'Cleanup cancelled; nothing was deleted.' });
    }
    const outcome = await deleteOrphans(orphans, {
      contextFor: (region, identity) => resourceContext(contexts.get(region) ?? primary, identity, options.reporter, undefined, options.warn),
      onEvent: (event) => {
        if (event.type === 'deleted') options.reporter.info(`  deleted ${event.resource.kind} ${event.resource.id} (${event.resource.deployment})`);
        if (event.type === 'skipped' && event.reason !== undefined) options.warn(event.reason);
      },
    });
    result.deleted = outcome.deleted.map(toView);
    result.skipped = outcome.skipped.map(({ resource, reason }) => ({ ...toView(resource), reason }));
    if (outcome.failures.length > 0) {
      throw new PartialError({
        code: 'CLEANUP_INCOMPLETE',
        message: `Deleted ${outcome.deleted.length} resources; could not delete: ${outcome.failures.map((f) => `${f.resource.kind} ${f.resource.id} (${f.error.message})`).join('; ')}`,
        hint: 'Run `gm cleanup` again; it picks up what is left.',
      });
    }
    options.reporter.success(`Deleted ${outcome.deleted.length} orphaned resources.`);
    return result;
  } finally {
    for (const aws of new Set(contexts.values())) aws.destroy();
  }
}
