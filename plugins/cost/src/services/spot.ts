import { resolveRegion } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import {
  combineSources,
  instanceTypePrices,
  placementScore,
  savingsPercent,
  type FigureSource,
  type PriceBook,
  type PriceFigure,
} from '@geusemaker/kit/pricing';
import { defaultCandidateTypes, loadPriceBook } from './prices.js';

export interface SpotPricesOptions {
  /** --region (repeatable); the configured region when empty. */
  readonly regions: readonly string[];
  /** --instance-type (repeatable); tier 1's default candidates when empty. */
  readonly instanceTypes: readonly string[];
  readonly connection: AwsConnectionOptions;
  readonly offline: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly warn: (message: string) => void;
}

/** One instance type in one AZ (or, with `azId` null, a type with no spot price in the region). */
export interface SpotZoneRow {
  readonly region: string;
  readonly instanceType: string;
  readonly azId: string | null;
  readonly spotHourly: number | null;
  readonly onDemandHourly: number | null;
  /** How much cheaper spot is than on-demand, percent with one decimal. */
  readonly savingsPercent: number | null;
  /** Spot placement score 1–10 for the candidate set in this AZ (GetSpotPlacementScores), when known. */
  readonly placementScore: number | null;
  readonly spotSource: FigureSource | null;
  readonly onDemandSource: FigureSource | null;
}

export interface SpotPricesResult {
  readonly regions: readonly string[];
  readonly instanceTypes: readonly string[];
  /** Sorted by region, instance type, then spot price (cheapest AZ first). */
  readonly zones: readonly SpotZoneRow[];
  /** The cheapest spot row overall, when any spot price is known. */
  readonly cheapest: SpotZoneRow | null;
  /** Across every figure shown: the least live source and the oldest date. */
  readonly source: FigureSource | null;
}

const sourceOf = (figure: PriceFigure | undefined): FigureSource | null => (figure === undefined ? null : { kind: figure.source, date: figure.asOf });

function rowsFor(book: PriceBook, region: string, instanceType: string): SpotZoneRow[] {
  const prices = instanceTypePrices(book, region, instanceType);
  const onDemand = prices?.onDemandHourly;
  const base = { region, instanceType, onDemandHourly: onDemand?.usd ?? null, onDemandSource: sourceOf(onDemand) };
  const zones = Object.entries(prices?.spotHourlyByAzId ?? {}).sort(([a, x], [b, y]) => x.usd - y.usd || a.localeCompare(b));
  if (zones.length === 0) return [{ ...base, azId: null, spotHourly: null, savingsPercent: null, placementScore: null, spotSource: null }];
  return zones.map(([azId, spot]) => ({
    ...base,
    azId,
    spotHourly: spot.usd,
    savingsPercent: onDemand === undefined ? null : savingsPercent(onDemand.usd, spot.usd),
    placementScore: placementScore(book, region, azId, instanceType)?.score ?? null,
    spotSource: sourceOf(spot),
  }));
}

/** Pure: the table of `gm cost spot` from a price book. */
export function spotTable(book: PriceBook, regions: readonly string[], instanceTypes: readonly string[]): SpotPricesResult {
  const zones = regions.flatMap((region) => [...instanceTypes].sort().flatMap((type) => rowsFor(book, region, type)));
  const priced = zones.filter((row) => row.spotHourly !== null);
  const cheapest = priced.reduce<SpotZoneRow | null>((best, row) => (best === null || (row.spotHourly ?? 0) < (best.spotHourly ?? 0) ? row : best), null);
  const figures = regions.flatMap((region) =>
    instanceTypes.flatMap((type) => {
      const prices = instanceTypePrices(book, region, type);
      return [...(prices?.onDemandHourly === undefined ? [] : [prices.onDemandHourly]), ...Object.values(prices?.spotHourlyByAzId ?? {})];
    }),
  );
  return { regions, instanceTypes, zones, cheapest, source: figures.length === 0 ? null : combineSources(figures) };
}

/** `gm cost spot`: live spot and on-demand prices and placement scores per AZ (snapshot where the APIs fail). */
export async function spotPrices(options: SpotPricesOptions): Promise<SpotPricesResult> {
  const regions = options.regions.length > 0 ? [...new Set(options.regions)] : [await resolveRegion(options.connection.region, options.connection.profile)];
  const instanceTypes = options.instanceTypes.length > 0 ? [...new Set(options.instanceTypes)] : defaultCandidateTypes('tier1', regions[0] ?? '');
  const { book, warnings } = await loadPriceBook({ regions, instanceTypes, connection: options.connection, offline: options.offline, env: options.env });
  warnings.forEach(options.warn);
  const result = spotTable(book, regions, instanceTypes);
  const unpriced = result.zones.filter((row) => row.spotHourly === null && row.onDemandHourly === null);
  if (unpriced.length > 0) options.warn(`No price known for ${unpriced.map((row) => `${row.instanceType} in ${row.region}`).join(', ')}.`);
  return result;
}
