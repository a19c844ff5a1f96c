import { randomUUID } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { GM_VERSION } from '../version.js';
import { errnoCode, PRIVATE_FILE_MODE, readTextIfExists } from './fs-private.js';
import type { LockInfo } from './types.js';

/** What is at a lock path right now. */
export type LockState = { kind: 'none' } | { kind: 'held'; info: LockInfo } | { kind: 'unreadable'; text: string };

/** How long a lock file may stay empty or unparsable before it is judged corrupt rather than being written. */
const UNREADABLE_RETRIES = 5;
const UNREADABLE_RETRY_MS = 20;

export function newLockInfo(operation: string): LockInfo {
  return { pid: process.pid, host: hostname(), operation, startedAt: new Date().toISOString(), gmVersion: GM_VERSION, id: randomUUID() };
}

export function parseLockInfo(text: string): LockInfo | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { pid, host, operation, startedAt, gmVersion, id } = value as Record<string, unknown>;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
  if (typeof host !== 'string' || host === '' || typeof operation !== 'string' || typeof startedAt !== 'string') return undefined;
  const info: LockInfo = { pid, host, operation, startedAt, id: typeof id === 'string' ? id : '' };
  return typeof gmVersion === 'string' ? { ...info, gmVersion } : info;
}

/**
 * Reads the lock. Between another process's exclusive create and its write the file is briefly empty, so an
 * unparsable lock is re-read a few times before it is reported as unreadable.
 */
export async function inspectLock(path: string): Promise<LockState> {
  let text: string | undefined;
  for (let attempt = 0; attempt <= UNREADABLE_RETRIES; attempt += 1) {
    if (attempt > 0) await delay(UNREADABLE_RETRY_MS);
    text = await readTextIfExists(path);
    if (text === undefined) return { kind: 'none' };
    const info = parseLockInfo(text);
    if (info !== undefined) return { kind: 'held', info };
  }
  return { kind: 'unreadable', text: text ?? '' };
}

/** Creates the lock file exclusively (`wx`); false when a lock already exists. */
export async function createLockFile(path: string, info: LockInfo): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.writeFile(`${JSON.stringify(info)}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

export function sameLock(a: LockInfo, b: LockInfo): boolean {
  return a.id === b.id && a.pid === b.pid && a.host === b.host && a.startedAt === b.startedAt;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else — alive.
    return errnoCode(error) !== 'ESRCH';
  }
}

/** Only a lock from this host can be proven stale: its pid no longer exists. Other hosts need `gm state unlock`. */
export function isStale(info: LockInfo): boolean {
  return info.host === hostname() && !processIsAlive(info.pid);
}

export async function unlinkIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (errnoCode(error) !== 'ENOENT') throw error;
  });
}

/** A takeover that crashed inside its (microseconds long) critical section leaves its marker; this old, it is dead. */
const ABANDONED_TAKEOVER_MS = 10_000;

/**
 * Removes a stale lock so the caller can retry its exclusive create. Two contenders can judge the same lock stale;
 * without care the slower one would delete the lock the faster one just created. So takeovers are serialized by an
 * exclusive `lock.json.takeover` marker, and under it the lock is removed only if it is still the stale one.
 * Returns true when this call removed it.
 */
export async function removeStaleLock(path: string, stale: LockInfo): Promise<boolean> {
  const marker = `${path}.takeover`;
  try {
    await (await open(marker, 'wx', PRIVATE_FILE_MODE)).close();
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw error;
    const markerAge = await stat(marker).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (markerAge > ABANDONED_TAKEOVER_MS) await unlinkIfPresent(marker);
    await delay(5);
    return false;
  }
  try {
    const current = await inspectLock(path);
    if (current.kind !== 'held' || !sameLock(current.info, stale)) return false;
    await unlinkIfPresent(path);
    return true;
  } finally {
    await unlinkIfPresent(marker);
  }
}
