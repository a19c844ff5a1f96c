import {
  estimate,
  instanceShape,
  offeringsFromPriceBook,
  requirementsForTier,
  savingsPercent,
  selectPlacement,
  type CostEstimate,
  type PlacementOption,
  type PriceBook,
} from '@geusemaker/kit/pricing';
import { SPEC_DEFAULTS, type DeploymentSpec, type Market, type Tier } from '@geusemaker/kit/spec';
import { candidateTypes } from '../placements.js';

/** One row of the instance-type table: the best figures the price book has for the type in the region. */
export interface CandidateRow {
  instanceType: string;
  vCPUs: number;
  memoryGiB: number;
  spotHourly?: number;
  onDemandHourly?: number;
  savingsPercent?: number;
  placementScore?: number;
  /** gm's first choice (rank 1 of the launch order for `--market auto`). */
  recommended: boolean;
  /** Where this row's prices come from, e.g. `api 2026-11-27` or `snapshot 2026-09` (distinct, sorted). */
  sources: string[];
}

/** The spec fields pricing reads, for a wizard that has not finished yet. */
export function draftSpec(tier: Tier, instanceType: string | undefined, market: Market): DeploymentSpec {
  const instanceTypes = instanceType === undefined || instanceType === 'auto' ? undefined : [instanceType];
  return { ...structuredClone(SPEC_DEFAULTS), models: [...SPEC_DEFAULTS.models], name: 'wizard', tier, market, ...(instanceTypes ? { instanceTypes } : {}) };
}

/** Launch options for a tier in a region, best first (tier 1 uses deploy's own candidate list), or [] when none. */
function rankedOptions(book: PriceBook, region: string, tier: Tier, instanceType: string | undefined, market: Market): readonly PlacementOption[] {
  const outcome = selectPlacement(
    {
      regions: [region],
      ...(tier === 'tier1' || (instanceType !== undefined && instanceType !== 'auto') ? { instanceTypes: candidateTypes(draftSpec(tier, instanceType, market), region, book) } : {}),
      requirements: requirementsForTier(tier, 'x86_64'),
      offerings: offeringsFromPriceBook(book, [region]),
      market,
    },
    book,
  );
  return outcome.kind === 'options' ? outcome.options : [];
}

/** What the chosen type (or gm's pick) costs per hour and month, all components included; undefined when unpriced. */
export function previewCost(book: PriceBook, region: string, tier: Tier, instanceType: string | undefined, market: Market): CostEstimate | undefined {
  const best = rankedOptions(book, region, tier, instanceType, market)[0];
  if (best === undefined) return undefined;
  return estimate({ tier, region, instanceType: best.instanceType, market: best.market, azId: best.azId }, book);
}

function rowFor(book: PriceBook, region: string, instanceType: string, options: readonly PlacementOption[], recommended: string | undefined): CandidateRow {
  const ofType = options.filter((option) => option.instanceType === instanceType);
  const spot = ofType.filter((option) => option.market === 'spot').map((option) => option.hourly);
  const onDemand = ofType.find((option) => option.market === 'on-demand')?.hourly;
  const scores = ofType.flatMap((option) => (option.score === undefined ? [] : [option.score.score]));
  const spotHourly = spot.length > 0 ? Math.min(...spot) : undefined;
  const shape = instanceShape(book, region, instanceType);
  return {
    instanceType,
    vCPUs: shape?.vCPUs ?? 0,
    memoryGiB: shape?.memoryGiB ?? 0,
    ...(spotHourly === undefined ? {} : { spotHourly }),
    ...(onDemand === undefined ? {} : { onDemandHourly: onDemand }),
    ...(spotHourly !== undefined && onDemand !== undefined ? { savingsPercent: savingsPercent(onDemand, spotHourly) } : {}),
    ...(scores.length > 0 ? { placementScore: Math.max(...scores) } : {}),
    recommended: instanceType === recommended,
    sources: [...new Set(ofType.map((option) => `${option.price.source} ${option.price.asOf}`))].sort(),
  };
}

/** The tier's candidate types with spot, on-demand, savings and placement score, cheapest effective price first. */
export function candidateRows(book: PriceBook, region: string, tier: Tier): CandidateRow[] {
  const options = rankedOptions(book, region, tier, undefined, 'auto');
  const order = [...new Set(options.map((option) => option.instanceType))];
  return order.map((type) => rowFor(book, region, type, options, order[0]));
}
