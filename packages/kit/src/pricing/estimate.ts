import type { Tier } from '../spec/types.js';
import { resolveAssumptions, type UsageAssumptions } from './assumptions.js';
import {
  albComponent,
  cloudFrontComponent,
  combineSources,
  computeComponent,
  dataTransferComponent,
  ebsComponent,
  efsComponent,
  publicIpv4Component,
  type CostComponent,
  type CostComponentKind,
  type CostContext,
  type FigureSource,
  type InstanceMarket,
} from './cost-components.js';
import { amountsFromHourlyMicros, savingsPercent, toMicros } from './money.js';
import { cheapestSpotHourly, spotHourly } from './price-book.js';
import type { PriceBook } from './types.js';

export interface EstimateInput {
  readonly tier: Tier;
  readonly region: string;
  readonly instanceType: string;
  readonly market: InstanceMarket;
  /** The AZ (ID) whose spot price to use; the cheapest priced AZ when absent. */
  readonly azId?: string;
  /** Overrides for the usage assumptions (defaults per tier: see `defaultAssumptions`). */
  readonly assumptions?: Partial<UsageAssumptions>;
}

export interface CostTotals {
  readonly hourly: number;
  readonly monthly: number;
  /** Components left out of this total because their price is unknown for the region (absent when none). */
  readonly excludes?: readonly CostComponentKind[];
}

export interface CostEstimate {
  readonly tier: Tier;
  readonly region: string;
  readonly instanceType: string;
  readonly market: InstanceMarket;
  /** In `market`. hourly = Σ components' hourly and monthly = Σ monthly = hoursPerMonth × hourly, exactly. */
  readonly components: readonly CostComponent[];
  readonly total: CostTotals;
  /** The same deployment bought on-demand. */
  readonly onDemandTotal: CostTotals;
  /** The same deployment on spot, when a spot price is known. */
  readonly spotTotal?: CostTotals;
  /** How much cheaper spotTotal is than onDemandTotal, in percent with one decimal. */
  readonly savingsPercent?: number;
  /** Across every figure used (both markets): the least live source, and the oldest date. */
  readonly source: FigureSource;
  readonly assumptions: UsageAssumptions;
  /** Things the user should know about the figures (borrowed regional prices, snapshot use). */
  readonly warnings: readonly string[];
}

/** Everything but the instance, by tier. */
function serviceComponents(tier: Tier, context: CostContext): CostComponent[] {
  if (tier === 'tier1') {
    return [
      ebsComponent(context),
      efsComponent(context),
      publicIpv4Component(context, "the instance's Elastic IP"),
      dataTransferComponent(context, 'served straight from the instance'),
    ];
  }
  const components = [
    ebsComponent(context),
    efsComponent(context),
    publicIpv4Component(context, 'one per ALB AZ, plus the instance for outbound traffic'),
    albComponent(context),
    tier === 'tier3'
      ? dataTransferComponent(context, 'viewers are served through CloudFront; origin fetches to CloudFront are free')
      : dataTransferComponent(context, 'served through the ALB'),
  ];
  return tier === 'tier3' ? [...components, cloudFrontComponent(context)] : components;
}

/** Σ of the priced components; unknown ones are named in `excludes` rather than guessed. */
function totalOf(components: readonly CostComponent[], hoursPerMonth: number): CostTotals {
  const excludes = components.filter((part) => part.hourly === null).map((part) => part.kind);
  const amounts = amountsFromHourlyMicros(components.reduce((sum, part) => sum + toMicros(part.hourly ?? 0), 0), hoursPerMonth);
  return excludes.length === 0 ? amounts : { ...amounts, excludes };
}

/** The spot compute line for the comparison, or undefined when no spot price is known (not an error on-demand). */
function spotComputeIfPriced(context: CostContext, azId: string | undefined): CostComponent | undefined {
  const { book, region, instanceType } = context;
  const priced = azId === undefined ? cheapestSpotHourly(book, region, instanceType) : spotHourly(book, region, instanceType, azId);
  return priced === undefined ? undefined : computeComponent(context, 'spot', azId);
}

function warningsFor(components: readonly CostComponent[], source: FigureSource, region: string): string[] {
  const warnings: string[] = components.flatMap((part) =>
    part.unknown === undefined ? [] : [`${part.description}: ${part.unknown}; the component is unknown and the totals exclude it.`],
  );
  for (const item of components.flatMap((part) => part.items)) {
    const from = item.unitPrice.estimatedFrom;
    if (from !== undefined) warnings.push(`${item.item}: no ${region} price in the ${item.unitPrice.source}; the ${from} price is used and the real one may differ.`);
  }
  if (source.kind === 'snapshot') warnings.push(`Some prices come from gm's bundled snapshot (as of ${source.date}), not from AWS; they may be out of date.`);
  return warnings;
}

/**
 * What a deployment of `tier` costs per hour and per month (730 h), component by component, in the chosen market,
 * with the other market for comparison. Pure: every price comes from `book`. Throws GmError PRICE_UNKNOWN when a
 * needed price is missing.
 */
export function estimate(input: EstimateInput, book: PriceBook): CostEstimate {
  const assumptions = resolveAssumptions(input.tier, input.assumptions);
  const context: CostContext = { book, region: input.region, instanceType: input.instanceType, assumptions };
  const services = serviceComponents(input.tier, context);
  const onDemandCompute = computeComponent(context, 'on-demand');
  const chosenSpot = input.market === 'spot' ? computeComponent(context, 'spot', input.azId) : undefined;
  const spotCompute = chosenSpot ?? spotComputeIfPriced(context, input.azId);
  const compute = chosenSpot ?? onDemandCompute;
  const components = [compute, ...services];
  const { hoursPerMonth } = assumptions;
  const onDemandTotal = totalOf([onDemandCompute, ...services], hoursPerMonth);
  const spotTotal = spotCompute === undefined ? undefined : totalOf([spotCompute, ...services], hoursPerMonth);
  const allParts = [onDemandCompute, ...(spotCompute === undefined ? [] : [spotCompute]), ...services];
  const source = combineSources(allParts.flatMap((part) => part.items.map((item) => item.unitPrice)));
  return {
    tier: input.tier,
    region: input.region,
    instanceType: input.instanceType,
    market: input.market,
    components,
    total: totalOf(components, hoursPerMonth),
    onDemandTotal,
    ...(spotTotal === undefined ? {} : { spotTotal, savingsPercent: savingsPercent(onDemandTotal.hourly, spotTotal.hourly) }),
    source,
    assumptions,
    warnings: warningsFor(components, source, input.region),
  };
}
