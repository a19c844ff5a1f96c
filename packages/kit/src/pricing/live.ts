import type { AwsContext, DescribeSpotPriceHistoryCommandInput } from '../aws/index.js';
import { awsErrorName, GmError } from '../errors/index.js';
import { overlayLiveFigures, type RegionLiveFigures } from './live-overlay.js';
import { roundUsd } from './money.js';
import { lookUpCache, storeInCache, type PriceCacheKind } from './price-cache.js';
import { onDemandFilters, onDemandPricesFromPriceList } from './price-list.js';
import { regionPrices } from './price-book.js';
import { priceBookFromSnapshot } from './snapshot.js';
import { azIdsByName, LINUX_PRODUCT_DESCRIPTIONS, latestSpotPrices, needsAzIdMapping, zonalPlacementScores } from './spot-history.js';
import type { PlacementScoreFigure, PriceBook, PriceFigure } from './types.js';

/**
 * Live prices at the edge: on-demand from the Price List API, spot from DescribeSpotPriceHistory, placement scores
 * from GetSpotPlacementScores — for given regions × instance types, through the disk cache, laid over a base book
 * (the bundled snapshot). One call of each kind per region, every region in parallel. Nothing here throws for an API
 * that is unreachable, denied or answers garbage: that kind of figure keeps its snapshot value and a warning says so.
 */

export interface LivePricesRequest {
  readonly regions: readonly string[];
  readonly instanceTypes: readonly string[];
  /** `GM_HOME/cache/prices`; no disk cache when absent. */
  readonly cacheDir?: string;
  readonly now?: Date;
  /** Longest wait for any one kind of figure in one region before falling back to the snapshot. Default 15 s. */
  readonly deadlineMs?: number;
}

export interface LivePricesResult {
  readonly book: PriceBook;
  /** One sentence per fallback (what was denied or unreachable, where, and what was used instead). */
  readonly warnings: readonly string[];
}

const DEFAULT_DEADLINE_MS = 15_000;
const FETCH_LABELS: Readonly<Record<PriceCacheKind, { operation: string; what: string }>> = {
  'on-demand': { operation: 'Price List GetProducts', what: 'on-demand prices' },
  spot: { operation: 'EC2 DescribeSpotPriceHistory', what: 'spot prices' },
  scores: { operation: 'EC2 GetSpotPlacementScores', what: 'spot placement scores' },
};

class DeadlineExceeded extends Error {}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** Why a fetch failed, in words that finish "Price List GetProducts …". */
export function failureReason(error: unknown): string {
  if (error instanceof DeadlineExceeded) return `did not answer (${error.message})`;
  const name = awsErrorName(error);
  const code = error instanceof GmError ? error.code : undefined;
  if (code === 'AWS_PERMISSION_DENIED') return `was denied (${name ?? 'AccessDenied'})`;
  if (code === 'AWS_UNREACHABLE') return `is unreachable (${name ?? 'network error'})`;
  if (code === 'AWS_CREDENTIALS' || name === 'CredentialsProviderError') return 'could not be signed: no usable AWS credentials';
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `failed (${name ?? message})`;
}

const todayOf = (now: Date): string => now.toISOString().slice(0, 10);
const relabel = <F extends { source: string }>(figure: F): F => ({ ...figure, source: 'cache' });

interface Fetched<T> {
  readonly figures: Record<string, T>;
}

/** Cached entries (relabelled `cache` by `relabelValue`), plus the missing keys fetched with `fetch` and stored. */
async function throughCache<T>(
  kind: PriceCacheKind,
  region: string,
  keys: readonly string[],
  request: LivePricesRequest & { now: Date },
  fetch: (missing: readonly string[]) => Promise<Record<string, T>>,
  relabelValue: (value: T) => T,
): Promise<Fetched<T>> {
  const cached = await lookUpCache<T>(request.cacheDir, kind, region, keys, request.now);
  const figures: Record<string, T> = Object.fromEntries(Object.entries(cached.fresh).map(([key, entry]) => [key, relabelValue(entry.value)]));
  if (cached.missing.length === 0) return { figures };
  const fetched = await fetch(cached.missing);
  await storeInCache(request.cacheDir, kind, region, fetched, request.now);
  return { figures: { ...figures, ...fetched } };
}

const relabelFigure = (figure: PriceFigure | null): PriceFigure | null => (figure === null ? null : relabel(figure));
const relabelEach = <F extends { source: string }>(byAz: Record<string, F>): Record<string, F> =>
  Object.fromEntries(Object.entries(byAz).map(([azId, figure]) => [azId, relabel(figure)]));

function onDemandFetcher(aws: AwsContext, region: string, today: string) {
  return async (types: readonly string[]): Promise<Record<string, PriceFigure | null>> => {
    const entries = await aws.pricing.getProducts({ ServiceCode: 'AmazonEC2', FormatVersion: 'aws_v1', Filters: onDemandFilters(region, types) });
    const prices = onDemandPricesFromPriceList(entries, region);
    return Object.fromEntries(
      types.map((type) => {
        const price = Object.hasOwn(prices, type) ? prices[type] : undefined;
        const citation = price === undefined ? '' : `AWS Price List SKU ${price.sku}${price.version === undefined ? '' : ` (offer ${price.version})`}`;
        // null: the API knows no such product here; cached too, so the next run does not ask again.
        return [type, price === undefined ? null : { usd: roundUsd(price.usd), source: 'api' as const, asOf: today, citation }];
      }),
    );
  };
}

function spotFetcher(ec2Aws: AwsContext, now: Date, today: string) {
  return async (types: readonly string[]): Promise<Record<string, Record<string, PriceFigure>>> => {
    const points = await ec2Aws.ec2.describeSpotPriceHistory({
      InstanceTypes: [...types] as DescribeSpotPriceHistoryCommandInput['InstanceTypes'],
      ProductDescriptions: [...LINUX_PRODUCT_DESCRIPTIONS],
      StartTime: now,
    });
    const zones = needsAzIdMapping(points) ? ((await ec2Aws.ec2.describeAvailabilityZones({})).AvailabilityZones ?? []) : [];
    const latest = latestSpotPrices(points, azIdsByName(zones));
    const citation = 'EC2 DescribeSpotPriceHistory (Linux/UNIX)';
    return Object.fromEntries(
      types.map((type) => [
        type,
        Object.fromEntries(Object.entries(latest[type] ?? {}).map(([azId, spot]) => [azId, { usd: roundUsd(spot.usd), source: 'api' as const, asOf: today, citation }])),
      ]),
    );
  };
}

function scoresFetcher(ec2Aws: AwsContext, region: string, types: readonly string[], regionAzIds: readonly string[] | undefined, today: string) {
  return async (keys: readonly string[]): Promise<Record<string, Record<string, PlacementScoreFigure>>> => {
    const entries = await ec2Aws.ec2.getSpotPlacementScores({
      InstanceTypes: [...types],
      TargetCapacity: 1,
      TargetCapacityUnitType: 'units',
      SingleAvailabilityZone: true,
      RegionNames: [region],
    });
    const scores = zonalPlacementScores(entries, region, regionAzIds);
    const figures = Object.fromEntries(Object.entries(scores).map(([azId, score]) => [azId, { score, source: 'api' as const, asOf: today }]));
    return Object.fromEntries(keys.map((key) => [key, figures]));
  };
}

interface Failure {
  readonly kind: PriceCacheKind;
  readonly region: string;
  readonly reason: string;
}

/** Runs one kind of fetch for a region; a failure becomes a Failure record instead of an exception. */
async function attempt<T>(kind: PriceCacheKind, region: string, deadlineMs: number, failures: Failure[], run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await withDeadline(run(), deadlineMs);
  } catch (error) {
    failures.push({ kind, region, reason: failureReason(error) });
    return undefined;
  }
}

function compact<T>(record: Readonly<Record<string, T | null>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, T] => entry[1] !== null));
}

async function regionFigures(aws: AwsContext, region: string, base: PriceBook, request: LivePricesRequest & { now: Date }, failures: Failure[]): Promise<RegionLiveFigures> {
  const types = [...new Set(request.instanceTypes)].sort();
  const today = todayOf(request.now);
  const deadlineMs = request.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const regional = region === aws.region ? aws : aws.inRegion(region);
  const knownAzIds = Object.values(regionPrices(base, region)?.instanceTypes ?? {}).flatMap((prices) => prices.offeredAzIds ?? []);
  const regionAzIds = knownAzIds.length === 0 ? undefined : [...new Set(knownAzIds)];
  try {
    const [onDemand, spot, scores] = await Promise.all([
      attempt('on-demand', region, deadlineMs, failures, () => throughCache('on-demand', region, types, request, onDemandFetcher(aws, region, today), relabelFigure)),
      attempt('spot', region, deadlineMs, failures, () => throughCache('spot', region, types, request, spotFetcher(regional, request.now, today), relabelEach)),
      attempt('scores', region, deadlineMs, failures, () => throughCache('scores', region, [types.join(',')], request, scoresFetcher(regional, region, types, regionAzIds, today), relabelEach)),
    ]);
    const scoresByAzId = scores === undefined ? undefined : Object.values(scores.figures)[0];
    return { onDemand: compact(onDemand?.figures ?? {}), spot: spot?.figures ?? {}, ...(scoresByAzId === undefined ? {} : { scoresByAzId }) };
  } finally {
    if (regional !== aws) regional.destroy();
  }
}

/** One warning per (kind, reason), naming every region it hit. */
function warningsFor(failures: readonly Failure[], unknownTypes: readonly string[]): string[] {
  const grouped = new Map<string, { failure: Failure; regions: string[] }>();
  const order = Object.keys(FETCH_LABELS);
  const sorted = [...failures].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.reason.localeCompare(b.reason));
  for (const failure of sorted) {
    const key = `${failure.kind}|${failure.reason}`;
    const group = grouped.get(key) ?? { failure, regions: [] };
    group.regions.push(failure.region);
    grouped.set(key, group);
  }
  const warnings = [...grouped.values()].map(({ failure, regions }) => {
    const { operation, what } = FETCH_LABELS[failure.kind];
    const fallback = failure.kind === 'scores' ? 'no placement scores are shown' : "gm's bundled price snapshot is used instead";
    return `${operation} ${failure.reason} in ${[...regions].sort().join(', ')}: ${what} are not live; ${fallback}.`;
  });
  if (unknownTypes.length > 0) warnings.push(`No instance shape known for ${unknownTypes.join(', ')}: left out of the price book.`);
  return warnings;
}

/**
 * A PriceBook for `regions` × `instanceTypes` from the live APIs (through the disk cache), laid over `base` (the
 * bundled snapshot by default). Live figures are labelled `api` with today's date, cached ones `cache` with the date
 * they were fetched; whatever could not be fetched keeps its snapshot figure, and `warnings` says why.
 */
export async function livePriceBook(aws: AwsContext, request: LivePricesRequest, base: PriceBook = priceBookFromSnapshot()): Promise<LivePricesResult> {
  const timed = { ...request, now: request.now ?? new Date() };
  const failures: Failure[] = [];
  const regions = [...new Set(request.regions)];
  const figures = await Promise.all(regions.map((region) => regionFigures(aws, region, base, timed, failures)));
  const { book, unknownTypes } = overlayLiveFigures(base, Object.fromEntries(regions.map((region, index) => [region, figures[index] as RegionLiveFigures])));
  return { book, warnings: warningsFor(failures, unknownTypes) };
}
