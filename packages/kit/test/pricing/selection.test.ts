import {
  explain,
  explainExclusion,
  offeringsFromPriceBook,
  placementScore,
  priceBookFromSnapshot,
  requirementsForTier,
  selectPlacement,
  type InstanceShape,
  type PlacementOption,
  type PriceBook,
  type PriceFigure,
  type SelectionOutcome,
} from '@geusemaker/kit/pricing';

const snapshot = priceBookFromSnapshot();
const usEast = offeringsFromPriceBook(snapshot, ['us-east-1']);
// Medium types (4 GiB) are below tier1's own minimum (8 GiB), so these ranking tests state only the architecture.
const x86Only = { architecture: 'x86_64' as const, gpu: false };

function options(outcome: SelectionOutcome): readonly PlacementOption[] {
  if (outcome.kind !== 'options') throw new Error(`expected options, got none: ${outcome.why}`);
  return outcome.options;
}

function placements(outcome: SelectionOutcome): string[] {
  return options(outcome).map((option) => `${option.region}/${option.azId} ${option.instanceType} ${option.market} ${option.hourly}`);
}

const SHAPE: InstanceShape = { vCPUs: 2, memoryGiB: 8, gpuCount: 0, gpuName: null, architecture: 'x86_64' };
const price = (usd: number): PriceFigure => ({ usd, source: 'api', asOf: '2026-11-27' });
const score = (value: number) => ({ score: value, source: 'api' as const, asOf: '2026-11-27' });

/** A one-type book: spot prices and scores per AZ of region r1. */
function zonalBook(spot: Readonly<Record<string, [number, number]>>, onDemand = 2): PriceBook {
  const spotHourlyByAzId = Object.fromEntries(Object.entries(spot).map(([azId, [usd]]) => [azId, price(usd)]));
  const byAzId = Object.fromEntries(Object.entries(spot).map(([azId, [, value]]) => [azId, score(value)]));
  return {
    regions: { r1: { instanceTypes: { 'x.large': { shape: SHAPE, onDemandHourly: price(onDemand), spotHourlyByAzId } }, services: {}, placementScores: { byAzId } } },
    cloudFrontByEdgeZone: {},
  };
}

describe('selectPlacement over the snapshot', () => {
  it('spot: only spot options, cheapest first (score unknown → ×1.15)', () => {
    const outcome = selectPlacement({ regions: ['us-east-1'], instanceTypes: ['t3.medium', 't3a.medium'], requirements: x86Only, offerings: usEast, market: 'spot' }, snapshot);
    expect(placements(outcome).slice(0, 3)).toEqual([
      'us-east-1/use1-az1 t3a.medium spot 0.0115',
      'us-east-1/use1-az6 t3a.medium spot 0.0116',
      'us-east-1/use1-az5 t3a.medium spot 0.0117',
    ]);
    expect(options(outcome)).toHaveLength(10);
    expect(options(outcome)[0]).toMatchObject({ rank: 1, penaltyPercent: 115, effectivePrice: 0.013225, price: { source: 'snapshot' } });
    expect(options(outcome).every((option) => option.market === 'spot')).toBe(true);
  });

  it('on-demand: one option per offered AZ, cheapest type first', () => {
    const outcome = selectPlacement({ regions: ['us-east-1'], instanceTypes: ['t3.medium', 't3a.medium'], offerings: usEast, market: 'on-demand' }, snapshot);
    expect(placements(outcome)[0]).toBe('us-east-1/use1-az1 t3a.medium on-demand 0.0376');
    expect(options(outcome).map((option) => option.market)).toEqual(Array(10).fill('on-demand'));
  });

  it('auto: every spot option before any on-demand one', () => {
    const outcome = selectPlacement({ regions: ['us-east-1', 'us-west-2'], instanceTypes: ['t3.medium'], offerings: offeringsFromPriceBook(snapshot), market: 'auto' }, snapshot);
    const markets = options(outcome).map((option) => option.market);
    expect(markets.lastIndexOf('spot')).toBeLessThan(markets.indexOf('on-demand'));
    expect(options(outcome).at(-1)?.reason).toMatch(/^on-demand fallback after every spot option/);
  });

  it('tier1 needs 8 GiB: medium types are excluded as too small', () => {
    const outcome = selectPlacement({ regions: ['us-east-1'], instanceTypes: ['t3.medium', 't3.large'], requirements: requirementsForTier('tier1', 'x86_64'), offerings: usEast, market: 'on-demand' }, snapshot);
    expect(new Set(options(outcome).map((option) => option.instanceType))).toEqual(new Set(['t3.large']));
    expect(outcome.excluded.some((excluded) => excluded.instanceType === 't3.medium' && excluded.reason === 'too-small')).toBe(true);
  });

  it('tier3 needs a GPU: CPU-only types are excluded as such', () => {
    const outcome = selectPlacement({ regions: ['us-east-1'], requirements: requirementsForTier('tier3', 'x86_64'), offerings: usEast, market: 'spot' }, snapshot);
    expect(options(outcome)[0]?.instanceType).toMatch(/^g/);
    expect(outcome.excluded).toContainEqual(expect.objectContaining({ instanceType: 't3.medium', reason: 'no-gpu' }));
    expect(outcome.excluded).toContainEqual(expect.objectContaining({ instanceType: 't4g.medium', reason: 'wrong-architecture' }));
  });

  it('none: wrong architecture for every type, named', () => {
    const outcome = selectPlacement({ regions: ['us-east-1'], instanceTypes: ['t3.medium'], requirements: { architecture: 'arm64' }, offerings: usEast, market: 'auto' }, snapshot);
    expect(outcome).toMatchObject({ kind: 'none', reasons: ['wrong-architecture'], why: 'No feasible option (auto): 1 wrong architecture.' });
    expect(explainExclusion(outcome.excluded[0]!)).toBe('t3.medium in us-east-1: wrong architecture (x86_64, the AMI is arm64)');
  });

  it('none: everything over the max price, naming the cheapest', () => {
    const outcome = selectPlacement({ regions: ['us-east-1'], instanceTypes: ['t3.medium'], offerings: usEast, market: 'spot', maxHourlyPrice: 0.01 }, snapshot);
    expect(outcome.kind).toBe('none');
    if (outcome.kind !== 'none') return;
    expect(outcome.reasons).toEqual(['over-max-price']);
    expect(outcome.why).toBe('No feasible option (spot): 5 over the max hourly price. The cheapest over the max of $0.01/h is t3.medium spot in us-east-1 at $0.0168/h.');
  });

  it('none: no regions, no candidate types', () => {
    expect(selectPlacement({ regions: [], offerings: usEast, market: 'spot' }, snapshot)).toMatchObject({ kind: 'none', why: 'No region to choose from.' });
    expect(selectPlacement({ regions: ['us-east-1'], instanceTypes: [], offerings: usEast, market: 'spot' }, snapshot)).toMatchObject({
      kind: 'none',
      reasons: [],
      why: 'No candidate instance types: none given, or the price book knows none in these regions.',
    });
  });

  it('names types not offered or not known', () => {
    const offerings = { 'us-east-1': { 'use1-az1': ['t3a.medium'] } };
    const outcome = selectPlacement({ regions: ['us-east-1'], instanceTypes: ['t3.medium', 'x9.huge', 't3a.medium'], offerings, market: 'on-demand' }, snapshot);
    expect(placements(outcome)).toEqual(['us-east-1/use1-az1 t3a.medium on-demand 0.0376']);
    expect(outcome.excluded.map((exclusion) => exclusion.reason)).toEqual(['not-offered', 'unknown-instance-type']);
  });
});

describe('ranking rules', () => {
  const offerings = { r1: { a: ['x.large'], b: ['x.large'], c: ['x.large'] } };

  it('a better placement score wins only within 5% of the cheapest option left', () => {
    const book = zonalBook({ a: [1.0, 2], b: [1.04, 9], c: [1.2, 10] });
    const outcome = selectPlacement({ regions: ['r1'], offerings, market: 'spot' }, book);
    expect(placements(outcome)).toEqual(['r1/b x.large spot 1.04', 'r1/a x.large spot 1', 'r1/c x.large spot 1.2']);
    expect(options(outcome).map((option) => [option.penaltyPercent, option.effectivePrice])).toEqual([[100, 1.04], [130, 1.3], [100, 1.2]]);
    expect(options(outcome)[0]?.reason).toBe(
      'spot at $1.04/h, placement score 9 (×1.00): within 5% of the cheapest spot option left (x.large in a at $1/h) and a lower effective price ($1.04/h vs $1.3/h)',
    );
  });

  it('equal prices: the user\'s region order, then type order, then AZ ID', () => {
    const book: PriceBook = {
      regions: Object.fromEntries(['r1', 'r2'].map((region) => [region, {
        instanceTypes: Object.fromEntries(['x.large', 'y.large'].map((type) => [type, { shape: SHAPE, onDemandHourly: price(1), spotHourlyByAzId: {} }])),
        services: {},
      }])),
      cloudFrontByEdgeZone: {},
    };
    const both = { a: ['x.large', 'y.large'], b: ['y.large', 'x.large'] };
    const outcome = selectPlacement({ regions: ['r2', 'r1'], instanceTypes: ['y.large', 'x.large'], offerings: { r1: both, r2: both }, market: 'on-demand' }, book);
    expect(placements(outcome).slice(0, 5)).toEqual([
      'r2/a y.large on-demand 1',
      'r2/b y.large on-demand 1',
      'r2/a x.large on-demand 1',
      'r2/b x.large on-demand 1',
      'r1/a y.large on-demand 1',
    ]);
  });

  it('auto drops a spot option that is no cheaper than some on-demand option', () => {
    const outcome = selectPlacement({ regions: ['r1'], offerings, market: 'auto' }, zonalBook({ a: [0.5, 9], b: [1.1, 9] }, 1));
    expect(placements(outcome)).toEqual(['r1/a x.large spot 0.5', 'r1/a x.large on-demand 1', 'r1/b x.large on-demand 1', 'r1/c x.large on-demand 1']);
    expect(outcome.excluded).toEqual([
      expect.objectContaining({ azId: 'c', market: 'spot', reason: 'no-price' }),
      expect.objectContaining({ azId: 'b', market: 'spot', reason: 'dominated-by-on-demand', hourly: 1.1 }),
    ]);
  });

  it('placement scores: the type-and-AZ score, else the AZ score, else the region score', () => {
    const book: PriceBook = {
      regions: {
        r1: {
          instanceTypes: {},
          services: {},
          placementScores: { region: score(3), byAzId: { a: score(6) }, byInstanceTypeAndAzId: { 'x.large': { a: score(9) } } },
        },
      },
      cloudFrontByEdgeZone: {},
    };
    expect(placementScore(book, 'r1', 'a', 'x.large')?.score).toBe(9);
    expect(placementScore(book, 'r1', 'a', 'y.large')?.score).toBe(6);
    expect(placementScore(book, 'r1', 'b', 'x.large')?.score).toBe(3);
    expect(placementScore(book, 'r1')?.score).toBe(3);
  });

  it('explain() says what an option costs, where the price comes from and why it ranks there', () => {
    const first = options(selectPlacement({ regions: ['r1'], offerings, market: 'spot' }, zonalBook({ a: [1.0, 2], b: [1.04, 9] })))[0]!;
    expect(explain(first)).toBe(
      [
        '#1 spot x.large in r1 (AZ ID b)',
        '  price: $1.04/h (api, as of 2026-11-27)',
        '  placement score: 9 (api, 2026-11-27) → ×1.00',
        '  effective price: $1.04/h',
        `  why here: ${first.reason}`,
      ].join('\n'),
    );
  });
});
