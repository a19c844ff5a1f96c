/**
 * Pure reductions of EC2 spot answers: DescribeSpotPriceHistory points → the latest price per instance type and AZ
 * ID, and GetSpotPlacementScores (SingleAvailabilityZone) → a score per AZ ID. The shapes mirror the SDK's
 * `SpotPrice` / `SpotPlacementScore` fields gm reads, so callers pass SDK objects straight in.
 */

export interface SpotPricePoint {
  readonly InstanceType?: string;
  readonly ProductDescription?: string;
  readonly SpotPrice?: string;
  readonly Timestamp?: Date;
  /** AZ name (`us-east-1a`): shuffled per account. */
  readonly AvailabilityZone?: string;
  /** AZ ID (`use1-az1`), when the answer carries it. */
  readonly AvailabilityZoneId?: string;
}

export interface LatestSpotPrice {
  readonly usd: number;
  /** When AWS set this price (ISO 8601). */
  readonly since: string;
}

/** instance type → AZ ID → latest price. */
export type LatestSpotPrices = Record<string, Record<string, LatestSpotPrice>>;

export interface ScoreEntry {
  readonly Region?: string;
  readonly AvailabilityZoneId?: string;
  readonly Score?: number;
}

/** The product descriptions gm asks for: Linux on a VPC (the fixture and AWS also answer the `(Amazon VPC)` form). */
export const LINUX_PRODUCT_DESCRIPTIONS = ['Linux/UNIX'] as const;

function isLinux(description: string | undefined): boolean {
  return description === undefined || description.startsWith('Linux/UNIX');
}

/**
 * The newest point per (instance type, AZ ID) among Linux/UNIX points. The AZ ID is the point's own, else its AZ
 * name looked up in `azIdByName` (from DescribeAvailabilityZones); points whose AZ cannot be identified, whose price
 * is not a positive number or that have no timestamp are skipped. On equal timestamps the lower price wins (the
 * `Linux/UNIX` and `Linux/UNIX (Amazon VPC)` series normally agree).
 */
export function latestSpotPrices(points: readonly SpotPricePoint[], azIdByName: Readonly<Record<string, string>> = {}): LatestSpotPrices {
  const latest: LatestSpotPrices = {};
  for (const point of points) {
    const usd = Number(point.SpotPrice);
    const time = point.Timestamp?.getTime();
    const name = point.AvailabilityZone;
    const azId = point.AvailabilityZoneId ?? (name !== undefined && Object.hasOwn(azIdByName, name) ? azIdByName[name] : undefined);
    if (point.InstanceType === undefined || azId === undefined || time === undefined || Number.isNaN(time)) continue;
    if (!isLinux(point.ProductDescription) || !Number.isFinite(usd) || usd <= 0) continue;
    const byAz = (latest[point.InstanceType] ??= {});
    const previous = byAz[azId];
    const previousTime = previous === undefined ? -Infinity : Date.parse(previous.since);
    if (time > previousTime || (time === previousTime && previous !== undefined && usd < previous.usd)) {
      byAz[azId] = { usd, since: new Date(time).toISOString() };
    }
  }
  return latest;
}

/** Whether the reduction still needs AZ names mapped to IDs (some Linux point carries only a name). */
export function needsAzIdMapping(points: readonly SpotPricePoint[]): boolean {
  return points.some((point) => point.AvailabilityZoneId === undefined && point.AvailabilityZone !== undefined && isLinux(point.ProductDescription));
}

/** AZ name → AZ ID from DescribeAvailabilityZones' `AvailabilityZones`. */
export function azIdsByName(zones: readonly { ZoneName?: string; ZoneId?: string }[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const zone of zones) if (zone.ZoneName !== undefined && zone.ZoneId !== undefined) map[zone.ZoneName] = zone.ZoneId;
  return map;
}

/**
 * Zonal placement scores (SingleAvailabilityZone=true) of `region` → AZ ID → score. Scores for other regions (the
 * API answers the top 10 across the regions asked) or AZ IDs that do not belong to the region are dropped; an AZ
 * listed twice keeps its higher score. Scores are clamped to the documented 1–10.
 */
export function zonalPlacementScores(entries: readonly ScoreEntry[], region: string, regionAzIds?: readonly string[]): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const entry of entries) {
    const { AvailabilityZoneId: azId, Score: score } = entry;
    if (entry.Region !== region || azId === undefined || score === undefined || !Number.isFinite(score)) continue;
    if (regionAzIds !== undefined && !regionAzIds.includes(azId)) continue;
    scores[azId] = Math.max(scores[azId] ?? 0, Math.min(10, Math.max(1, Math.round(score))));
  }
  return scores;
}
