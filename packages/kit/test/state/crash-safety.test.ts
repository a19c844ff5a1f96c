/**
 * Crash safety of state writes and journal appends under SIGKILL (no exit handler runs, exactly like a power cut
 * as far as the process is concerned). Children run fixtures/crash-writer.mjs — kit's TypeScript sources loaded
 * by Node 24's own type stripping (see fixtures/register-ts.mjs), so no build is needed — and are killed at random
 * moments while writing. After every kill: state.json parses and is exactly one complete document (the last
 * acknowledged one or the one in flight), the journal holds every acknowledged entry, and at most one temp file
 * (the killed write's) is left; the next write sweeps it.
 *
 * GM_STATE_KILL_ROUNDS (default 200) sets the total number of kills, e.g. GM_STATE_KILL_ROUNDS=5000.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalStateStore, STATE_SCHEMA_VERSION } from '@geusemaker/kit/state';
import type { StateDocument } from '@geusemaker/kit/state';
import { makeHome, removeHome, spawnFixture } from './helpers.js';

const TOTAL_KILLS = Number(process.env.GM_STATE_KILL_ROUNDS ?? 200);
/** Writers run side by side on separate deployments of one GM_HOME: more kills per second, and shared parents. */
const LANES = 4;
const TEMP_FILE = /^state\.json\.\d+$/;

interface Stats {
  kills: number;
  killsLeavingTempFile: number;
  killsAfterAWrite: number;
  tornJournalTails: number;
  racingReads: number;
  documentsWritten: number;
}

/** Problems found, with their lane and round, reported all together at the end. */
const failures: string[] = [];

function problemsWith(doc: StateDocument): string | undefined {
  const { seq, size, payload, digest } = doc;
  if (typeof seq !== 'number' || typeof payload !== 'string' || payload.length !== size) return 'malformed document';
  const expected = createHash('sha256').update(`${seq}:${payload}`).digest('hex');
  return digest === expected ? undefined : `digest mismatch at seq ${seq}`;
}

/** Directory entries; none when a kill came before the deployment's first write created the directory. */
async function filesIn(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

function lastAcknowledged(lines: readonly string[], kind: 'state' | 'journal'): number {
  const numbers = lines.filter((line) => line.startsWith(`${kind} `)).map((line) => Number(line.slice(kind.length + 1)));
  return numbers.length === 0 ? 0 : Math.max(...numbers);
}

async function checkJournal(store: LocalStateStore, name: string, acknowledged: number, stateSeq: number, fail: (m: string) => void, stats: Stats) {
  const { entries, warnings } = await store.readJournal(name); // throws on corruption before the last line
  stats.tornJournalTails += warnings.length;
  const seqs = entries.map((entry) => entry.seq as number);
  if (seqs.some((seq, index) => index > 0 && seq <= seqs[index - 1]!)) fail(`journal not strictly increasing: ${seqs.slice(-5).join(',')}`);
  if (acknowledged > 0 && !seqs.includes(acknowledged)) fail(`acknowledged journal entry ${acknowledged} is missing`);
  if ((seqs.at(-1) ?? 0) > stateSeq) fail(`journal entry ${seqs.at(-1)} is ahead of state ${stateSeq}`);
}

/**
 * Starts a writer, lets it run a random few ms (reading concurrently: a reader racing the writer must only ever see
 * complete documents), SIGKILLs it and returns what it printed. The child is killed even if a check throws.
 */
async function runWriterUntilKilled(home: string, name: string, confirmed: number, fail: (m: string) => void, stats: Stats) {
  const writer = spawnFixture('crash-writer.mjs', [home, name]);
  try {
    const ready = await writer.waitForLine((line) => line.startsWith('ready '));
    if (ready !== `ready ${confirmed}`) fail(`writer started from "${ready}", expected seq ${confirmed}`);
    // Let 0–3 writes complete first (so, even on a loaded machine, most kills follow real writes), then a random delay.
    const writesFirst = Math.floor(Math.random() * 4);
    if (writesFirst > 0) await writer.waitForLine((line) => line === `state ${confirmed + writesFirst}`);
    await sleep(Math.random() * 15);
    const racing = await new LocalStateStore(home).read(name);
    stats.racingReads += 1;
    if (racing !== undefined && (problemsWith(racing) !== undefined || (racing.seq as number) < confirmed)) fail('racing read saw a bad document');
    await sleep(Math.random() * 5);
  } finally {
    writer.child.kill('SIGKILL');
  }
  const { signal } = await writer.closed;
  if (signal !== 'SIGKILL') fail(`writer died by itself (signal ${signal}): ${writer.stderr()}`);
  stats.kills += 1;
  return writer.lines;
}

/** One kill, then the checks: a complete, expected state.json; at most one temp file; a sound journal. */
async function killRound(home: string, name: string, confirmed: number, fail: (m: string) => void, stats: Stats): Promise<number> {
  const lines = await runWriterUntilKilled(home, name, confirmed, fail, stats);
  const acknowledged = Math.max(confirmed, lastAcknowledged(lines, 'state'));
  if (acknowledged > confirmed) stats.killsAfterAWrite += 1;
  const store = new LocalStateStore(home);
  const doc = await store.read(name); // throws ConfigError if state.json were torn
  const seq = doc === undefined ? 0 : (doc.seq as number);
  if (doc !== undefined && problemsWith(doc) !== undefined) fail(problemsWith(doc)!);
  if (seq !== acknowledged && seq !== acknowledged + 1) fail(`state.json holds seq ${seq}; acknowledged ${acknowledged}`);
  const temps = (await filesIn(join(home, 'deployments', name))).filter((file) => TEMP_FILE.test(file));
  if (temps.length > 1) fail(`temp files accumulate: ${temps.join(', ')}`);
  if (temps.length === 1) stats.killsLeavingTempFile += 1;
  await checkJournal(store, name, lastAcknowledged(lines, 'journal'), seq, fail, stats);
  stats.documentsWritten = Math.max(stats.documentsWritten, seq);
  return seq;
}

async function runLane(home: string, lane: number, kills: number, stats: Stats): Promise<void> {
  const name = `lane-${lane}`;
  let confirmed = 0;
  for (let round = 1; round <= kills; round += 1) {
    const fail = (message: string) => failures.push(`${name} kill ${round}: ${message}`);
    try {
      confirmed = await killRound(home, name, confirmed, fail, stats);
    } catch (error) {
      fail(`threw ${(error as Error).stack ?? String(error)}`);
      return;
    }
  }
  // The next ordinary write sweeps what the last kill left behind.
  await new LocalStateStore(home).write(name, { schemaVersion: STATE_SCHEMA_VERSION, name, seq: confirmed + 1 });
  const leftovers = (await readdir(join(home, 'deployments', name))).filter((file) => TEMP_FILE.test(file));
  if (leftovers.length > 0) failures.push(`${name}: temp files survived a clean write: ${leftovers.join(', ')}`);
}

it(
  `state.json and the journal survive ${TOTAL_KILLS} SIGKILLs at random moments`,
  async () => {
    const home = await makeHome();
    const stats: Stats = { kills: 0, killsLeavingTempFile: 0, killsAfterAWrite: 0, tornJournalTails: 0, racingReads: 0, documentsWritten: 0 };
    const started = Date.now();
    try {
      const perLane = Math.ceil(TOTAL_KILLS / LANES);
      await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(home, lane, perLane, stats)));
    } finally {
      await removeHome(home);
    }
    console.log(`crash-safety: ${JSON.stringify(stats)} in ${Date.now() - started} ms`);
    expect(failures).toEqual([]);
    expect(stats.kills).toBeGreaterThanOrEqual(TOTAL_KILLS);
    // The test is only meaningful if kills really landed mid-write and after completed writes.
    expect(stats.killsLeavingTempFile).toBeGreaterThan(0);
    expect(stats.killsAfterAWrite).toBeGreaterThan(TOTAL_KILLS / 4);
  },
  Math.max(60_000, TOTAL_KILLS * 500),
);
