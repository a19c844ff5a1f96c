import { randomUUID } from 'node:crypto';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { resolveRegion } from '@geusemaker/kit/aws';
import { writeDeployment, type DeploymentState } from '@geusemaker/kit/deployment';
import { ConfigError, GmError } from '@geusemaker/kit/errors';
import { assertPreflight, runPreflight } from '@geusemaker/kit/health';
import type { Prompter, Reporter } from '@geusemaker/kit/io';
import { buildTier1Plan, type Plan, type ReusedNetwork } from '@geusemaker/kit/plan';
import { estimate, offeringsFromPriceBook, priceBookFromSnapshot, type CostEstimate, type PriceBook } from '@geusemaker/kit/pricing';
import { loadSpec, type DeploymentSpec } from '@geusemaker/kit/spec';
import type { StateStore } from '@geusemaker/kit/state';
import { checkBudget } from './budget.js';
import { finishDeployment, type DeployResult } from './finish.js';
import { choosePlacements, candidateTypes, livePlacementBook, type PlacementChoice } from './placements.js';
import { planLines, planView, type PlanView } from './plan-view.js';
import { preflightTier1 } from './preflight.js';
import { interruptOnSignals, openAws, openStateStore, resourceContext } from './session.js';

export interface DeployTier1Options {
  specInput: Partial<DeploymentSpec>;
  configFile?: string;
  env: NodeJS.ProcessEnv;
  connection: AwsConnectionOptions;
  dryRun: boolean;
  wait: boolean;
  rollback: boolean;
  yes: boolean;
  force: boolean;
  waitTimeoutSeconds: number;
  /** The instance's OS: Amazon Linux 2023 (default) or Ubuntu 24.04. */
  os: 'al2023' | 'ubuntu2404';
  reporter: Reporter;
  prompter: Prompter;
  warn: (message: string) => void;
  /** --skip-preflight: do not run kit's preflight checks (permissions, types, name) before planning. */
  skipPreflight?: boolean;
}

export type { DeployResult };

const ROOT_VOLUME_GIB = 30;

interface Planned {
  plan: Plan;
  choice: PlacementChoice;
  cost: CostEstimate;
  view: PlanView;
}

function planFor(spec: DeploymentSpec, region: string, deploymentId: string, choice: PlacementChoice, book: PriceBook, reused: ReusedNetwork, os: 'al2023' | 'ubuntu2404'): Planned {
  const plan = buildTier1Plan({
    spec, region, deploymentId, availabilityZones: choice.availabilityZones, placements: choice.placements, reused,
    os, architecture: 'x86_64', rootVolumeGiB: ROOT_VOLUME_GIB,
  });
  const cost = estimate({ tier: 'tier1', region, instanceType: choice.best.instanceType, market: choice.best.market, azId: choice.best.azId }, book);
  return { plan, choice, cost, view: planView(plan, choice, cost) };
}

/** `--dry-run`: no credentials, no AWS call — the plan and its cost from the bundled price data. */
function dryRun(spec: DeploymentSpec, region: string, book: PriceBook, options: DeployTier1Options): DeployResult {
  const offered = offeringsFromPriceBook(book, [region]);
  const zones = Object.keys(offered[region] ?? {}).sort().map((zoneId) => ({ name: zoneId, zoneId }));
  if (zones.length === 0) throw new ConfigError({ code: 'REGION_NOT_PRICED', message: `No bundled price data for ${region}.`, hint: 'Run without --dry-run (live data), or pick another --region.' });
  // Unchecked (no AWS call): a reused EFS is shown with a mount target per subnet, as if it had none yet.
  const reused: ReusedNetwork = {
    ...(spec.vpcId ? { vpc: { vpcId: spec.vpcId } } : {}),
    ...(spec.securityGroupId ? { securityGroupId: spec.securityGroupId } : {}),
    ...(spec.efsId ? { efs: { fileSystemId: spec.efsId, mountTargetZones: [] } } : {}),
  };
  const planned = planFor(spec, region, 'dry-run', choosePlacements(spec, region, zones, offered, book), book, reused, options.os);
  checkBudget(spec, planned.cost, options.force, options.warn);
  for (const line of planLines(planned.view)) options.reporter.info(line);
  options.warn('Dry run: AZs are shown by id and prices come from the bundled snapshot; nothing was created.');
  return { name: spec.name, status: 'planned', region, dryRun: true, plan: planned.view, resources: [], nextSteps: [`gm deploy tier1 --name ${spec.name} --yes`] };
}

async function refuseExisting(store: StateStore, name: string): Promise<void> {
  const existing = await store.read(name);
  if (existing === undefined) return;
  if (existing.status === 'rolled-back' || existing.status === 'destroyed') {
    await store.archive(name);
    return;
  }
  throw new GmError({
    code: 'DEPLOYMENT_EXISTS',
    message: `A deployment named "${name}" already exists (status ${String(existing.status)}).`,
    hint: `Use another --name, \`gm resume ${name}\` to finish it, or \`gm destroy ${name}\` first.`,
    exitCode: 3,
  });
}

async function confirm(options: DeployTier1Options, planned: Planned): Promise<void> {
  if (options.yes) return;
  const ok = await options.prompter.confirm({ message: `Create these resources for about $${planned.view.cost.monthly.toFixed(2)}/month?`, flag: '--yes' });
  if (!ok) throw new GmError({ code: 'CANCELLED', message: 'Deployment cancelled; nothing was created.' });
}

/** `gm deploy tier1`: spec → preflight → plan → confirm → execute (journaled) → readiness → endpoints. */
export async function deployTier1(options: DeployTier1Options): Promise<DeployResult> {
  const { spec } = await loadSpec({ flags: options.specInput, env: options.env, configFile: options.configFile });
  const region = await resolveRegion(spec.region ?? options.connection.region, options.connection.profile);
  if (options.dryRun) return dryRun(spec, region, priceBookFromSnapshot(), options);
  const store = openStateStore(options.env);
  const lock = await store.lock(spec.name, 'deploy');
  const aws = await openAws(options.connection, region);
  const interrupt = interruptOnSignals();
  try {
    await refuseExisting(store, spec.name);
    // Prices and who we are, at once (one STS call serves both preflights below).
    const [book, caller] = await Promise.all([
      livePlacementBook(options.connection, region, spec, options.env, options.warn),
      aws.sts.getCallerIdentity(),
    ]);
    const identity = { name: spec.name, deploymentId: randomUUID(), tier: 'tier1' as const, userTags: spec.tags };
    const ctx = resourceContext(aws, identity, options.reporter, interrupt.signal, options.warn);
    // kit's preflight (permissions, name, spec) beside the placement preflight; a failed check exits 3.
    const [preflight, checked] = await Promise.all([
      preflightTier1(ctx, spec, candidateTypes(spec, region, book), caller.Account ?? 'unknown'),
      options.skipPreflight === true ? undefined : runPreflight({ aws, spec, region, store, mode: 'deploy', identity: caller }),
    ]);
    if (checked !== undefined) {
      for (const warning of checked.checks.filter((c) => c.status === 'warn')) options.reporter.warn(`preflight: ${warning.title}: ${warning.detail}`);
      assertPreflight(checked);
    }
    const offered = { [region]: preflight.offeredByZoneId };
    const onlyZones = preflight.reused.subnets?.map((subnet) => subnet.availabilityZone);
    const planned = planFor(spec, region, identity.deploymentId, choosePlacements(spec, region, preflight.zones, offered, book, onlyZones), book, preflight.reused, options.os);
    checkBudget(spec, planned.cost, options.force, options.warn);
    for (const line of planLines(planned.view)) options.reporter.info(line);
    await confirm(options, planned);
    const createdAt = new Date().toISOString();
    const state: DeploymentState = {
      schemaVersion: 2, name: spec.name, deploymentId: identity.deploymentId, tier: 'tier1', region, status: 'deploying', createdAt, updatedAt: createdAt,
      ...(options.connection.endpointUrl ? { endpointUrl: options.connection.endpointUrl } : {}),
      spec: { ...spec, region }, plan: planned.plan, outputs: {},
      cost: { instanceType: planned.cost.instanceType, market: planned.cost.market, hourly: planned.cost.total.hourly, monthly: planned.cost.total.monthly, source: planned.cost.source },
    };
    await writeDeployment(store, state);
    return await finishDeployment(state, store, ctx, { ...options, operation: 'deploy' }, planned.view);
  } finally {
    interrupt.dispose();
    aws.destroy();
    await lock.release();
  }
}
