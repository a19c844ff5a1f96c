import { costSandbox } from './helpers.js';

interface DeployEnvelope {
  status: string;
  warnings: string[];
  result: { name: string; plan: { cost: { hourly: number; components: { kind: string; hourly: number }[]; source: { kind: string } } } };
}

describe('gm deploy prices with the live price book', () => {
  it('Price List denied: deploy falls back to the snapshot with a warning and still deploys (exit 0)', async () => {
    const box = costSandbox();
    const name = `dp-${box.accessKeyId.slice(-7).toLowerCase()}`;
    await box.fault({ service: 'pricing', operation: 'GetProducts', errorCode: 'AccessDeniedException', message: 'User is not authorized to perform: pricing:GetProducts' });
    const run = await box.gm(['deploy', 'tier1', '--name', name, '--instance-type', 't3.large', '--on-demand', '--yes', '--no-wait', '--json']);
    expect(run.exitCode).toBe(0);
    const envelope = run.json as DeployEnvelope;
    expect(envelope.warnings.join('\n')).toMatch(/Price List GetProducts was denied \(AccessDeniedException\) in us-east-1: on-demand prices are not live; gm's bundled price snapshot is used instead/);
    expect(envelope.result.plan.cost.components[0]).toMatchObject({ kind: 'compute', hourly: 0.0832 });
    expect(envelope.result.plan.cost.source.kind).toBe('snapshot');
    expect(await box.callCount('GetProducts')).toBe(1);
    // Spot history was still live: the call was made once for the candidate types.
    expect(await box.callCount('DescribeSpotPriceHistory')).toBe(1);
    const destroyed = await box.gm(['destroy', name, '--yes', '--json']);
    expect(destroyed.exitCode).toBe(0);
  });

  it('a dry run in a region without EBS/EFS prices shows the plan cost without them, and says so (no borrowed prices)', async () => {
    const box = costSandbox();
    const name = `dr-${box.accessKeyId.slice(-7).toLowerCase()}`;
    const args = ['deploy', 'tier1', '--name', name, '--region', 'eu-west-1', '--instance-type', 't3.large', '--on-demand', '--dry-run'];
    const run = await box.gm([...args, '--json']);
    expect(run.exitCode).toBe(0);
    const cost = (run.json as { result: { plan: { cost: { hourly: number; excludes?: string[]; components: { kind: string; hourly: number | null }[] } } } }).result.plan.cost;
    expect(cost.excludes).toEqual(['ebs', 'efs']);
    expect(cost.components.filter((part) => part.hourly === null).map((part) => part.kind)).toEqual(['ebs', 'efs']);
    expect(await box.callCount()).toBe(0);
    const text = await box.gm(args);
    expect(text.stderr + text.stdout).toMatch(/Not included \(no price known in this region\): ebs, efs/);
  });
});
