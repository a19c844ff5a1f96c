import { readFileSync } from 'node:fs';
import { onDemandFilters, onDemandPricesFromPriceList, parsePriceListEntry } from '@geusemaker/kit/pricing';

/** The shared reference example (copied from ../shared/pricing): a real t3.micro GetProducts element. */
const example = JSON.parse(readFileSync(new URL('./fixtures/getproducts-ec2-example.json', import.meta.url), 'utf8')) as {
  request: { Filters: { Type: string; Field: string; Value: string }[] };
  response: { PriceList: string[] };
  priceList0Decoded: Record<string, unknown>;
};
const [t3Micro] = example.response.PriceList as [string];

/** The example document with another type and price, as the README says a t3.medium one differs. */
function variant(instanceType: string, usd: string, changes: { regionCode?: string; sku?: string } = {}): string {
  return t3Micro
    .replaceAll('t3.micro', instanceType)
    .replace('"USD":"0.0104000000"', `"USD":"${usd}"`)
    .replace('"regionCode":"us-east-1"', `"regionCode":"${changes.regionCode ?? 'us-east-1'}"`)
    .replaceAll('CRAJUW7BTXFMT2UJ', changes.sku ?? 'CRAJUW7BTXFMT2UJ');
}

describe('Price List GetProducts parsing', () => {
  it('reads the double-encoded example exactly', () => {
    expect(parsePriceListEntry(t3Micro)).toEqual({ instanceType: 't3.micro', regionCode: 'us-east-1', usd: 0.0104, sku: 'CRAJUW7BTXFMT2UJ', version: '20260910195514' });
  });

  it('reads an already-decoded document the same way', () => {
    expect(parsePriceListEntry(example.priceList0Decoded)).toEqual(parsePriceListEntry(t3Micro));
  });

  it('maps a page of entries to a price per type, for the asked region only', () => {
    const entries = [t3Micro, variant('t3.medium', '0.0416000000'), variant('t3.medium', '0.0456000000', { regionCode: 'us-west-1', sku: 'OTHERREGIONSKU00' })];
    const prices = onDemandPricesFromPriceList(entries, 'us-east-1');
    expect(Object.keys(prices).sort()).toEqual(['t3.medium', 't3.micro']);
    expect(prices['t3.medium']?.usd).toBe(0.0416);
    expect(prices['t3.micro']?.usd).toBe(0.0104);
  });

  it('skips unparsable entries, documents without a price and $0 Capacity Block SKUs', () => {
    const noTerms = JSON.stringify({ ...example.priceList0Decoded, terms: {} });
    const entries = ['not json', '{}', noTerms, variant('p5.48xlarge', '0.0000000000')];
    expect(onDemandPricesFromPriceList(entries, 'us-east-1')).toEqual({});
    expect(parsePriceListEntry('[1,2]')).toBeUndefined();
  });

  it('keeps the highest price when a type still has several SKUs (never under-quote)', () => {
    const entries = [variant('t3.medium', '0.0416000000'), variant('t3.medium', '0.0600000000', { sku: 'WINDOWSLIKESKU00' })];
    expect(onDemandPricesFromPriceList(entries, 'us-east-1')['t3.medium']).toMatchObject({ usd: 0.06, sku: 'WINDOWSLIKESKU00' });
  });
});

describe('GetProducts filters', () => {
  it('are the example request’s TERM_MATCH filters for one type', () => {
    const byField = (filters: readonly { Field: string }[]) => [...filters].sort((a, b) => a.Field.localeCompare(b.Field));
    const t3Medium = example.request.Filters.map((filter) => (filter.Field === 'instanceType' ? { ...filter, Value: 't3.medium' } : filter));
    expect(byField(onDemandFilters('us-east-1', ['t3.medium']))).toEqual(byField(t3Medium));
  });

  it('ask for several types in one request with ANY_OF, sorted and without duplicates', () => {
    const filters = onDemandFilters('eu-west-1', ['m7i.large', 't3.large', 'm7i.large']);
    expect(filters.filter((filter) => filter.Field === 'instanceType')).toEqual([{ Type: 'ANY_OF', Field: 'instanceType', Value: 'm7i.large,t3.large' }]);
    expect(filters.find((filter) => filter.Field === 'regionCode')).toEqual({ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' });
    expect(filters).toHaveLength(8);
  });
});
