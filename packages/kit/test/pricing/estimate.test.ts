import { GmError, UsageError } from '@geusemaker/kit/errors';
import {
  estimate,
  priceBookFromSnapshot,
  sumUsd,
  toMicros,
  type CostEstimate,
  type PriceBook,
  type RegionPrices,
} from '@geusemaker/kit/pricing';
import { Dice, prng } from './random-price-book.js';

const book = priceBookFromSnapshot();

function byKind(result: CostEstimate): Record<string, { hourly: number | null; monthly: number | null }> {
  return Object.fromEntries(result.components.map((part) => [part.kind, { hourly: part.hourly, monthly: part.monthly }]));
}

/** Violations of the money rules (money.ts), checked in integer micro-dollars. */
function arithmeticProblems(result: CostEstimate): string[] {
  const hours = result.assumptions.hoursPerMonth;
  // Unknown components (hourly null) are excluded from the totals by design.
  const priced = result.components.flatMap((part) => (part.hourly === null || part.monthly === null ? [] : [{ ...part, hourly: part.hourly, monthly: part.monthly }]));
  const problems = priced.flatMap((part) => [
    ...(toMicros(part.monthly) === hours * toMicros(part.hourly) ? [] : [`${part.kind}: monthly ${part.monthly} != ${hours} × ${part.hourly}`]),
    ...(toMicros(part.hourly) === part.items.reduce((sum, item) => sum + toMicros(item.hourly), 0) ? [] : [`${part.kind}: items do not add up`]),
  ]);
  if (sumUsd(priced.map((part) => part.hourly)) !== result.total.hourly) problems.push('hourly total != Σ components');
  if (sumUsd(priced.map((part) => part.monthly)) !== result.total.monthly) problems.push('monthly total != Σ components');
  if (toMicros(result.total.monthly) !== hours * toMicros(result.total.hourly)) problems.push(`total monthly != ${hours} × hourly`);
  return problems;
}

function expectExactArithmetic(result: CostEstimate): void {
  expect(arithmeticProblems(result)).toEqual([]);
}

describe('estimate, APIs unreachable (bundled snapshot)', () => {
  const tier1 = estimate({ tier: 'tier1', region: 'us-east-1', instanceType: 't3.medium', market: 'on-demand' }, book);

  it('tier1 t3.medium us-east-1 on-demand: compute 0.0416 $/h from the snapshot', () => {
    const compute = tier1.components[0];
    expect(compute).toMatchObject({ kind: 'compute', hourly: 0.0416, monthly: 30.368, source: { kind: 'snapshot', date: '2026-09' } });
    expect(compute?.items[0]?.unitPrice).toMatchObject({ usd: 0.0416, source: 'snapshot', asOf: '2026-09' });
    expect(tier1.source).toEqual({ kind: 'snapshot', date: '2026-09' });
    expect(tier1.warnings.join('\n')).toMatch(/bundled snapshot \(as of 2026-09\)/);
  });

  it('tier1 components, each with its assumption; total = Σ components; monthly = 730 × hourly', () => {
    expect(byKind(tier1)).toEqual({
      compute: { hourly: 0.0416, monthly: 30.368 },
      ebs: { hourly: 0.003288, monthly: 2.40024 },
      efs: { hourly: 0.00411, monthly: 3.0003 },
      'public-ipv4': { hourly: 0.005, monthly: 3.65 },
      'data-transfer': { hourly: 0.001233, monthly: 0.90009 },
    });
    expect(tier1.total).toEqual({ hourly: 0.055231, monthly: 40.31863 });
    expectExactArithmetic(tier1);
    expect(tier1.components.map((part) => part.assumption)).toEqual([
      expect.stringMatching(/on-demand, shared tenancy in us-east-1/),
      expect.stringMatching(/^30 GiB gp3/),
      expect.stringMatching(/^10 GiB on EFS Standard/),
      expect.stringMatching(/^1 address \(the instance's Elastic IP\)/),
      expect.stringMatching(/^10 GB\/month/),
    ]);
  });

  it('compares with spot (cheapest AZ) and states the saving', () => {
    expect(tier1.onDemandTotal).toEqual(tier1.total);
    expect(tier1.spotTotal).toEqual({ hourly: 0.030431, monthly: 22.21463 });
    expect(tier1.savingsPercent).toBe(44.9);
  });

  it('spot: the cheapest priced AZ, or the AZ asked for', () => {
    const spot = estimate({ tier: 'tier1', region: 'us-east-1', instanceType: 't3.medium', market: 'spot' }, book);
    expect(spot.components[0]).toMatchObject({ hourly: 0.0168, assumption: expect.stringMatching(/cheapest priced AZ \(use1-az2\)/) });
    expect(spot.total).toEqual(spot.spotTotal);
    const inAz = estimate({ tier: 'tier1', region: 'us-east-1', instanceType: 't3.medium', market: 'spot', azId: 'use1-az5' }, book);
    expect(inAz.components[0]?.hourly).toBe(0.0176);
    expectExactArithmetic(inAz);
  });

  it('tier2 adds an ALB (hour + 1 LCU) and its public IPv4 addresses (2 for the ALB + 1)', () => {
    const tier2 = estimate({ tier: 'tier2', region: 'us-east-1', instanceType: 't3.medium', market: 'on-demand' }, book);
    expect(byKind(tier2)).toMatchObject({ alb: { hourly: 0.0305, monthly: 22.265 }, 'public-ipv4': { hourly: 0.015, monthly: 10.95 } });
    expect(tier2.components.find((part) => part.kind === 'alb')?.assumption).toMatch(/1 LCU/);
    expectExactArithmetic(tier2);
  });

  it('tier3 adds CloudFront (50 GB, 1M requests) and sends no data out directly', () => {
    const tier3 = estimate({ tier: 'tier3', region: 'us-east-1', instanceType: 'g4dn.xlarge', market: 'on-demand' }, book);
    expect(tier3.components.map((part) => part.kind)).toEqual(['compute', 'ebs', 'efs', 'public-ipv4', 'alb', 'data-transfer', 'cloudfront']);
    expect(byKind(tier3)).toMatchObject({
      compute: { hourly: 0.526 },
      ebs: { hourly: 0.010959 },
      cloudfront: { hourly: 0.007192, monthly: 5.25016 },
      'data-transfer': { hourly: 0, monthly: 0 },
    });
    expect(tier3.components.find((part) => part.kind === 'cloudfront')?.assumption).toMatch(/50 GB and 1,000,000 HTTPS requests per month at north-america/);
    expectExactArithmetic(tier3);
  });

  it('reports a component whose regional price is unknown as unknown, and totals exclude it (no borrowed prices)', () => {
    const euWest = estimate({ tier: 'tier2', region: 'eu-west-1', instanceType: 't3.medium', market: 'on-demand' }, book);
    const parts = Object.fromEntries(euWest.components.map((part) => [part.kind, part]));
    for (const kind of ['ebs', 'efs', 'alb']) {
      expect(parts[kind]).toMatchObject({ hourly: null, monthly: null, unknown: expect.stringMatching(/price known for eu-west-1$/), items: [] });
    }
    expect(parts.alb?.unknown).toBe('no ALB capacity units price known for eu-west-1');
    expect(parts.compute?.hourly).toBe(0.0456);
    const priced = euWest.components.filter((part) => part.hourly !== null);
    expect(euWest.total.hourly).toBe(sumUsd(priced.map((part) => part.hourly ?? 0)));
    expect(euWest.total.excludes).toEqual(['ebs', 'efs', 'alb']);
    expect(euWest.onDemandTotal.excludes).toEqual(['ebs', 'efs', 'alb']);
    expect(euWest.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^EFS file system \(persistent data\): no EFS Standard storage price known for eu-west-1; the component is unknown and the totals exclude it\.$/)]));
    expect(euWest.warnings.join('\n')).not.toMatch(/us-east-1/);
    // us-east-1 has every price: nothing is excluded.
    expect(estimate({ tier: 'tier2', region: 'us-east-1', instanceType: 't3.medium', market: 'on-demand' }, book).total.excludes).toBeUndefined();
  });

  it('takes assumption overrides and rejects bad ones', () => {
    const big = estimate({ tier: 'tier1', region: 'us-east-1', instanceType: 't3.medium', market: 'on-demand', assumptions: { efsGiB: 100, hoursPerMonth: 720 } }, book);
    expect(byKind(big).efs).toEqual({ hourly: 0.041667, monthly: 30.00024 });
    expectExactArithmetic(big);
    expect(() => estimate({ tier: 'tier1', region: 'us-east-1', instanceType: 't3.medium', market: 'spot', assumptions: { efsGiB: -1 } }, book)).toThrow(UsageError);
    expect(() => estimate({ tier: 'tier1', region: 'us-east-1', instanceType: 't3.medium', market: 'spot', assumptions: { hoursPerMonth: 730.5 } }, book)).toThrow(/whole number/);
  });

  it.each([
    ['an unknown type', { instanceType: 't3.nope', market: 'on-demand' as const, region: 'us-east-1' }],
    ['a type the region lacks', { instanceType: 'g5.xlarge', market: 'on-demand' as const, region: 'ap-southeast-1' }],
    ['spot in an AZ without a spot price', { instanceType: 'm6i.large', market: 'spot' as const, region: 'us-west-2', azId: 'usw2-az4' }],
  ])('fails with PRICE_UNKNOWN for %s', (_name, input) => {
    let thrown: unknown;
    try {
      estimate({ tier: 'tier1', ...input }, book);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GmError);
    expect((thrown as GmError).code).toBe('PRICE_UNKNOWN');
  });
});

describe('estimate source labels', () => {
  const usEast = book.regions['us-east-1'] as RegionPrices;
  const t3 = usEast.instanceTypes['t3.medium'];
  if (t3 === undefined) throw new Error('snapshot lacks t3.medium');

  it('a live on-demand price mixed with snapshot prices is labelled snapshot, oldest date', () => {
    const live = { ...t3, onDemandHourly: { usd: 0.0416, source: 'api' as const, asOf: '2026-11-27' } };
    const mixed: PriceBook = { ...book, regions: { ...book.regions, 'us-east-1': { ...usEast, instanceTypes: { ...usEast.instanceTypes, 't3.medium': live } } } };
    const result = estimate({ tier: 'tier1', region: 'us-east-1', instanceType: 't3.medium', market: 'on-demand' }, mixed);
    expect(result.components[0]?.source).toEqual({ kind: 'api', date: '2026-11-27' });
    expect(result.source).toEqual({ kind: 'snapshot', date: '2026-09' });
  });
});

describe('estimate arithmetic over many random cases', () => {
  it('components always sum exactly to the total and monthly = hoursPerMonth × hourly', () => {
    const dice = new Dice(prng(42));
    const regions = Object.keys(book.regions);
    let checked = 0;
    const problems: string[] = [];
    for (let i = 0; i < 400; i += 1) {
      const region = dice.pick(regions);
      const instanceType = dice.pick(Object.keys(book.regions[region]?.instanceTypes ?? {}));
      const assumptions = { rootVolumeGiB: dice.int(8, 500), efsGiB: dice.int(0, 2000), dataTransferOutGB: dice.int(0, 5000), albLcu: dice.usd(0, 5), hoursPerMonth: dice.pick([730, 720, 744]) };
      const input = { tier: dice.pick(['tier1', 'tier2', 'tier3'] as const), region, instanceType, market: dice.pick(['spot', 'on-demand'] as const), assumptions };
      let result: CostEstimate;
      try {
        result = estimate(input, book);
      } catch (error) {
        if ((error as GmError).code !== 'PRICE_UNKNOWN') throw error;
        continue;
      }
      problems.push(...arithmeticProblems(result).map((problem) => `${JSON.stringify(input)}: ${problem}`));
      checked += 1;
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
