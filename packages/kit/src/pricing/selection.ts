import type { Market } from '../spec/types.js';
import type { InstanceMarket } from './cost-components.js';
import { fromMicros, toMicros } from './money.js';
import { instanceShape, offeredAzIds, onDemandHourly, placementScore, regionPrices, spotHourly } from './price-book.js';
import { unmetRequirement, type InstanceRequirements, type RequirementFailure } from './requirements.js';
import { noOptionsWhy, optionReason } from './selection-explain.js';
import type { Offerings, PlacementScoreFigure, PriceBook, PriceFigure } from './types.js';

export interface SelectionInput {
  /** Regions allowed, in order of preference (ties in price go to the earlier one). */
  readonly regions: readonly string[];
  /** The user's instance types, in order of preference; when absent, every type the PriceBook knows in `regions`. */
  readonly instanceTypes?: readonly string[];
  /** Applied to explicit types too (an explicit type on the wrong architecture would not boot). */
  readonly requirements?: InstanceRequirements;
  /** Where each type is offered (region → AZ ID → types). */
  readonly offerings: Offerings;
  readonly market: Market;
  /** USD per hour; options above it are excluded (for spot it is also the max price to bid). */
  readonly maxHourlyPrice?: number;
}

export type ExclusionReason = 'unknown-instance-type' | 'not-offered' | RequirementFailure | 'no-price' | 'over-max-price' | 'dominated-by-on-demand';

/** A candidate that was ruled out, and why. `azId`/`market` are set when the reason is specific to them. */
export interface ExcludedCandidate {
  readonly region: string;
  readonly instanceType: string;
  readonly azId?: string;
  readonly market?: InstanceMarket;
  readonly reason: ExclusionReason;
  readonly detail: string;
  /** The price, USD per hour, when the reason is about the price. */
  readonly hourly?: number;
}

/** One place to launch, in the order the deploy engine should try them. */
export interface PlacementOption {
  /** 1-based position in the fallback list. */
  readonly rank: number;
  readonly region: string;
  readonly azId: string;
  readonly instanceType: string;
  readonly market: InstanceMarket;
  /** What it costs, USD per hour. */
  readonly hourly: number;
  readonly price: PriceFigure;
  /** Spot placement score (1–10), when known. */
  readonly score?: PlacementScoreFigure;
  /** The capacity-risk penalty applied to spot prices, in percent (100 = none). */
  readonly penaltyPercent: number;
  /** hourly × penalty, rounded to 6 decimals: what ranking compares. */
  readonly effectivePrice: number;
  readonly reason: string;
}

export type SelectionOutcome =
  | { readonly kind: 'options'; readonly options: readonly PlacementOption[]; readonly excluded: readonly ExcludedCandidate[] }
  | {
      readonly kind: 'none';
      /** One sentence naming what ruled the candidates out. */
      readonly why: string;
      readonly reasons: readonly ExclusionReason[];
      readonly excluded: readonly ExcludedCandidate[];
    };

/** A priced, feasible candidate (internal: integer micros keep ranking exact). */
export interface Candidate extends Slot {
  readonly price: PriceFigure;
  readonly hourlyMicros: number;
  readonly score?: PlacementScoreFigure;
  readonly penaltyPercent: number;
  readonly effectiveMicros: number;
}

/**
 * How far above the cheapest remaining option the next pick may be. DESIGN §7: the chosen configuration's price is
 * within 5% of the cheapest feasible option, so a better placement score can reorder options only inside this band.
 */
export const PRICE_BAND_PERCENT = 105;

/** Spot capacity risk as a price penalty: scores 8–10 ×1.0, 5–7 ×1.1, 1–4 ×1.3; unknown ×1.15 (between). */
export function penaltyPercentFor(score: number | undefined): number {
  if (score === undefined) return 115;
  if (score >= 8) return 100;
  return score >= 5 ? 110 : 130;
}

function marketsIn(market: Market): InstanceMarket[] {
  return market === 'auto' ? ['spot', 'on-demand'] : [market];
}

function candidateTypes(input: SelectionInput, book: PriceBook): string[] {
  if (input.instanceTypes !== undefined) return [...new Set(input.instanceTypes)];
  const known = input.regions.flatMap((region) => Object.keys(regionPrices(book, region)?.instanceTypes ?? {}));
  return [...new Set(known)].sort();
}

interface Collected {
  readonly candidates: Candidate[];
  readonly excluded: ExcludedCandidate[];
}

interface Slot {
  readonly region: string;
  readonly regionIndex: number;
  readonly instanceType: string;
  readonly typeIndex: number;
  readonly azId: string;
  readonly market: InstanceMarket;
}

/** Price one (region, type, AZ, market): a candidate, or why not. */
function priceSlot(slot: Slot, input: SelectionInput, book: PriceBook): Candidate | ExcludedCandidate {
  const { region, instanceType, azId, market } = slot;
  const price = market === 'spot' ? spotHourly(book, region, instanceType, azId) : onDemandHourly(book, region, instanceType);
  if (price === undefined) return { region, instanceType, azId, market, reason: 'no-price', detail: `no ${market} price known` };
  const hourlyMicros = toMicros(price.usd);
  if (input.maxHourlyPrice !== undefined && hourlyMicros > toMicros(input.maxHourlyPrice)) {
    const detail = `$${price.usd}/h is over the max of $${input.maxHourlyPrice}/h`;
    return { region, instanceType, azId, market, reason: 'over-max-price', detail, hourly: fromMicros(hourlyMicros) };
  }
  const score = market === 'spot' ? placementScore(book, region, azId, instanceType) : undefined;
  // On-demand capacity carries no interruption risk, so no penalty.
  const penaltyPercent = market === 'spot' ? penaltyPercentFor(score?.score) : 100;
  const effectiveMicros = Math.round((hourlyMicros * penaltyPercent) / 100);
  return { ...slot, price, hourlyMicros, ...(score === undefined ? {} : { score }), penaltyPercent, effectiveMicros };
}

/** The AZs a type can run in for the request, or why it cannot run anywhere in the region. */
function typeAzIds(region: string, instanceType: string, input: SelectionInput, book: PriceBook): string[] | ExcludedCandidate {
  const shape = instanceShape(book, region, instanceType);
  if (shape === undefined) return { region, instanceType, reason: 'unknown-instance-type', detail: 'not in the price book for this region' };
  const unmet = unmetRequirement(shape, input.requirements ?? {});
  if (unmet !== undefined) return { region, instanceType, ...unmet };
  const azIds = offeredAzIds(input.offerings, region, instanceType);
  return azIds.length > 0 ? azIds : { region, instanceType, reason: 'not-offered', detail: 'not offered in any AZ of the region' };
}

function collect(input: SelectionInput, book: PriceBook): Collected {
  const collected: Collected = { candidates: [], excluded: [] };
  const types = candidateTypes(input, book);
  for (const [regionIndex, region] of [...new Set(input.regions)].entries()) {
    for (const [typeIndex, instanceType] of types.entries()) {
      const azIds = typeAzIds(region, instanceType, input, book);
      if (!Array.isArray(azIds)) {
        collected.excluded.push(azIds);
        continue;
      }
      for (const azId of azIds) {
        for (const market of marketsIn(input.market)) {
          const priced = priceSlot({ region, regionIndex, instanceType, typeIndex, azId, market }, input, book);
          if ('hourlyMicros' in priced) collected.candidates.push(priced);
          else collected.excluded.push(priced);
        }
      }
    }
  }
  return collected;
}

/**
 * `auto` tries spot before on-demand, so a spot option costing as much as (or more than) some on-demand option
 * would be tried first while being no cheaper and interruptible: it is dropped, never listed ahead of that option.
 */
function dropSpotDominatedByOnDemand(collected: Collected): Collected {
  const onDemand = collected.candidates.filter((candidate) => candidate.market === 'on-demand');
  if (onDemand.length === 0) return collected;
  const cheapest = onDemand.reduce((best, candidate) => (candidate.hourlyMicros < best.hourlyMicros ? candidate : best));
  const dominated = (candidate: Candidate): boolean => candidate.market === 'spot' && candidate.hourlyMicros >= cheapest.hourlyMicros;
  const detail = `costs at least as much as on-demand ${cheapest.instanceType} in ${cheapest.region} ($${cheapest.price.usd}/h), which cannot be interrupted`;
  return {
    candidates: collected.candidates.filter((candidate) => !dominated(candidate)),
    excluded: [
      ...collected.excluded,
      ...collected.candidates.filter(dominated).map(({ region, instanceType, azId, market, hourlyMicros }) => ({
        region,
        instanceType,
        azId,
        market,
        reason: 'dominated-by-on-demand' as const,
        detail,
        hourly: fromMicros(hourlyMicros),
      })),
    ],
  };
}

/** Stable tie-breaks: the user's region order, then type order, then AZ ID (code-unit order, locale-independent). */
function byPreference(a: Candidate, b: Candidate): number {
  return a.regionIndex - b.regionIndex || a.typeIndex - b.typeIndex || (a.azId < b.azId ? -1 : a.azId > b.azId ? 1 : 0);
}

function byEffectivePrice(a: Candidate, b: Candidate): number {
  return a.effectiveMicros - b.effectiveMicros || a.hourlyMicros - b.hourlyMicros || byPreference(a, b);
}

interface RankedCandidate {
  readonly candidate: Candidate;
  /** The cheapest option still untried when this one was picked. */
  readonly cheapestRemaining: Candidate;
}

/**
 * Repeatedly pick, among the untried options priced within PRICE_BAND_PERCENT of the cheapest untried one, the one
 * with the lowest effective price. Every option is thus at most 5% dearer than the cheapest option still left when
 * the engine reaches it, and a poor placement score only costs an option its place inside that band.
 */
function rankWithinBand(group: readonly Candidate[]): RankedCandidate[] {
  const remaining = [...group].sort((a, b) => a.hourlyMicros - b.hourlyMicros || a.effectiveMicros - b.effectiveMicros || byPreference(a, b));
  const ranked: RankedCandidate[] = [];
  while (remaining.length > 0) {
    const cheapestRemaining = remaining[0] as Candidate;
    let pick = 0;
    for (let i = 1; i < remaining.length; i += 1) {
      const option = remaining[i] as Candidate;
      if (option.hourlyMicros * 100 > cheapestRemaining.hourlyMicros * PRICE_BAND_PERCENT) break;
      if (byEffectivePrice(option, remaining[pick] as Candidate) < 0) pick = i;
    }
    ranked.push({ candidate: remaining.splice(pick, 1)[0] as Candidate, cheapestRemaining });
  }
  return ranked;
}

function toOption({ candidate, cheapestRemaining }: RankedCandidate, index: number, market: Market): PlacementOption {
  const { region, azId, instanceType, price, score, penaltyPercent } = candidate;
  return {
    rank: index + 1,
    region,
    azId,
    instanceType,
    market: candidate.market,
    hourly: fromMicros(candidate.hourlyMicros),
    price,
    ...(score === undefined ? {} : { score }),
    penaltyPercent,
    effectivePrice: fromMicros(candidate.effectiveMicros),
    reason: optionReason(candidate, cheapestRemaining, market),
  };
}

/**
 * The ordered fallback list for launching an instance: spot options ranked by effective price (price × a penalty
 * for a low placement score, inside a 5% price band), then — for `auto` — on-demand options. Pure and
 * deterministic; every candidate not listed is in `excluded` with the reason. No feasible option at all → `none`.
 */
export function selectPlacement(input: SelectionInput, book: PriceBook): SelectionOutcome {
  const collected = collect(input, book);
  const { candidates, excluded } = input.market === 'auto' ? dropSpotDominatedByOnDemand(collected) : collected;
  const ranked = marketsIn(input.market).flatMap((market) => rankWithinBand(candidates.filter((candidate) => candidate.market === market)));
  if (ranked.length === 0) {
    const reasons = [...new Set(excluded.map((exclusion) => exclusion.reason))].sort();
    return { kind: 'none', why: noOptionsWhy(input, excluded), reasons, excluded };
  }
  return { kind: 'options', options: ranked.map((entry, index) => toOption(entry, index, input.market)), excluded };
}
