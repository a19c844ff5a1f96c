import { costSandbox, micros } from './helpers.js';

interface SpotRow {
  region: string;
  instanceType: string;
  azId: string | null;
  spotHourly: number | null;
  onDemandHourly: number | null;
  savingsPercent: number | null;
  placementScore: number | null;
  spotSource: { kind: string; date: string } | null;
  onDemandSource: { kind: string; date: string } | null;
}

interface SpotEnvelope {
  status: string;
  warnings: string[];
  result: { regions: string[]; instanceTypes: string[]; zones: SpotRow[]; cheapest: SpotRow | null; source: { kind: string } | null };
}

const ARGS = ['cost', 'spot', '--instance-type', 't3.large', '--instance-type', 'm7i.large', '--region', 'us-east-1', '--region', 'eu-west-1', '--json'];

describe('gm cost spot', () => {
  it('shows live spot and on-demand prices, savings and placement scores per AZ, one call of each kind per region', async () => {
    const box = costSandbox();
    const run = await box.gm(ARGS);
    expect(run.stderr).not.toContain('Error:');
    expect(run.exitCode).toBe(0);
    const { result, warnings } = run.json as SpotEnvelope;
    expect(warnings).toEqual([]);
    expect(result.regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(new Set(result.zones.map((row) => `${row.region} ${row.instanceType}`))).toEqual(
      new Set(['us-east-1 t3.large', 'us-east-1 m7i.large', 'eu-west-1 t3.large', 'eu-west-1 m7i.large']),
    );
    for (const row of result.zones) {
      expect(row.azId).toMatch(row.region === 'us-east-1' ? /^use1-az\d$/ : /^euw1-az\d$/);
      expect(row.spotSource?.kind).toBe('api');
      expect(row.onDemandSource?.kind).toBe('api');
      const spot = row.spotHourly ?? Number.NaN;
      const onDemand = row.onDemandHourly ?? Number.NaN;
      expect(spot).toBeLessThan(onDemand);
      expect(row.savingsPercent).toBe(Math.round(((micros(onDemand) - micros(spot)) * 1000) / micros(onDemand)) / 10);
      expect(row.placementScore).toBeGreaterThanOrEqual(1);
      expect(row.placementScore).toBeLessThanOrEqual(10);
    }
    expect(result.zones.find((row) => row.region === 'us-east-1' && row.instanceType === 't3.large')?.onDemandHourly).toBe(0.0832);
    const cheapest = Math.min(...result.zones.map((row) => row.spotHourly ?? Infinity));
    expect(result.cheapest?.spotHourly).toBe(cheapest);
    for (const operation of ['GetProducts', 'DescribeSpotPriceHistory', 'GetSpotPlacementScores']) expect(await box.callCount(operation)).toBe(2);
  });

  it('falls back per figure: dropped spot-history connections → snapshot spot prices, live on-demand, exit 0', async () => {
    const box = costSandbox();
    await box.fault({ service: 'ec2', operation: 'DescribeSpotPriceHistory', drop: true });
    const run = await box.gm(['cost', 'spot', '--instance-type', 't3.large', '--region', 'us-east-1', '--json']);
    expect(run.exitCode).toBe(0);
    const { result, warnings } = run.json as SpotEnvelope;
    expect(warnings.join('\n')).toMatch(/EC2 DescribeSpotPriceHistory .* in us-east-1: spot prices are not live; gm's bundled price snapshot is used instead/);
    expect(result.zones.length).toBeGreaterThan(1);
    for (const row of result.zones) {
      expect(row.spotSource).toEqual({ kind: 'snapshot', date: '2026-09' });
      expect(row.onDemandSource?.kind).toBe('api');
    }
    expect(result.source?.kind).toBe('snapshot');
  });

  it('prints a readable table', async () => {
    const box = costSandbox();
    const run = await box.gm(['cost', 'spot', '--instance-type', 't3.large', '--region', 'us-east-1']);
    expect(run.exitCode).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^REGION\s+TYPE\s+AZ\s+SPOT\/H\s+ON-DEMAND\/H\s+SAVINGS\s+SCORE\s+SOURCE$/);
    expect(rows[0]).toMatch(/^us-east-1\s+t3\.large\s+use1-az\d\s+\$0\.\d{4}\s+\$0\.0832\s+\d+\.\d%\s+\d+\s+api \d{4}-\d{2}-\d{2}$/);
    expect(run.stdout).toMatch(/\ncheapest: t3\.large in use1-az\d \(us-east-1\) at \$0\.\d{4}\/h, \d+\.\d% below on-demand\n$/);
  });
});
