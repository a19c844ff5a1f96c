import { costAndUsageRequest, spendByDeployment, spendQuery } from '../src/services/actual-spend.js';

describe('actual spend (pure parts)', () => {
  it('queries from the earliest creation day to tomorrow, daily up to 31 days, monthly beyond', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    const recent = spendQuery([{ name: 'a', createdAt: '2026-11-20T08:00:00Z' }, { name: 'b', createdAt: '2026-11-25T08:00:00Z' }], now);
    expect(recent).toEqual({ deployments: ['a', 'b'], start: '2026-11-20', end: '2026-11-28', granularity: 'DAILY' });
    expect(spendQuery([{ name: 'old', createdAt: '2026-08-01T00:00:00Z' }], now)).toMatchObject({ start: '2026-08-01', granularity: 'MONTHLY' });
    expect(costAndUsageRequest(recent, 'next')).toEqual({
      TimePeriod: { Start: '2026-11-20', End: '2026-11-28' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      Filter: { Tags: { Key: 'gm:deployment', Values: ['a', 'b'], MatchOptions: ['EQUALS'] } },
      GroupBy: [{ Type: 'TAG', Key: 'gm:deployment' }],
      NextPageToken: 'next',
    });
  });

  it('sums each deployment over every page; ignores the untagged group and other deployments; 0 for none', () => {
    const group = (key: string, amount: string) => ({ Keys: [key], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } });
    const pages = [
      { $metadata: {}, ResultsByTime: [{ TimePeriod: { Start: '2026-11-25', End: '2026-11-26' }, Groups: [group('gm:deployment$a', '1.10'), group('gm:deployment$', '7')], Estimated: false }] },
      { $metadata: {}, ResultsByTime: [{ TimePeriod: { Start: '2026-11-26', End: '2026-11-27' }, Groups: [group('gm:deployment$a', '0.2'), group('gm:deployment$zzz', '3')], Estimated: true }] },
    ];
    const spend = spendByDeployment(pages, ['a', 'b']);
    expect(spend.get('a')).toEqual({
      usd: 1.3,
      currency: 'USD',
      periods: [
        { start: '2026-11-25', end: '2026-11-26', usd: 1.1, estimated: false },
        { start: '2026-11-26', end: '2026-11-27', usd: 0.2, estimated: true },
      ],
    });
    expect(spend.get('b')).toEqual({ usd: 0, currency: 'USD', periods: [] });
    expect(spend.has('zzz')).toBe(false);
  });
});
