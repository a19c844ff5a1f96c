import { costSandbox, micros, type EstimateEnvelope } from './helpers.js';

const T3_MEDIUM_ON_DEMAND = ['cost', 'estimate', 'tier1', '--instance-type', 't3.medium', '--region', 'us-east-1', '--on-demand', '--json'];
const today = (): string => new Date().toISOString().slice(0, 10);

function compute(envelope: EstimateEnvelope) {
  const part = envelope.result.components.find((component) => component.kind === 'compute');
  if (part === undefined) throw new Error('no compute component');
  return part;
}

function expectConsistentTotals(envelope: EstimateEnvelope): void {
  const { components, total } = envelope.result;
  expect(components.map((part) => part.kind)).toEqual(['compute', 'ebs', 'efs', 'public-ipv4', 'data-transfer']);
  expect(components.reduce((sum, part) => sum + micros(part.hourly), 0)).toBe(micros(total.hourly));
  expect(components.reduce((sum, part) => sum + micros(part.monthly), 0)).toBe(micros(total.monthly));
  expect(micros(total.monthly)).toBe(730 * micros(total.hourly));
  for (const part of components) {
    expect(micros(part.monthly)).toBe(730 * micros(part.hourly));
    expect(part.assumption).not.toBe('');
  }
}

describe('gm cost estimate', () => {
  it('with the APIs unreachable, prices t3.medium from the snapshot, labelled as such, quickly', async () => {
    const box = costSandbox();
    const run = await box.gm(T3_MEDIUM_ON_DEMAND, { endpoint: 'http://127.0.0.1:9' });
    expect(run.exitCode).toBe(0);
    const envelope = run.json as EstimateEnvelope;
    expect(envelope.status).toBe('success');
    expect(compute(envelope).hourly).toBe(0.0416);
    expect(compute(envelope).source).toEqual({ kind: 'snapshot', date: '2026-09' });
    expect(envelope.result.source.kind).toBe('snapshot');
    expect(envelope.result.market).toBe('on-demand');
    expectConsistentTotals(envelope);
    expect(envelope.warnings.join('\n')).toMatch(/Price List GetProducts is unreachable \(ECONNREFUSED\) in us-east-1/);
    // Bounded retries: a closed port costs well under the 30 s an unbounded client could hang.
    expect(run.ms).toBeLessThan(10_000);
  });

  it('takes the on-demand price from the Price List API, then from the cache without calling it again', async () => {
    const box = costSandbox();
    const first = await box.gm(T3_MEDIUM_ON_DEMAND);
    expect(first.stderr).not.toContain('Error:');
    expect(first.exitCode).toBe(0);
    const firstEnvelope = first.json as EstimateEnvelope;
    expect(compute(firstEnvelope).hourly).toBe(0.0416);
    expect(compute(firstEnvelope).source).toEqual({ kind: 'api', date: today() });
    expect(firstEnvelope.warnings.join('\n')).not.toMatch(/not live/);
    expectConsistentTotals(firstEnvelope);
    expect(await box.callCount('GetProducts')).toBe(1);
    expect(await box.callCount('DescribeSpotPriceHistory')).toBe(1);

    const second = await box.gm(T3_MEDIUM_ON_DEMAND);
    expect(second.exitCode).toBe(0);
    const secondEnvelope = second.json as EstimateEnvelope;
    expect(compute(secondEnvelope).hourly).toBe(0.0416);
    expect(compute(secondEnvelope).source).toEqual({ kind: 'cache', date: today() });
    expect(secondEnvelope.result.spotTotal).toEqual(firstEnvelope.result.spotTotal);
    expect(await box.callCount('GetProducts')).toBe(1);
    expect(await box.callCount('DescribeSpotPriceHistory')).toBe(1);
  });

  it('falls back to the snapshot with a warning when Price List access is denied, and exits 0', async () => {
    const box = costSandbox();
    await box.fault({ service: 'pricing', operation: 'GetProducts', errorCode: 'AccessDeniedException', message: 'User is not authorized to perform: pricing:GetProducts' });
    const run = await box.gm(T3_MEDIUM_ON_DEMAND);
    expect(run.exitCode).toBe(0);
    const envelope = run.json as EstimateEnvelope;
    expect(compute(envelope).hourly).toBe(0.0416);
    expect(compute(envelope).source.kind).toBe('snapshot');
    expect(envelope.warnings.join('\n')).toMatch(/Price List GetProducts was denied \(AccessDeniedException\) in us-east-1: on-demand prices are not live/);
    expect(await box.callCount('GetProducts')).toBe(1); // AccessDenied is not retried
    // The spot side still came from the API.
    expect(envelope.warnings.join('\n')).not.toMatch(/DescribeSpotPriceHistory/);
    expectConsistentTotals(envelope);
  });

  it('picks the cheapest spot option of the tier with --market auto and says where', async () => {
    const box = costSandbox();
    const run = await box.gm(['cost', 'estimate', 'tier1', '--region', 'us-east-1', '--json']);
    expect(run.exitCode).toBe(0);
    const envelope = run.json as EstimateEnvelope & { result: { azId: string; placementScore: { score: number; source: string } } };
    expect(envelope.result.market).toBe('spot');
    expect(envelope.result.azId).toMatch(/^use1-az\d$/);
    expect(envelope.result.placementScore.source).toBe('api');
    expect(compute(envelope).source.kind).toBe('api');
    expect(micros(envelope.result.total.hourly)).toBe(micros(envelope.result.spotTotal?.hourly ?? -1));
    expect(envelope.result.savingsPercent).toBeGreaterThan(0);
    expectConsistentTotals(envelope);
  });

  it('--offline makes no AWS call, and the text output is a table with the total', async () => {
    const box = costSandbox();
    const run = await box.gm(['cost', 'estimate', 'tier2', '--instance-type', 'm7i.large', '--region', 'us-east-1', '--on-demand', '--offline']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^tier2 on m7i\.large, on-demand, in us-east-1\n/);
    expect(run.stdout).toMatch(/^compute\s+\$0\.1008\s+\$73\.58\s+snapshot 2026-09/m);
    expect(run.stdout).toMatch(/^alb\s/m);
    expect(run.stdout).toMatch(/^total\s+\$\d+\.\d{4}\s+\$\d+\.\d{2}$/m);
    expect(run.stderr).toMatch(/--offline/);
    expect(await box.callCount()).toBe(0);
  });

  it('a component with no regional price is unknown (not borrowed from us-east-1) and the total says it excludes it', async () => {
    const box = costSandbox();
    const run = await box.gm(['cost', 'estimate', 'tier1', '--instance-type', 't3.large', '--region', 'eu-west-1', '--on-demand', '--offline', '--json']);
    expect(run.exitCode).toBe(0);
    const envelope = run.json as EstimateEnvelope & { result: { components: { kind: string; hourly: number | null; unknown?: string }[]; total: { hourly: number; excludes?: string[] } } };
    const parts = Object.fromEntries(envelope.result.components.map((part) => [part.kind, part]));
    expect(parts.efs).toMatchObject({ hourly: null, monthly: null, unknown: 'no EFS Standard storage price known for eu-west-1' });
    expect(parts.ebs).toMatchObject({ hourly: null, unknown: 'no EBS gp3 storage price known for eu-west-1' });
    expect(envelope.result.total.excludes).toEqual(['ebs', 'efs']);
    const known = envelope.result.components.filter((part) => part.hourly !== null);
    expect(known.reduce((sum, part) => sum + micros(part.hourly ?? 0), 0)).toBe(micros(envelope.result.total.hourly));
    expect(envelope.warnings.join('\n')).toMatch(/EFS file system \(persistent data\): no EFS Standard storage price known for eu-west-1; the component is unknown and the totals exclude it/);
    const text = await box.gm(['cost', 'estimate', 'tier1', '--instance-type', 't3.large', '--region', 'eu-west-1', '--on-demand', '--offline']);
    expect(text.stdout).toMatch(/^efs\s+unknown\s+unknown\s+-\s+no EFS Standard storage price known for eu-west-1$/m);
    expect(text.stdout).toMatch(/^total\s+\$\d+\.\d{4}\s+\$\d+\.\d{2}\s+excludes ebs, efs \(price unknown\)$/m);
  });

  it('rejects an unknown tier as a usage error', async () => {
    const box = costSandbox();
    const run = await box.gm(['cost', 'estimate', 'tier9', '--json']);
    expect(run.exitCode).toBe(2);
    expect((run.json as { error: { code: string } }).error.code).toBe('USAGE');
  });
});
