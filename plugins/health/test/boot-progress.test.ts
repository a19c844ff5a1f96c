import { sandboxesForFile } from './helpers.js';

const box = sandboxesForFile();

const PHASES = {
  packages: '2026-01-01T00:00:20Z', docker: '2026-01-01T00:00:40Z', 'efs-mount': '2026-01-01T00:00:45Z', secrets: '2026-01-01T00:00:46Z',
  'compose-written': '2026-01-01T00:00:46Z', 'images-pulled': '2026-01-01T00:02:10Z', 'services-up': '2026-01-01T00:02:40Z', 'models-pulling': '2026-01-01T00:02:41Z',
};

describe('gm deploy shows the UserData phases while it waits', () => {
  it('lists the phases the instance has finished so far, from the probe over SSM', async () => {
    const b = box();
    await b.commandOutput({ commandContains: 'geusemaker-readiness', stdout: 'GM_PENDING\ndocker packages efs-mount \nGM_LOG\n[gm] phase secrets: start\n' });
    const run = await b.gm(['deploy', 'tier1', '--name', b.name, '--instance-type', 't3.large', '--yes', '--wait-timeout', '3']);
    expect(run.exitCode).toBe(1);
    const progress = run.stderr.split('\n').filter((line) => line.includes('✓'));
    expect(progress.map((line) => line.replace(/^.*✓ /, ''))).toEqual(['packages installed', 'docker installed', 'EFS mounted']);
    expect(run.stderr).toMatch(/did not become ready in time/);
  });

  it('once ready, shows every phase with its time and the last lines of the boot log', async () => {
    const b = box();
    const ready = ['GM_COMPLETE', JSON.stringify({ status: 'complete', phases: PHASES }), 'GM_HEALTH 200', 'GM_LOG', '[gm] pulling model llama3.2', '[gm] stack is up'].join('\n');
    await b.commandOutput({ commandContains: 'geusemaker-readiness', stdout: ready });
    const run = await b.gm(['deploy', 'tier1', '--name', b.name, '--instance-type', 't3.large', '--yes']);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/✓ services up \(2026-01-01T00:02:40Z\)/);
    expect(run.stderr.split('\n').filter((line) => line.includes('✓'))).toHaveLength(8);
    expect(run.stderr).toMatch(/last lines of \/var\/log\/geusemaker\/userdata\.log:\n\s+\[gm\] pulling model llama3\.2\n\s+\[gm\] stack is up/);
  });
});
