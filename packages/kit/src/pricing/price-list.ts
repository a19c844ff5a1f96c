/**
 * The AWS Price List Query API (GetProducts) for EC2 on-demand Linux prices: the request filters and a pure parser
 * of its answer. Each PriceList entry is a JSON document sent as a *string* (see ../shared/pricing/README.md); the
 * price sits at `terms.OnDemand.<sku>.<term>.priceDimensions.<sku>.<term>.<dimension>.pricePerUnit.USD`.
 */

/** One `{Type, Field, Value}` filter of a GetProducts request (the SDK's `Filter` shape, without importing it). */
export interface PriceListFilter {
  readonly Type: 'TERM_MATCH' | 'ANY_OF';
  readonly Field: string;
  readonly Value: string;
}

/** One on-demand Linux price read from a PriceList document. */
export interface OnDemandListPrice {
  readonly instanceType: string;
  readonly regionCode: string;
  readonly usd: number;
  readonly sku: string;
  /** The offer file version (`20260910195514`), when the document carries one. */
  readonly version?: string;
}

/** The attributes that pin one Linux, shared-tenancy, on-demand SKU per instance type (README "Filters"). */
const LINUX_ON_DEMAND: ReadonlyArray<readonly [string, string]> = [
  ['operatingSystem', 'Linux'],
  ['tenancy', 'Shared'],
  ['capacitystatus', 'Used'],
  ['preInstalledSw', 'NA'],
  ['licenseModel', 'No License required'],
  ['marketoption', 'OnDemand'],
];

/**
 * GetProducts filters for the on-demand Linux prices of `instanceTypes` in `region`: TERM_MATCH on the region and on
 * every attribute above, and the instance types as one TERM_MATCH (one type) or ANY_OF (several, comma-separated) —
 * so one request per region answers for every candidate type.
 */
export function onDemandFilters(region: string, instanceTypes: readonly string[]): PriceListFilter[] {
  const types = [...new Set(instanceTypes)].sort();
  const typeFilter: PriceListFilter =
    types.length === 1 ? { Type: 'TERM_MATCH', Field: 'instanceType', Value: types[0] ?? '' } : { Type: 'ANY_OF', Field: 'instanceType', Value: types.join(',') };
  return [
    { Type: 'TERM_MATCH', Field: 'regionCode', Value: region },
    typeFilter,
    ...LINUX_ON_DEMAND.map(([Field, Value]) => ({ Type: 'TERM_MATCH' as const, Field, Value })),
  ];
}

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringAt(object: Json | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Every `pricePerUnit.USD` of the document's on-demand terms, as numbers (a product has one in practice). */
function onDemandUsd(terms: unknown): number[] {
  const onDemand = isObject(terms) ? terms.OnDemand : undefined;
  if (!isObject(onDemand)) return [];
  return Object.values(onDemand).flatMap((term) => {
    const dimensions = isObject(term) ? term.priceDimensions : undefined;
    if (!isObject(dimensions)) return [];
    return Object.values(dimensions).flatMap((dimension) => {
      const perUnit = isObject(dimension) && isObject(dimension.pricePerUnit) ? dimension.pricePerUnit : undefined;
      const text = stringAt(perUnit, 'USD');
      const usd = text === undefined ? Number.NaN : Number(text);
      return Number.isFinite(usd) ? [usd] : [];
    });
  });
}

/** One PriceList entry (a JSON string, or an already-parsed object) → its price, or undefined when it has none. */
export function parsePriceListEntry(entry: string | Json): OnDemandListPrice | undefined {
  let document: unknown;
  try {
    document = typeof entry === 'string' ? JSON.parse(entry) : entry;
  } catch {
    return undefined;
  }
  if (!isObject(document) || !isObject(document.product)) return undefined;
  const attributes = isObject(document.product.attributes) ? document.product.attributes : undefined;
  const instanceType = stringAt(attributes, 'instanceType');
  const regionCode = stringAt(attributes, 'regionCode');
  const sku = stringAt(document.product, 'sku');
  // A SKU with several dimensions (never seen for Linux on-demand) is ambiguous: take the highest, never under-quote.
  const prices = onDemandUsd(document.terms);
  if (instanceType === undefined || regionCode === undefined || sku === undefined || prices.length === 0) return undefined;
  const version = stringAt(document, 'version');
  return { instanceType, regionCode, usd: Math.max(...prices), sku, ...(version === undefined ? {} : { version }) };
}

/**
 * A GetProducts answer → the on-demand $/h per instance type of `region`. Entries for other regions, unparsable ones
 * and zero prices (Capacity Block SKUs show $0.00) are skipped; when a type still has several SKUs (a filter the
 * API ignored), the highest price wins so an estimate never under-quotes.
 */
export function onDemandPricesFromPriceList(entries: readonly (string | Json)[], region: string): Record<string, OnDemandListPrice> {
  const byType: Record<string, OnDemandListPrice> = {};
  for (const entry of entries) {
    const price = parsePriceListEntry(entry);
    if (price === undefined || price.regionCode !== region || price.usd <= 0) continue;
    const previous = byType[price.instanceType];
    if (previous === undefined || price.usd > previous.usd) byType[price.instanceType] = price;
  }
  return byType;
}
