import { closePricePeriods, costToDate, openPricePeriod, type PricedRun } from '@geusemaker/kit/pricing';

const SPOT: PricedRun = { instanceType: 't3.medium', market: 'spot', hourly: 0.0302, source: { kind: 'api', date: '2026-11-01' } };
const ON_DEMAND: PricedRun = { instanceType: 't3.medium', market: 'on-demand', hourly: 0.0657, source: { kind: 'snapshot', date: '2026-09' } };

describe('price periods', () => {
  it('opens a period at launch and keeps it when a resume relaunches at the same price', () => {
    const opened = openPricePeriod(undefined, SPOT, '2026-11-01T00:00:00.000Z');
    expect(opened).toEqual([{ startedAt: '2026-11-01T00:00:00.000Z', ...SPOT }]);
    expect(openPricePeriod(opened, SPOT, '2026-11-01T05:00:00.000Z')).toEqual(opened);
  });

  it('closes the open period when the price changes and starts a new one', () => {
    const first = openPricePeriod([], SPOT, '2026-11-01T00:00:00.000Z');
    const second = openPricePeriod(first, ON_DEMAND, '2026-11-01T10:00:00.000Z');
    expect(second).toHaveLength(2);
    expect(second[0]?.endedAt).toBe('2026-11-01T10:00:00.000Z');
    expect(second[1]).toEqual({ startedAt: '2026-11-01T10:00:00.000Z', ...ON_DEMAND });
  });

  it('costs to date: Σ hours × hourly, the open period counting to `until`', () => {
    const periods = openPricePeriod(openPricePeriod([], SPOT, '2026-11-01T00:00:00.000Z'), ON_DEMAND, '2026-11-01T10:00:00.000Z');
    const result = costToDate(periods, '2026-11-01T12:30:00.000Z');
    expect(result.periods.map((period) => period.hours)).toEqual([10, 2.5]);
    expect(result.periods.map((period) => period.usd)).toEqual([0.302, 0.16425]);
    expect(result.usd).toBe(0.46625);
    expect(result.hours).toBe(12.5);
  });

  it('a closed deployment stops counting; no periods cost nothing; clock skew never goes negative', () => {
    const closed = closePricePeriods(openPricePeriod([], SPOT, '2026-11-01T00:00:00.000Z'), '2026-11-01T01:00:00.000Z');
    expect(costToDate(closed, '2026-12-01T00:00:00.000Z').usd).toBe(0.0302);
    expect(costToDate(undefined, '2026-12-01T00:00:00.000Z')).toEqual({ usd: 0, hours: 0, periods: [] });
    expect(costToDate(openPricePeriod([], SPOT, '2026-11-02T00:00:00.000Z'), '2026-11-01T00:00:00.000Z').usd).toBe(0);
  });
});
