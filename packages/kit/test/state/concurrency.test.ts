/**
 * Two (or more) processes mutating one deployment at once: exactly one takes the lock and writes, every other one
 * fails with LockedError (exit 7) naming the holder — for the local store (exclusive create) and for the S3 store
 * (conditional PUT with If-None-Match: *, against the emulator's S3).
 */
import { createAwsContext } from '@geusemaker/kit/aws';
import { stateStoreFor } from '@geusemaker/kit/state';
import { makeHome, spawnFixture, type FixtureProcess } from './helpers.js';

interface Outcome {
  locked?: { pid: number; host: string };
  error?: { code: string; exitCode: number; message: string };
}

async function race(url: string, name: string, contenders: number): Promise<{ winners: FixtureProcess[]; outcomes: Outcome[] }> {
  const children = Array.from({ length: contenders }, () => spawnFixture('hold-lock.mjs', [url, name, 'deploy']));
  const first = await Promise.all(children.map((child) => child.waitForLine((line) => line.startsWith('{')).then((line) => JSON.parse(line) as Outcome)));
  const winners = children.filter((_, index) => first[index]?.locked !== undefined);
  return { winners, outcomes: first };
}

async function expectOneWinner(url: string, name: string): Promise<void> {
  const { winners, outcomes } = await race(url, name, 3);
  expect(winners).toHaveLength(1);
  const holder = outcomes.find((o) => o.locked)?.locked;
  for (const outcome of outcomes.filter((o) => o.error)) {
    expect(outcome.error).toMatchObject({ code: 'STATE_LOCKED', exitCode: 7 });
    expect(outcome.error?.message).toContain(`pid ${holder?.pid} on ${holder?.host}`);
  }
  expect((await stateStoreFor(url).read(name))?.writer).toBe(holder?.pid);
  winners[0]?.child.stdin.end('release\n');
  expect((await winners[0]?.closed)?.code).toBe(0);
  expect(await stateStoreFor(url).readLock(name)).toBeUndefined();
}

test('local store: of three processes locking one deployment at once, exactly one proceeds', async () => {
  await expectOneWinner(await makeHome(), 'race');
}, 30_000);

test('S3 store: of three processes locking one deployment at once, exactly one proceeds', async () => {
  const aws = await createAwsContext({ region: 'us-east-1', endpointUrl: process.env.GM_TEST_ENDPOINT });
  const bucket = `gm-race-${process.pid}`;
  await aws.s3.createBucket({ Bucket: bucket });
  await expectOneWinner(`s3://${bucket}/team`, 'race');
  aws.destroy();
}, 30_000);
