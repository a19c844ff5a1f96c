// Pricing: the PriceBook (every figure labelled api | cache | snapshot with its date), the bundled snapshot, and the
// pure functions over it — `estimate` (what a tier costs) and `selectPlacement` (where to launch, in fallback order).
// No AWS SDK here: `livePriceBook` fetches live prices through the narrow interfaces of kit/src/aws (AwsContext).
export type {
  Architecture,
  CloudFrontPrices,
  InstanceShape,
  InstanceTypePrices,
  Offerings,
  PlacementScoreFigure,
  PriceBook,
  PriceFigure,
  PriceSourceKind,
  RegionPlacementScores,
  RegionPrices,
  ServicePrices,
} from './types.js';
export { HOURS_PER_MONTH, MICROS_PER_USD, fromMicros, roundUsd, savingsPercent, sumUsd, toMicros } from './money.js';
export {
  cheapestSpotHourly,
  cloudFrontEdgeZoneFor,
  cloudFrontPrices,
  instanceShape,
  instanceTypePrices,
  offeredAzIds,
  offeringsFromPriceBook,
  onDemandHourly,
  placementScore,
  regionPrices,
  servicePrices,
  spotHourly,
} from './price-book.js';
export {
  parseSnapshot,
  priceBookFromSnapshot,
  readBundledSnapshot,
  type PriceSnapshot,
  type SnapshotEc2,
  type SnapshotInstanceType,
  type SnapshotServicePrice,
} from './snapshot.js';
export { defaultAssumptions, resolveAssumptions, type UsageAssumptions } from './assumptions.js';
export {
  combineSources,
  type CostComponent,
  type CostComponentKind,
  type FigureSource,
  type InstanceMarket,
  type PricedItem,
} from './cost-components.js';
export { estimate, type CostEstimate, type CostTotals, type EstimateInput } from './estimate.js';
export { requirementsForTier, unmetRequirement, type InstanceRequirements, type RequirementFailure } from './requirements.js';
export {
  PRICE_BAND_PERCENT,
  penaltyPercentFor,
  selectPlacement,
  type ExcludedCandidate,
  type ExclusionReason,
  type PlacementOption,
  type SelectionInput,
  type SelectionOutcome,
} from './selection.js';
export { explain, explainExclusion } from './selection-explain.js';
export { onDemandFilters, onDemandPricesFromPriceList, parsePriceListEntry, type OnDemandListPrice, type PriceListFilter } from './price-list.js';
export {
  azIdsByName,
  latestSpotPrices,
  needsAzIdMapping,
  zonalPlacementScores,
  type LatestSpotPrice,
  type LatestSpotPrices,
  type ScoreEntry,
  type SpotPricePoint,
} from './spot-history.js';
export { PRICE_CACHE_TTL_MS, lookUpCache, priceCacheDir, priceCachePath, storeInCache, type CacheEntry, type CacheLookup, type PriceCacheKind } from './price-cache.js';
export { overlayLiveFigures, type RegionLiveFigures } from './live-overlay.js';
export { failureReason, livePriceBook, type LivePricesRequest, type LivePricesResult } from './live.js';
export { closePricePeriods, costToDate, openPricePeriod, type CostToDate, type PeriodCost, type PricedRun } from './periods.js';
