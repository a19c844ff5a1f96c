import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runGm } from '@geusemaker/testkit';
import { deploymentCounts, deploymentItems, TIER1_COUNTS } from './expect-inventory.js';
import { sandbox } from './helpers.js';

// Holding calls releases every held call in the emulator: this file must not run beside another that holds calls,
// so it holds nothing — it interrupts while the proxy slows one call down instead.
describe('Ctrl-C during a deploy', () => {
  it('stops cleanly with exit 130, the journal saved and nothing rolled back; resume then finishes', async () => {
    const box = sandbox();
    // No count: a rule with a count leaves the list once used up, and the loop below watches it fire.
    await box.fault({ service: 'elasticfilesystem', operation: 'CreateMountTarget', latencyMs: 3000 });
    let child: ChildProcess | undefined;
    const running = runGm(['deploy', 'tier1', '--name', box.name, '--yes', '--json', '--no-wait'], {
      home: box.home,
      env: { AWS_ACCESS_KEY_ID: box.accessKeyId, AWS_SECRET_ACCESS_KEY: 'testing' },
      timeoutMs: 120_000,
      onSpawn: (spawned) => (child = spawned),
    });
    // Wait until the slowed call is in flight, then press Ctrl-C.
    for (let i = 0; i < 400; i++) {
      const calls = await box.control.faults();
      if (calls.some((rule) => rule.operation === 'CreateMountTarget' && rule.accessKeyId === box.accessKeyId && rule.fired > 0)) break;
      await sleep(25);
    }
    child?.kill('SIGINT');
    const interrupted = await running;
    await box.control.clearFaults(box.accessKeyId);
    expect(interrupted.exitCode).toBe(130);
    expect(JSON.parse(interrupted.stdout)).toMatchObject({ status: 'error', error: { code: 'INTERRUPTED' }, exitCode: 130 });
    const journal = readFileSync(join(box.home, 'deployments', box.name, 'journal.jsonl'), 'utf8');
    expect(journal).not.toContain('"operation":"rollback"');
    expect(journal).toContain('"stepId":"vpc"');
    expect(journal).not.toContain('"stepId":"instance"');
    const inspect = JSON.parse((await box.gm(['inspect', box.name, '--json'])).stdout) as { result: { deployment: { status: string } } };
    expect(inspect.result.deployment.status).toBe('interrupted');
    // What existed stays (no rollback on Ctrl-C); resume finishes without duplicates.
    expect((await deploymentItems(box, box.name)).length).toBeGreaterThan(0);
    const resumed = await box.gm(['resume', box.name, '--json', '--no-wait']);
    expect(resumed.exitCode).toBe(0);
    expect(await deploymentCounts(box, box.name)).toEqual(TIER1_COUNTS);
    expect((await box.gm(['destroy', box.name, '--yes'])).exitCode).toBe(0);
    expect(await deploymentItems(box, box.name)).toEqual([]);
  });
});
