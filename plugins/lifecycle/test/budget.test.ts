import { sandbox } from './helpers.js';

describe('--budget on deploy', () => {
  it('an estimate over the monthly budget exits 3 with the numbers; --force proceeds', async () => {
    const box = sandbox();
    const args = ['deploy', 'tier1', '--name', box.name, '--dry-run', '--instance-type', 't3.large', '--on-demand', '--json'];
    const refused = await box.gm([...args, '--budget', '20']);
    expect(refused.exitCode).toBe(3);
    const error = (JSON.parse(refused.stdout) as { error: { code: string; message: string; issues: { pointer: string }[] } }).error;
    expect(error.code).toBe('OVER_BUDGET');
    // t3.large on-demand in us-east-1 is 0.0832 $/h alone: the month is well over $20.
    expect(error.message).toMatch(/^The estimate, \$\d+\.\d\d\/month, is over the budget of \$20\.00\/month \(\d+%\)\.$/);
    expect(error.issues[0]?.pointer).toBe('/budget');
    const forced = await box.gm([...args, '--budget', '20', '--force']);
    expect(forced.exitCode).toBe(0);
  });

  it('at 80% or more of the budget it warns and proceeds', async () => {
    const box = sandbox();
    const plain = await box.gm(['deploy', 'tier1', '--name', box.name, '--dry-run', '--instance-type', 't3.large', '--on-demand', '--json']);
    const monthly = (JSON.parse(plain.stdout) as { result: { plan: { cost: { monthly: number } } } }).result.plan.cost.monthly;
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--dry-run', '--instance-type', 't3.large', '--on-demand', '--json', '--budget', (monthly / 0.9).toFixed(2)]);
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(run.stdout) as { warnings: string[] }).warnings).toContainEqual(expect.stringMatching(/is 90% of the \$/));
  });
});
