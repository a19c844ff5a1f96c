import { sandbox } from './helpers.js';

const FAILED_BOOT = [
  'GM_FAILED',
  '{"deployment":"x","phase":"efs-mount","line":57,"exitCode":32,"failedAt":"2026-01-01T00:01:00Z"}',
  'GM_LOG',
  '2026-01-01T00:00:50Z [gm] phase efs-mount: start',
  '2026-01-01T00:01:00Z [gm] mount.nfs4: Connection timed out',
  '2026-01-01T00:01:00Z [gm] FAILED in phase efs-mount (line 57, exit 32)',
].join('\n');

describe('readiness: the stack fails to boot', () => {
  it('names the failed phase, shows the last log lines, and rolls back (exit 1, nothing left)', async () => {
    const box = sandbox();
    await box.control.setCommandOutput({ accessKeyId: box.accessKeyId, commandContains: 'geusemaker-readiness', stdout: FAILED_BOOT });
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json']);
    expect(run.exitCode).toBe(1);
    const error = (JSON.parse(run.stdout) as { error: { code: string; message: string; hint: string } }).error;
    expect(error.code).toBe('STACK_BOOT_FAILED');
    expect(error.message).toContain('phase efs-mount');
    expect(error.message).toContain('mount.nfs4: Connection timed out');
    expect(error.hint).toContain(`gm logs ${box.name}`);
    expect(await box.inventory(box.name)).toEqual([]);
  });

  it('with --no-rollback keeps everything (exit 6) and records the failure in state', async () => {
    const box = sandbox();
    await box.control.setCommandOutput({ accessKeyId: box.accessKeyId, commandContains: 'geusemaker-readiness', stdout: FAILED_BOOT });
    const run = await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json', '--no-rollback']);
    expect(run.exitCode).toBe(6);
    expect(JSON.parse(run.stdout).error.hint).toContain(`gm resume ${box.name}`);
    const inspect = JSON.parse((await box.gm(['inspect', box.name, '--json'])).stdout) as { result: { deployment: { status: string; lastError: { code: string } } } };
    expect(inspect.result.deployment).toMatchObject({ status: 'failed', lastError: { code: 'STACK_BOOT_FAILED' } });
    expect(await box.inventory(box.name)).toHaveLength(14);
    expect((await box.gm(['destroy', box.name, '--yes'])).exitCode).toBe(0);
    expect(await box.inventory(box.name)).toEqual([]);
  });
});
