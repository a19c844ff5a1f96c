/**
 * The acceptance run for "killing a writer mid-write never leaves an unparsable state": writers of deployment-sized
 * documents (through the whole write path: lock check, automatic backup of what is replaced, atomic replace, backup
 * of what was written, eviction) are SIGKILLed at random moments, GM_STATE_SMALL_KILLS times in all (default 2000, about 70 s on 2 cores; set fewer for a quick local run).
 * After every kill the document parses and verifies, the newest backup passes its checksum, and the journal reads.
 * (crash-safety.test.ts covers large documents and exact acknowledgement accounting.)
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalStateStore } from '@geusemaker/kit/state';
import { makeHome, removeHome, spawnFixture } from './helpers.js';

const TOTAL_KILLS = Number(process.env.GM_STATE_SMALL_KILLS ?? 2000);
const LANES = 4;

async function checkAfterKill(store: LocalStateStore, name: string): Promise<string | undefined> {
  const doc = await store.read(name); // throws on an unparsable or foreign document
  if (doc !== undefined) {
    const expected = createHash('sha256').update(`${String(doc.seq)}:${String(doc.payload)}`).digest('hex');
    if (doc.digest !== expected) return `document ${String(doc.seq)} fails its digest`;
  }
  const latest = await store.backups.latestId(name);
  if (latest !== undefined) await store.backups.read(name, latest); // throws on a torn or mismatching backup
  if ((await store.backups.list(name)).filter((b) => b.kind === 'auto').length > 20) return 'automatic backups beyond retention';
  await store.readJournal(name); // throws on corruption before the last line
  return undefined;
}

async function lane(home: string, index: number, kills: number, problems: string[]): Promise<number> {
  const name = `lane-${index}`;
  const store = new LocalStateStore(home);
  let writes = 0;
  for (let round = 0; round < kills; round += 1) {
    const writer = spawnFixture('crash-writer.mjs', [home, name, 'small']);
    await writer.waitForLine((line) => line.startsWith('ready'));
    await sleep(Math.random() * 25);
    writer.child.kill('SIGKILL');
    await writer.closed;
    writes += writer.lines.filter((line) => line.startsWith('state')).length;
    const problem = await checkAfterKill(store, name).catch((error: Error) => error.message);
    if (problem !== undefined) problems.push(`lane ${index} round ${round}: ${problem}`);
  }
  return writes;
}

test(`${TOTAL_KILLS} SIGKILLs of writers never leave an unparsable document, backup or journal`, async () => {
  const home = await makeHome();
  const problems: string[] = [];
  const started = Date.now();
  try {
    const writes = await Promise.all(Array.from({ length: LANES }, (_, index) => lane(home, index, Math.ceil(TOTAL_KILLS / LANES), problems)));
    console.log(`kill-writer: ${TOTAL_KILLS} kills, ${writes.reduce((a, b) => a + b, 0)} acknowledged writes in ${Date.now() - started} ms`);
    expect(problems).toEqual([]);
  } finally {
    await removeHome(home);
  }
}, Math.max(120_000, TOTAL_KILLS * 400));
