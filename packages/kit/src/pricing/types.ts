/**
 * The PriceBook: every price gm reasons with, as plain data. It is built from the AWS Price List and Spot APIs, from
 * the on-disk cache of those, or from the bundled snapshot — and every figure says which, and how old it is, so a
 * cost shown to the user can always be traced. Plain data (not a class) so the cache can store it as JSON and tests
 * can generate thousands of them; the lookups in `price-book.ts` are pure functions over it.
 *
 * AZs are always AZ *IDs* (`use1-az1`), never AZ names (`us-east-1a`): IDs are the same physical zone in every
 * account, names are shuffled per account. Spot price history, placement scores (SingleAvailabilityZone) and
 * DescribeInstanceTypeOfferings (LocationType `availability-zone-id`) all speak IDs; the deploy engine maps an ID to a
 * subnet through the subnet's `AvailabilityZoneId`.
 */

/** Where a figure came from: a live API call, the on-disk cache of one, or the bundled snapshot. */
export type PriceSourceKind = 'api' | 'cache' | 'snapshot';

/** One price with its provenance. `usd` has at most 6 decimals (see money.ts). */
export interface PriceFigure {
  readonly usd: number;
  readonly source: PriceSourceKind;
  /** When the price was observed: `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
  readonly asOf: string;
  /** The source did not state a date; `asOf` is the snapshot's month. */
  readonly asOfAssumed?: true;
  /** The region had no price of its own; this is the named region's price (snapshot only). */
  readonly estimatedFrom?: string;
  /** What the price was taken from: a URL, `github:owner/repo/path@commit`, or a Price List SKU. */
  readonly citation?: string;
}

/** An EC2 spot placement score (1 = unlikely to get capacity … 10 = very likely) with its provenance. */
export interface PlacementScoreFigure {
  readonly score: number;
  readonly source: PriceSourceKind;
  readonly asOf: string;
}

export type Architecture = 'x86_64' | 'arm64';

export interface InstanceShape {
  readonly vCPUs: number;
  readonly memoryGiB: number;
  readonly gpuCount: number;
  readonly gpuName: string | null;
  readonly architecture: Architecture;
}

/** One instance type in one region. */
export interface InstanceTypePrices {
  readonly shape: InstanceShape;
  /** Linux, shared tenancy; the same in every AZ of the region. Absent when the source had no price. */
  readonly onDemandHourly?: PriceFigure;
  /** The latest spot price per AZ ID; an AZ without an entry has no known spot price. */
  readonly spotHourlyByAzId: Readonly<Record<string, PriceFigure>>;
  /**
   * AZ IDs the price source lists the type in. A hint only — selection takes offerings from
   * DescribeInstanceTypeOfferings when it can (see `offeringsFromPriceBook`).
   */
  readonly offeredAzIds?: readonly string[];
}

/**
 * GetSpotPlacementScores results for a region. Scores answer "can this *set* of types get capacity here", so the
 * most specific one known wins: per type and AZ, then per AZ, then for the region.
 */
export interface RegionPlacementScores {
  readonly region?: PlacementScoreFigure;
  readonly byAzId?: Readonly<Record<string, PlacementScoreFigure>>;
  readonly byInstanceTypeAndAzId?: Readonly<Record<string, Readonly<Record<string, PlacementScoreFigure>>>>;
}

/** Per-region prices for everything but the instance (each absent when unknown). */
export interface ServicePrices {
  /** EBS gp3 storage per GB-month (3,000 IOPS and 125 MiB/s included). */
  readonly ebsGp3GbMonth?: PriceFigure;
  /** EFS Standard storage per GB-month. */
  readonly efsStandardGbMonth?: PriceFigure;
  /** Application Load Balancer, per hour. */
  readonly albHour?: PriceFigure;
  /** Application Load Balancer, per LCU-hour. */
  readonly albLcuHour?: PriceFigure;
  /** One public IPv4 address (in use or idle), per hour. */
  readonly publicIpv4Hour?: PriceFigure;
  /** Data transfer out to the internet, first 10 TB/month tier, per GB. */
  readonly dataTransferOutGb?: PriceFigure;
}

/** CloudFront prices for one edge zone (first 10 TB/month tier). */
export interface CloudFrontPrices {
  readonly transferOutGb?: PriceFigure;
  readonly httpsRequestsPer10k?: PriceFigure;
}

export interface RegionPrices {
  readonly instanceTypes: Readonly<Record<string, InstanceTypePrices>>;
  readonly services: ServicePrices;
  readonly placementScores?: RegionPlacementScores;
}

export interface PriceBook {
  readonly regions: Readonly<Record<string, RegionPrices>>;
  /** CloudFront is priced per edge zone (`north-america`, `europe`, `japan`, `asia-pacific`, …), not per region. */
  readonly cloudFrontByEdgeZone: Readonly<Record<string, CloudFrontPrices>>;
}

/**
 * Which instance types are offered where: region → AZ ID → instance types. From DescribeInstanceTypeOfferings with
 * `LocationType: 'availability-zone-id'` (or derived from the PriceBook when that call is not possible).
 */
export type Offerings = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
