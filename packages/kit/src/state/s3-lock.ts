import { LockedError } from '../errors/index.js';
import { isStale, newLockInfo, parseLockInfo, sameLock } from './lock-file.js';
import { lockedError } from './locking.js';
import { isPreconditionFailed, s3Url } from './s3-location.js';
import type { S3Objects } from './s3-objects.js';
import type { LockHandle, LockInfo } from './types.js';

/**
 * The lock of a deployment in the shared bucket: `deployments/<name>/lock.json`, created with `If-None-Match: *`,
 * so of two processes creating it at once S3 lets exactly one succeed (the other gets PreconditionFailed). The
 * object records pid, host, operation, start time and gm version: a lock whose holder died on this host is taken
 * over; any other is reported with its holder and age (`gm state unlock` removes it).
 */

/** Locks this process holds: `s3://…/lock.json` → acquisition id (lets this process mutate what it locked). */
const heldLocks = new Map<string, string>();

const MAX_ACQUIRE_ROUNDS = 20;

export function lockKey(name: string): string {
  return `deployments/${name}/lock.json`;
}

type Current = { kind: 'none' } | { kind: 'held'; info: LockInfo; eTag: string | undefined } | { kind: 'unreadable' };

async function currentLock(objects: S3Objects, name: string): Promise<Current> {
  const stored = await objects.get(lockKey(name));
  if (stored === undefined) return { kind: 'none' };
  const info = parseLockInfo(stored.body);
  return info === undefined ? { kind: 'unreadable' } : { kind: 'held', info, eTag: stored.eTag };
}

function unreadable(objects: S3Objects, name: string): LockedError {
  return new LockedError({
    code: 'STATE_LOCKED',
    message: `Deployment "${name}" is locked, but its lock object in ${objects.location.bucket} is unreadable, so the holder is unknown.`,
    hint: `If no gm process is working on "${name}", run \`gm state unlock ${name}\`.`,
  });
}

function lockId(objects: S3Objects, name: string): string {
  return s3Url(objects.location, lockKey(name));
}

/** Deletes the stale lock only if it is still that version (a conditional delete), so a fresh lock is never lost. */
async function removeStale(objects: S3Objects, name: string, eTag: string | undefined): Promise<void> {
  try {
    await objects.delete(lockKey(name), eTag);
  } catch (error) {
    if (!isPreconditionFailed(error)) throw error;
  }
}

export async function acquireS3Lock(objects: S3Objects, name: string, operation: string): Promise<LockHandle> {
  const info = newLockInfo(operation);
  let tookOverFrom: LockInfo | undefined;
  for (let round = 0; round < MAX_ACQUIRE_ROUNDS; round += 1) {
    if (await objects.put(lockKey(name), `${JSON.stringify(info)}\n`, { kind: 'create' })) {
      heldLocks.set(lockId(objects, name), info.id);
      return { name, info, tookOverFrom, release: () => releaseS3Lock(objects, name, info) };
    }
    const current = await currentLock(objects, name);
    if (current.kind === 'none') continue;
    if (current.kind === 'unreadable') throw unreadable(objects, name);
    if (!isStale(current.info)) throw lockedError(name, current.info);
    await removeStale(objects, name, current.eTag);
    tookOverFrom = current.info;
  }
  throw new LockedError({ code: 'STATE_LOCKED', message: `Could not take the lock of "${name}": other processes kept taking it.`, hint: 'Run the command again.' });
}

async function releaseS3Lock(objects: S3Objects, name: string, info: LockInfo): Promise<void> {
  const current = await currentLock(objects, name);
  if (current.kind === 'held' && sameLock(current.info, info)) await removeStale(objects, name, current.eTag);
  if (heldLocks.get(lockId(objects, name)) === info.id) heldLocks.delete(lockId(objects, name));
}

/** Throws LockedError unless nobody holds the lock, this process does, or its holder died on this host. */
export async function assertS3NotLockedByOthers(objects: S3Objects, name: string): Promise<void> {
  const current = await currentLock(objects, name);
  if (current.kind === 'none') return;
  if (current.kind === 'unreadable') throw unreadable(objects, name);
  if (heldLocks.get(lockId(objects, name)) === current.info.id || isStale(current.info)) return;
  throw lockedError(name, current.info);
}

export async function readS3Lock(objects: S3Objects, name: string): Promise<LockInfo | undefined> {
  const current = await currentLock(objects, name);
  if (current.kind === 'unreadable') throw unreadable(objects, name);
  return current.kind === 'held' ? current.info : undefined;
}

export async function breakS3Lock(objects: S3Objects, name: string): Promise<LockInfo | undefined> {
  const current = await currentLock(objects, name);
  if (current.kind === 'none') return undefined;
  await objects.delete(lockKey(name));
  return current.kind === 'held' ? current.info : undefined;
}

export function forgetS3Lock(objects: S3Objects, name: string): void {
  heldLocks.delete(lockId(objects, name));
}
