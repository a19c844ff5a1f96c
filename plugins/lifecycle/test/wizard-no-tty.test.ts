import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sandbox } from './helpers.js';

interface ErrorEnvelope {
  status: string;
  error: { code: string; message: string; hint: string; missing?: string[] };
  exitCode: number;
}

// runGm's stdin is a closed pipe, never a TTY: gm must not prompt, hang or exit 0.
describe('without a terminal nothing is asked: missing values are named (exit 2, promptly)', () => {
  const box = sandbox();

  it('gm deploy names the tier and --name', async () => {
    const started = Date.now();
    const run = await box.gm(['deploy']);
    const elapsedMs = Date.now() - started;
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('gm deploy needs a tier (gm deploy tier1) and --name');
    expect(run.stderr).toContain('gm deploy tier1 --name');
    expect(elapsedMs).toBeLessThan(15_000);
  });

  it('gm deploy --json: one error envelope with the missing values', async () => {
    const run = await box.gm(['deploy', '--json', '--resume-wizard']);
    expect(run.exitCode).toBe(2);
    const envelope = run.json as ErrorEnvelope;
    expect(envelope).toMatchObject({ status: 'error', exitCode: 2, error: { code: 'INPUT_REQUIRED', missing: ['a tier (gm deploy tier1)', '--name'] } });
  });

  it('gm deploy tier1 without a name (even with other values) names --name; --name with --no-input is enough', async () => {
    const run = await box.gm(['deploy', 'tier1', '--market', 'on-demand', '--dry-run']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('gm deploy tier1 needs --name');
    const named = await box.gm(['deploy', 'tier1', '--name', box.name, '--dry-run', '--no-input', '--json']);
    expect(named.exitCode).toBe(0);
  });

  it('a name from the config file or GM_NAME is enough (no wizard, no error)', async () => {
    const file = join(box.home, 'named.yaml');
    writeFileSync(file, `name: ${box.name}\nmarket: on-demand\n`);
    const fromFile = await box.gm(['deploy', 'tier1', '--config', file, '--dry-run', '--json']);
    expect(fromFile.exitCode).toBe(0);
    expect((fromFile.json as { result: { name: string } }).result.name).toBe(box.name);
    const fromEnv = await box.gm(['deploy', 'tier1', '--dry-run', '--json'], { GM_NAME: box.name });
    expect(fromEnv.exitCode).toBe(0);
  });

  it('gm deploy tier2 still says which plugin to install (exit 127)', async () => {
    const run = await box.gm(['deploy', 'tier2']);
    expect(run.exitCode).toBe(127);
    expect(run.stderr).toContain('gm plugins install @geusemaker/plugin-tier2-alb');
  });
});
