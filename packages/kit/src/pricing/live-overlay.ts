import type { InstanceShape, InstanceTypePrices, PlacementScoreFigure, PriceBook, PriceFigure, RegionPrices } from './types.js';

/** What the live APIs (or their cache) said about one region; anything absent keeps the base book's figure. */
export interface RegionLiveFigures {
  /** instance type → on-demand $/h. */
  readonly onDemand: Readonly<Record<string, PriceFigure>>;
  /** instance type → AZ ID → latest spot $/h. A type listed here replaces the base's spot prices entirely. */
  readonly spot: Readonly<Record<string, Readonly<Record<string, PriceFigure>>>>;
  /** AZ ID → zonal placement score for the set of candidate types. */
  readonly scoresByAzId?: Readonly<Record<string, PlacementScoreFigure>>;
}

/** The shape of a type from any region of the book (a type has the same shape everywhere). */
function shapeFromAnyRegion(book: PriceBook, instanceType: string): InstanceShape | undefined {
  for (const region of Object.values(book.regions)) {
    if (Object.hasOwn(region.instanceTypes, instanceType)) return region.instanceTypes[instanceType]?.shape;
  }
  return undefined;
}

function overlayType(base: InstanceTypePrices | undefined, shape: InstanceShape, onDemand: PriceFigure | undefined, spot: Readonly<Record<string, PriceFigure>> | undefined): InstanceTypePrices {
  const onDemandHourly = onDemand ?? base?.onDemandHourly;
  const offered = new Set([...(base?.offeredAzIds ?? []), ...Object.keys(spot ?? {})]);
  return {
    shape,
    ...(onDemandHourly === undefined ? {} : { onDemandHourly }),
    spotHourlyByAzId: spot ?? base?.spotHourlyByAzId ?? {},
    ...(offered.size === 0 ? {} : { offeredAzIds: [...offered].sort() }),
  };
}

function overlayRegion(book: PriceBook, region: string, base: RegionPrices | undefined, live: RegionLiveFigures): { prices: RegionPrices; unknown: string[] } {
  const instanceTypes: Record<string, InstanceTypePrices> = { ...(base?.instanceTypes ?? {}) };
  const unknown: string[] = [];
  for (const type of new Set([...Object.keys(live.onDemand), ...Object.keys(live.spot)])) {
    const existing = Object.hasOwn(instanceTypes, type) ? instanceTypes[type] : undefined;
    const shape = existing?.shape ?? shapeFromAnyRegion(book, type);
    if (shape === undefined) {
      unknown.push(type);
      continue;
    }
    const onDemand = Object.hasOwn(live.onDemand, type) ? live.onDemand[type] : undefined;
    const spot = Object.hasOwn(live.spot, type) ? live.spot[type] : undefined;
    instanceTypes[type] = overlayType(existing, shape, onDemand, spot);
  }
  const scores = live.scoresByAzId;
  const placementScores = scores === undefined || Object.keys(scores).length === 0 ? base?.placementScores : { ...base?.placementScores, byAzId: scores };
  const prices: RegionPrices = { instanceTypes, services: base?.services ?? {}, ...(placementScores === undefined ? {} : { placementScores }) };
  return { prices, unknown: unknown.map((type) => `${type} in ${region}`) };
}

/**
 * The base book (normally the snapshot) with the live figures laid over it, figure by figure: whatever the APIs did
 * not answer keeps its base figure and label. Pure. `unknownTypes` lists priced types whose shape (vCPUs, memory,
 * GPUs) neither book knows; they are left out, since selection and requirements need the shape.
 */
export function overlayLiveFigures(base: PriceBook, live: Readonly<Record<string, RegionLiveFigures>>): { book: PriceBook; unknownTypes: string[] } {
  const regions: Record<string, RegionPrices> = { ...base.regions };
  const unknownTypes: string[] = [];
  for (const [region, figures] of Object.entries(live)) {
    const { prices, unknown } = overlayRegion(base, region, Object.hasOwn(base.regions, region) ? base.regions[region] : undefined, figures);
    regions[region] = prices;
    unknownTypes.push(...unknown);
  }
  return { book: { regions, cloudFrontByEdgeZone: base.cloudFrontByEdgeZone }, unknownTypes };
}
