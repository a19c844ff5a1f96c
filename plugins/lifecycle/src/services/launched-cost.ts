import type { DeploymentCost, DeploymentState, PricePeriod } from '@geusemaker/kit/deployment';
import { estimate, livePriceBook, openPricePeriod, priceCacheDir, type PriceBook } from '@geusemaker/kit/pricing';
import type { ResourceContext, StepOutputs } from '@geusemaker/kit/resources';

/** Where the instance actually runs (the instance step's outputs), which capacity fallback may have moved. */
export interface LaunchedInstance {
  instanceType: string;
  market: 'spot' | 'on-demand';
  availabilityZone: string;
}

export function launchedInstance(outputs: StepOutputs | undefined): LaunchedInstance | undefined {
  const { instanceType, market, availabilityZone } = outputs ?? {};
  if (typeof instanceType !== 'string' || typeof availabilityZone !== 'string' || (market !== 'spot' && market !== 'on-demand')) return undefined;
  return { instanceType, market, availabilityZone };
}

/** The AZ the plan priced: its first placement (the cheapest option). */
function plannedZone(state: DeploymentState): string | undefined {
  const placements = state.plan.steps.find((step) => step.id === 'instance')?.input.placements;
  const first: unknown = Array.isArray(placements) ? placements[0] : undefined;
  const zone = typeof first === 'object' && first !== null ? (first as { availabilityZone?: unknown }).availabilityZone : undefined;
  return typeof zone === 'string' ? zone : undefined;
}

async function zoneId(ctx: ResourceContext, zoneName: string): Promise<string | undefined> {
  const answer = await ctx.aws.ec2.describeAvailabilityZones({ ZoneNames: [zoneName] });
  return answer.AvailabilityZones?.[0]?.ZoneId;
}

/** Longest wait for a re-price: the plan's prices were fetched moments ago, so the cache normally answers at once. */
const REPRICE_DEADLINE_MS = 5_000;

/**
 * The book the plan was priced with: live prices through the GM_HOME cache (deploy filled it moments ago), the
 * snapshot for whatever is missing. Its warnings were already given when the plan was priced.
 */
async function launchPriceBook(ctx: ResourceContext, region: string, instanceType: string): Promise<PriceBook> {
  const { book } = await livePriceBook(ctx.aws, { regions: [region], instanceTypes: [instanceType], cacheDir: priceCacheDir(), deadlineMs: REPRICE_DEADLINE_MS });
  return book;
}

/**
 * The cost to record for what was launched. The plan is priced for its first placement; when capacity errors moved
 * the instance to another AZ, type or market (spot → on-demand), the recorded cost follows the instance — `gm info`,
 * `gm inspect` and `gm list` must not show the spot price of an on-demand instance — and a market or type change is
 * worth a warning, since it can double the bill.
 */
export async function costOfLaunched(state: DeploymentState, launched: LaunchedInstance | undefined, ctx: ResourceContext): Promise<DeploymentCost | undefined> {
  const planned = state.cost;
  if (planned === undefined || launched === undefined) return planned;
  const sameOption = launched.instanceType === planned.instanceType && launched.market === planned.market;
  if (sameOption && (launched.market === 'on-demand' || launched.availabilityZone === plannedZone(state))) return planned;
  try {
    const azId = launched.market === 'spot' ? await zoneId(ctx, launched.availabilityZone) : undefined;
    const priced = estimate({ tier: state.tier, region: state.region, instanceType: launched.instanceType, market: launched.market, ...(azId === undefined ? {} : { azId }) }, await launchPriceBook(ctx, state.region, launched.instanceType));
    const cost: DeploymentCost = { instanceType: launched.instanceType, market: launched.market, hourly: priced.total.hourly, monthly: priced.total.monthly, source: { kind: priced.source.kind, date: priced.source.date } };
    if (!sameOption) {
      ctx.warn(
        `The instance runs as ${launched.instanceType} ${launched.market} in ${launched.availabilityZone} instead of ${planned.instanceType} ${planned.market}: ` +
          `about $${cost.monthly.toFixed(2)}/month instead of $${planned.monthly.toFixed(2)}/month.`,
      );
    }
    return cost;
  } catch (error) {
    ctx.warn(`The instance runs as ${launched.instanceType} ${launched.market} in ${launched.availabilityZone}, which gm could not price (${error instanceof Error ? error.message : String(error)}); the recorded cost is the plan's.`);
    return planned;
  }
}

/**
 * The state's price periods once the instance runs at `cost` (gm cost report sums them): a new period opens now,
 * unless a resume found the instance already running at that price. Without a cost there is nothing to record.
 */
export function pricePeriodsAfterLaunch(state: DeploymentState, cost: DeploymentCost | undefined): { pricePeriods?: PricePeriod[] } {
  if (cost === undefined) return state.pricePeriods === undefined ? {} : { pricePeriods: state.pricePeriods };
  return { pricePeriods: openPricePeriod(state.pricePeriods, cost, new Date().toISOString()) };
}
