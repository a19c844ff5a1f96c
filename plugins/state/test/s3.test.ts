/**
 * The shared S3 backend end to end, with the built gm: `gm state migrate --to s3://…` copies a local deployment to
 * the emulator's S3, every command then reads it with `--state` or GM_STATE, a lock held by another process makes
 * a mutation exit 7 naming that process, and `gm state migrate --to local` brings it back byte for byte.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAwsContext } from '@geusemaker/kit/aws';
import { deploymentInventory } from '@geusemaker/kit/resources';
import { spawnFixture } from '../../../packages/kit/test/state/helpers.js';
import { envelope, newHome } from './helpers.js';

test('migrate local → S3 → local; commands honour --state and GM_STATE; a held S3 lock means exit 7', async () => {
  const aws = await createAwsContext({ region: 'us-east-1', endpointUrl: process.env.GM_TEST_ENDPOINT });
  const bucket = `gm-state-e2e-${process.pid}`;
  await aws.s3.createBucket({ Bucket: bucket });
  aws.destroy();
  const url = `s3://${bucket}/team`;

  const local = newHome();
  local.plantLegacy();
  const original = local.readState('legacy');
  const manual = envelope(await local.gm(['state', 'backup', 'legacy', '--json']), 0).result as { id: string };
  const there = envelope(await local.gm(['state', 'migrate', '--to', url, '--json']), 0);
  expect(there.result).toMatchObject({ to: url, deployments: ['legacy'], backups: 1 });

  const elsewhere = newHome(); // another teammate: nothing local
  expect(envelope(await elsewhere.gm(['inspect', 'legacy', '--state', url, '--json']), 0).result).toMatchObject({ deployment: { name: 'legacy' } });
  expect(envelope(await elsewhere.gm(['state', 'verify', '--json'], { GM_STATE: url }), 0).result).toMatchObject({ ok: true, location: url });

  const holder = spawnFixture('hold-lock.mjs', [url, 'legacy', 'deploy']);
  const held = JSON.parse(await holder.waitForLine((line) => line.startsWith('{'))) as { locked: { pid: number } };
  const blocked = envelope(await elsewhere.gm(['state', 'restore', 'legacy', '--latest', '--json'], { GM_STATE: url }), 7);
  expect(blocked.error?.message).toContain(`pid ${held.locked.pid}`);
  holder.child.stdin.end('release\n');
  expect((await holder.closed).code).toBe(0);
  // The holder wrote its own document; the teammate puts the one from before back.
  envelope(await elsewhere.gm(['state', 'restore', 'legacy', '--backup', manual.id, '--json'], { GM_STATE: url }), 0);

  const back = newHome();
  const returned = envelope(await back.gm(['state', 'migrate', '--to', 'local', '--json'], { GM_STATE: url }), 0);
  expect(returned.result).toMatchObject({ from: url, deployments: ['legacy'] });
  expect(back.readState('legacy')).toBe(original);
  expect(readFileSync(join(back.home, 'deployments/legacy/journal.jsonl'), 'utf8')).toBe(readFileSync(join(local.home, 'deployments/legacy/journal.jsonl'), 'utf8'));
}, 120_000);

test('with GM_STATE=s3://…, deploy, inspect and destroy keep their state in the bucket (nothing under GM_HOME)', async () => {
  const aws = await createAwsContext({ region: 'us-east-1', endpointUrl: process.env.GM_TEST_ENDPOINT });
  const bucket = `gm-state-deploy-${process.pid}`;
  await aws.s3.createBucket({ Bucket: bucket });
  const url = `s3://${bucket}/prod`;
  const name = `s3dep-${process.pid.toString(36)}`;
  const h = newHome();
  const env = { GM_STATE: url, AWS_ACCESS_KEY_ID: `AKIAGMS3STATE${process.pid}` };
  try {
    envelope(await h.gm(['deploy', 'tier1', '--name', name, '--yes', '--no-wait', '--json'], env), 0);
    const keys = (await aws.s3.listObjects({ Bucket: bucket, Prefix: `prod/deployments/${name}/` })).map((o) => o.Key ?? '');
    expect(keys).toContain(`prod/deployments/${name}/state.json`);
    expect(keys.filter((key) => key.includes('/journal/')).length).toBeGreaterThan(10);
    expect(existsSync(join(h.home, 'deployments', name))).toBe(false);
    expect(envelope(await h.gm(['inspect', name, '--json'], env), 0).result).toMatchObject({ deployment: { name, status: 'deployed' } });

    envelope(await h.gm(['destroy', name, '--yes', '--json'], env), 0);
    expect(await deploymentInventory(aws, name)).toEqual([]);
    expect(await aws.s3.listObjects({ Bucket: bucket, Prefix: `prod/deployments/${name}/` })).toEqual([]);
    expect((await aws.s3.listObjects({ Bucket: bucket, Prefix: `prod/archive/${name}-` })).length).toBeGreaterThan(0);
  } finally {
    aws.destroy();
  }
}, 240_000);
