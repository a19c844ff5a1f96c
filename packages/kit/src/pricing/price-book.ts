import type {
  CloudFrontPrices,
  InstanceShape,
  InstanceTypePrices,
  Offerings,
  PlacementScoreFigure,
  PriceBook,
  PriceFigure,
  RegionPrices,
  ServicePrices,
} from './types.js';

/** Own keys only: an instance type or region named like an Object.prototype member must not resolve to it. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function regionPrices(book: PriceBook, region: string): RegionPrices | undefined {
  return own(book.regions, region);
}

export function instanceTypePrices(book: PriceBook, region: string, instanceType: string): InstanceTypePrices | undefined {
  return own(regionPrices(book, region)?.instanceTypes, instanceType);
}

export function instanceShape(book: PriceBook, region: string, instanceType: string): InstanceShape | undefined {
  return instanceTypePrices(book, region, instanceType)?.shape;
}

/** Linux on-demand $/h for the type in the region. */
export function onDemandHourly(book: PriceBook, region: string, instanceType: string): PriceFigure | undefined {
  return instanceTypePrices(book, region, instanceType)?.onDemandHourly;
}

/** Latest spot $/h for the type in one AZ (by AZ ID). */
export function spotHourly(book: PriceBook, region: string, instanceType: string, azId: string): PriceFigure | undefined {
  return own(instanceTypePrices(book, region, instanceType)?.spotHourlyByAzId, azId);
}

/** The cheapest known spot price among `azIds` (every priced AZ when omitted); ties go to the lower AZ ID. */
export function cheapestSpotHourly(
  book: PriceBook,
  region: string,
  instanceType: string,
  azIds?: readonly string[],
): { azId: string; price: PriceFigure } | undefined {
  const byAz = instanceTypePrices(book, region, instanceType)?.spotHourlyByAzId ?? {};
  let best: { azId: string; price: PriceFigure } | undefined;
  for (const azId of [...(azIds ?? Object.keys(byAz))].sort()) {
    const price = own(byAz, azId);
    if (price !== undefined && (best === undefined || price.usd < best.price.usd)) best = { azId, price };
  }
  return best;
}

/** The most specific placement score known: for the type in the AZ, then the AZ, then the region. */
export function placementScore(
  book: PriceBook,
  region: string,
  azId?: string,
  instanceType?: string,
): PlacementScoreFigure | undefined {
  const scores = regionPrices(book, region)?.placementScores;
  if (scores === undefined) return undefined;
  const forType = instanceType === undefined ? undefined : own(scores.byInstanceTypeAndAzId, instanceType);
  const zonal = azId === undefined ? undefined : (own(forType, azId) ?? own(scores.byAzId, azId));
  return zonal ?? scores.region;
}

/** EBS, EFS, ALB, public IPv4 and data-transfer prices for the region (an empty object for an unknown region). */
export function servicePrices(book: PriceBook, region: string): ServicePrices {
  return regionPrices(book, region)?.services ?? {};
}

/**
 * The CloudFront edge zone whose prices apply, assuming most viewers are on the deployment region's continent
 * (CloudFront bills by the edge that serves the viewer, not by the origin's region).
 */
export function cloudFrontEdgeZoneFor(region: string): string {
  if (/^ap-northeast-[13]$/.test(region)) return 'japan';
  if (region.startsWith('ap-south-')) return 'india';
  if (/^ap-southeast-[24]$/.test(region)) return 'australia';
  const byPrefix: Readonly<Record<string, string>> = { eu: 'europe', ap: 'asia-pacific', sa: 'south-america', me: 'middle-east', il: 'middle-east', af: 'south-africa' };
  return own(byPrefix, region.split('-')[0] ?? '') ?? 'north-america';
}

const FALLBACK_EDGE_ZONE = 'north-america';

/** CloudFront prices for the region's edge zone; an unpriced zone borrows North America's, flagged estimatedFrom. */
export function cloudFrontPrices(book: PriceBook, region: string): { edgeZone: string; prices: CloudFrontPrices } {
  const edgeZone = cloudFrontEdgeZoneFor(region);
  const prices = own(book.cloudFrontByEdgeZone, edgeZone);
  if (prices !== undefined) return { edgeZone, prices };
  const fallback = own(book.cloudFrontByEdgeZone, FALLBACK_EDGE_ZONE) ?? {};
  const borrowed = (figure: PriceFigure | undefined): PriceFigure | undefined =>
    figure === undefined ? undefined : { ...figure, estimatedFrom: `edge:${FALLBACK_EDGE_ZONE}` };
  return {
    edgeZone,
    prices: { transferOutGb: borrowed(fallback.transferOutGb), httpsRequestsPer10k: borrowed(fallback.httpsRequestsPer10k) },
  };
}

/**
 * Offerings as the PriceBook knows them — for when DescribeInstanceTypeOfferings cannot be called (no credentials,
 * APIs unreachable). Uses each type's `offeredAzIds`, else the AZs it has a spot price in.
 */
export function offeringsFromPriceBook(book: PriceBook, regions: readonly string[] = Object.keys(book.regions)): Offerings {
  const offerings: Record<string, Record<string, string[]>> = {};
  for (const region of regions) {
    const byAz: Record<string, string[]> = {};
    for (const [instanceType, prices] of Object.entries(regionPrices(book, region)?.instanceTypes ?? {})) {
      for (const azId of prices.offeredAzIds ?? Object.keys(prices.spotHourlyByAzId)) (byAz[azId] ??= []).push(instanceType);
    }
    for (const types of Object.values(byAz)) types.sort();
    offerings[region] = byAz;
  }
  return offerings;
}

/** The AZ IDs of `region` in which `offerings` lists the type, sorted. */
export function offeredAzIds(offerings: Offerings, region: string, instanceType: string): string[] {
  return Object.entries(own(offerings, region) ?? {})
    .filter(([, types]) => types.includes(instanceType))
    .map(([azId]) => azId)
    .sort();
}
