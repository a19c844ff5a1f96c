import { randomUUID } from 'node:crypto';
import { LocalStateStore, STATE_SCHEMA_VERSION } from '@geusemaker/kit/state';
import { costSandbox, micros, type CostSandbox } from './helpers.js';

interface ReportEnvelope {
  status: string;
  warnings: string[];
  result: {
    deployments: {
      name: string;
      status: string;
      estimated: { usd: number; hours: number; hourly: number | null; periods: { hours: number; usd: number }[] };
      actual: 'unknown' | { usd: number; currency: string; periods: { start: string; end: string; usd: number }[] };
    }[];
    query: { start: string; end: string; granularity: string } | null;
    notes: string[];
  };
}

const HOUR = 3_600_000;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A deployed deployment's state document as gm writes it, created `hoursAgo` with one open price period. */
async function writeDeployedState(box: CostSandbox, name: string, hoursAgo: number, hourly: number): Promise<string> {
  const startedAt = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const cost = { instanceType: 't3.medium', market: 'spot', hourly, monthly: hourly * 730, source: { kind: 'api', date: startedAt.slice(0, 10) } };
  const doc = {
    schemaVersion: STATE_SCHEMA_VERSION, name, deploymentId: randomUUID(), tier: 'tier1', region: 'us-east-1', status: 'deployed', createdAt: startedAt, updatedAt: startedAt,
    spec: { name, tier: 'tier1', tags: {} }, plan: { deploymentName: name, deploymentId: 'x', tier: 'tier1', region: 'us-east-1', steps: [] }, outputs: {},
    cost, pricePeriods: [{ startedAt, instanceType: 't3.medium', market: 'spot', hourly, source: cost.source }],
  };
  await new LocalStateStore(box.home).write(name, doc);
  return startedAt;
}

/** Queues a GetCostAndUsage answer in moto (its next new query gets it): daily rows with one group per deployment. */
async function seedCostExplorer(days: { start: string; end: string; amounts: Record<string, string> }[]): Promise<void> {
  const results = [
    {
      ResultsByTime: days.map((day) => ({
        TimePeriod: { Start: day.start, End: day.end },
        Total: {},
        Groups: Object.entries(day.amounts).map(([name, amount]) => ({ Keys: [`gm:deployment$${name}`], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } })),
        Estimated: true,
      })),
      DimensionValueAttributes: [],
    },
  ];
  const response = await fetch(new URL('/moto-api/static/ce/cost-and-usage-results', process.env.GM_TEST_ENDPOINT), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ results }),
  });
  expect(response.status).toBe(201);
}

describe('gm cost report', () => {
  it('shows the seeded Cost Explorer amounts for the deployment tag, and the estimate to date from the price periods', async () => {
    const box = costSandbox();
    const name = `rep-${box.accessKeyId.slice(-6).toLowerCase()}`;
    await writeDeployedState(box, name, 30, 0.05);
    const yesterday = dayOf(Date.now() - 24 * HOUR);
    const today = dayOf(Date.now());
    await seedCostExplorer([
      { start: yesterday, end: today, amounts: { [name]: '0.8123456', 'someone-else': '9.99' } },
      { start: today, end: dayOf(Date.now() + 24 * HOUR), amounts: { [name]: '0.41' } },
    ]);
    const run = await box.gm(['cost', 'report', name, '--json']);
    expect(run.stderr).not.toContain('Error:');
    expect(run.exitCode).toBe(0);
    const { result, warnings } = run.json as ReportEnvelope;
    expect(warnings).toEqual([]);
    expect(result.deployments).toHaveLength(1);
    const [report] = result.deployments;
    expect(report?.actual).toEqual({
      usd: 1.222346,
      currency: 'USD',
      periods: [
        { start: yesterday, end: today, usd: 0.812346, estimated: true },
        { start: today, end: dayOf(Date.now() + 24 * HOUR), usd: 0.41, estimated: true },
      ],
    });
    // 30 h (and the seconds the run took) at $0.05/h.
    expect(report?.estimated.hourly).toBe(0.05);
    expect(report?.estimated.hours).toBeGreaterThanOrEqual(30);
    expect(report?.estimated.hours).toBeLessThan(30.1);
    expect(micros(report?.estimated.usd ?? 0)).toBeGreaterThanOrEqual(micros(1.5));
    expect(micros(report?.estimated.usd ?? 0)).toBeLessThan(micros(1.505));
    expect(result.query).toEqual({ start: dayOf(Date.now() - 30 * HOUR), end: dayOf(Date.now() + 24 * HOUR), granularity: 'DAILY' });
    expect(result.notes.join('\n')).toMatch(/activate gm:deployment as a cost-allocation tag/);
    expect(result.notes.join('\n')).toMatch(/lags about a day/);
    const call = (await box.control.calls({ accessKeyId: box.accessKeyId, operation: 'GetCostAndUsage' }))[0];
    expect(call).toBeDefined();
  });

  it('Cost Explorer denied: actual is unknown with a warning, the estimate still shows, exit 0', async () => {
    const box = costSandbox();
    const name = `den-${box.accessKeyId.slice(-6).toLowerCase()}`;
    await writeDeployedState(box, name, 2, 0.1);
    await box.fault({ service: 'ce', operation: 'GetCostAndUsage', errorCode: 'AccessDeniedException', message: 'User is not authorized to perform: ce:GetCostAndUsage' });
    const run = await box.gm(['cost', 'report', name, '--json']);
    expect(run.exitCode).toBe(0);
    const { result, warnings } = run.json as ReportEnvelope;
    expect(result.deployments[0]?.actual).toBe('unknown');
    expect(result.deployments[0]?.estimated.hourly).toBe(0.1);
    expect(warnings.join('\n')).toMatch(/Cost Explorer GetCostAndUsage was denied \(AccessDeniedException\): actual spend is unknown/);
  });

  it('without a name, reports every deployment in a table with the notes; an unknown name exits 3', async () => {
    const box = costSandbox();
    const suffix = box.accessKeyId.slice(-6).toLowerCase();
    await writeDeployedState(box, `all-a-${suffix}`, 5, 0.02);
    await writeDeployedState(box, `all-b-${suffix}`, 1, 0.03);
    const run = await box.gm(['cost', 'report']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^NAME\s+STATUS\s+REGION\s+HOURS\s+NOW\/H\s+ESTIMATED\s+ACTUAL$/m);
    expect(run.stdout).toMatch(new RegExp(`^all-a-${suffix}\\s+deployed\\s+us-east-1\\s+5\\.0\\s+\\$0\\.0200\\s+\\$0\\.10\\s+\\$0\\.00$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^all-b-${suffix}\\s+deployed\\s+us-east-1\\s+1\\.0\\s+\\$0\\.0300\\s+\\$0\\.03\\s+\\$0\\.00$`, 'm'));
    expect(run.stdout).toMatch(/note: .*cost-allocation tag/);
    const missing = await box.gm(['cost', 'report', 'no-such-deployment', '--json']);
    expect(missing.exitCode).toBe(3);
    expect((missing.json as { error: { code: string } }).error.code).toBe('DEPLOYMENT_NOT_FOUND');
  });
});
