import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ExitCode, LockedError } from '@geusemaker/kit/errors';
import { LocalStateStore, STATE_SCHEMA_VERSION } from '@geusemaker/kit/state';
import type { LockInfo } from '@geusemaker/kit/state';
import { makeHome, removeHome, spawnFixture } from './helpers.js';
import type { FixtureProcess } from './helpers.js';

let home: string;
let store: LocalStateStore;
const children: FixtureProcess[] = [];

beforeEach(async () => {
  home = await makeHome();
  store = new LocalStateStore(home);
});
afterEach(async () => {
  for (const fixture of children.splice(0)) {
    fixture.child.kill('SIGKILL');
    await fixture.closed;
  }
  await removeHome(home);
});

async function holdLockInChild(name: string, operation: string): Promise<{ fixture: FixtureProcess; info: LockInfo }> {
  const fixture = spawnFixture('hold-lock.mjs', [home, name, operation]);
  children.push(fixture);
  const line = await fixture.waitForLine((candidate) => candidate.startsWith('{'));
  const message = JSON.parse(line) as { locked?: LockInfo; error?: unknown };
  if (message.locked === undefined) throw new Error(`child could not lock: ${line}`);
  return { fixture, info: message.locked };
}

/** The pid of a process that has certainly exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

async function plantLock(name: string, holder: Partial<LockInfo>): Promise<LockInfo> {
  const info: LockInfo = { pid: 1, host: hostname(), operation: 'deploy', startedAt: '2025-01-01T00:00:00.000Z', id: 'planted', ...holder };
  await mkdir(join(home, 'deployments', name), { recursive: true });
  await writeFile(join(home, 'deployments', name, 'lock.json'), JSON.stringify(info));
  return info;
}

describe('deployment lock', () => {
  it('a second process gets LockedError (exit 7) naming the holder; the lock is free once released', async () => {
    const { fixture, info } = await holdLockInChild('demo', 'deploy');
    expect(info).toMatchObject({ pid: fixture.child.pid, host: hostname(), operation: 'deploy' });
    expect(await store.readLock('demo')).toEqual(info);

    const attempt = store.lock('demo', 'destroy');
    await expect(attempt).rejects.toBeInstanceOf(LockedError);
    await expect(attempt).rejects.toMatchObject({
      code: 'STATE_LOCKED',
      exitCode: ExitCode.locked,
      message: `Deployment "demo" is locked by deploy (pid ${info.pid} on ${hostname()}, since ${info.startedAt}).`,
    });
    // …and it may not mutate the deployment behind the holder's back.
    await expect(store.write('demo', { schemaVersion: STATE_SCHEMA_VERSION, name: 'demo' })).rejects.toMatchObject({ exitCode: 7 });
    await expect(store.appendJournal('demo', { step: 'x' })).rejects.toMatchObject({ exitCode: 7 });
    await expect(store.archive('demo')).rejects.toMatchObject({ exitCode: 7 });

    fixture.child.stdin.write('release\n');
    await fixture.waitForLine((line) => line.includes('"released"'));
    expect(await store.readLock('demo')).toBeUndefined();
    const handle = await store.lock('demo', 'destroy');
    expect(await store.readLock('demo')).toEqual(handle.info);
    await handle.release();
  });

  it('a child process trying to lock what this process holds gets exit code 7', async () => {
    const handle = await store.lock('demo', 'deploy');
    const contender = spawnFixture('hold-lock.mjs', [home, 'demo', 'resume']);
    children.push(contender);
    const line = await contender.waitForLine((candidate) => candidate.startsWith('{'));
    expect(JSON.parse(line)).toEqual({
      error: { code: 'STATE_LOCKED', exitCode: 7, message: expect.stringContaining(`pid ${process.pid} on ${hostname()}`) },
    });
    expect((await contender.closed).code).toBe(1);
    await handle.release();
  });

  it('takes over the lock of a holder that was killed', async () => {
    const { fixture, info } = await holdLockInChild('demo', 'deploy');
    fixture.child.kill('SIGKILL');
    await fixture.closed;
    const handle = await store.lock('demo', 'resume');
    expect(handle.tookOverFrom).toEqual(info);
    expect(await store.readLock('demo')).toEqual(handle.info);
    expect(handle.info).toMatchObject({ pid: process.pid, operation: 'resume' });
    await handle.release();
  });

  it('takes over a lock left by a dead pid on this host, exactly once among concurrent contenders', async () => {
    await plantLock('demo', { pid: await deadPid() });
    const contenders = Array.from({ length: 8 }, () => new LocalStateStore(home).lock('demo', 'deploy'));
    const results = await Promise.allSettled(contenders);
    const winners = results.filter((result) => result.status === 'fulfilled').map((result) => result.value);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(LockedError);
    expect(await store.readLock('demo')).toEqual(winner.info);
    expect(await readdir(join(home, 'deployments', 'demo'))).toEqual(['lock.json']); // no takeover marker left
    await winner.release();
  });

  it('never takes over a lock from another host; the hint says how to unlock', async () => {
    const foreign = await plantLock('demo', { pid: await deadPid(), host: 'build-agent-7.example' });
    const attempt = store.lock('demo', 'deploy');
    await expect(attempt).rejects.toMatchObject({
      code: 'STATE_LOCKED',
      exitCode: 7,
      message: expect.stringContaining(`pid ${foreign.pid} on build-agent-7.example, since 2025-01-01T00:00:00.000Z`),
      hint: expect.stringContaining('gm state unlock demo'),
    });
    expect(await store.breakLock('demo')).toEqual(foreign);
    const handle = await store.lock('demo', 'deploy');
    expect(handle.tookOverFrom).toBeUndefined();
    await handle.release();
  });

  it('releasing twice is harmless, and a release never removes a lock that is no longer ours', async () => {
    const first = await store.lock('demo', 'deploy');
    await first.release();
    await first.release();
    expect(await store.readLock('demo')).toBeUndefined();

    const second = await store.lock('demo', 'deploy');
    await store.breakLock('demo'); // `gm state unlock` by someone else…
    const third = await store.lock('demo', 'destroy'); // …and a new holder
    await second.release();
    expect(await store.readLock('demo')).toEqual(third.info);
    await third.release();
    expect(await store.readLock('demo')).toBeUndefined();
  });

  it('lets the holder mutate, and a dead holder does not block mutation', async () => {
    const handle = await store.lock('demo', 'deploy');
    await store.write('demo', { schemaVersion: STATE_SCHEMA_VERSION, name: 'demo', v: 1 });
    await store.appendJournal('demo', { step: 'vpc' });
    await handle.release();
    await plantLock('demo', { pid: await deadPid() });
    await store.write('demo', { schemaVersion: STATE_SCHEMA_VERSION, name: 'demo', v: 2 });
    expect(await store.read('demo')).toMatchObject({ v: 2 });
  });

  it('an unreadable lock file is reported as locked with an unknown holder, and can be broken', async () => {
    await mkdir(join(home, 'deployments', 'demo'), { recursive: true });
    const lockPath = join(home, 'deployments', 'demo', 'lock.json');
    await writeFile(lockPath, '');
    const expected = { code: 'STATE_LOCKED', exitCode: 7, message: expect.stringContaining(`${lockPath} is unreadable`) };
    await expect(store.lock('demo', 'deploy')).rejects.toMatchObject(expected);
    await expect(store.readLock('demo')).rejects.toMatchObject(expected);
    expect(await readFile(lockPath, 'utf8')).toBe('');
    expect(await store.breakLock('demo')).toBeUndefined();
    const handle = await store.lock('demo', 'deploy');
    await handle.release();
  });
});
