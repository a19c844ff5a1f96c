import { hostname } from 'node:os';
import { LockedError } from '../errors/index.js';
import { createLockFile, inspectLock, isStale, newLockInfo, removeStaleLock, sameLock, unlinkIfPresent } from './lock-file.js';
import type { LockHandle, LockInfo } from './types.js';

/** Locks this process holds: lock path → acquisition id. Lets this process mutate what it has locked. */
const heldLocks = new Map<string, string>();

/** Enough rounds for several contenders to settle a takeover; a round costs a syscall or a few ms of waiting. */
const MAX_ACQUIRE_ROUNDS = 200;

function holderHint(name: string, info: LockInfo): string {
  if (info.host !== hostname()) {
    return `If no gm process is still working on "${name}" on ${info.host}, run \`gm state unlock ${name}\`.`;
  }
  if (info.pid === process.pid) return 'This gm process already holds the lock (locks are not re-entrant).';
  return `Wait for gm process ${info.pid} to finish, or stop it.`;
}

export function lockedError(name: string, info: LockInfo): LockedError {
  return new LockedError({
    code: 'STATE_LOCKED',
    message: `Deployment "${name}" is locked by ${info.operation} (pid ${info.pid} on ${info.host}, since ${info.startedAt}).`,
    hint: holderHint(name, info),
    details: { holder: info },
  });
}

function unreadableLockError(name: string, path: string): LockedError {
  return new LockedError({
    code: 'STATE_LOCKED',
    message: `Deployment "${name}" is locked, but its lock file ${path} is unreadable, so the holder is unknown.`,
    hint: `If no gm process is working on "${name}", run \`gm state unlock ${name}\`.`,
    details: { lockFile: path },
  });
}

/** Removes the lock at `path` only if it is still the one described by `info`. */
async function releaseLock(path: string, info: LockInfo): Promise<void> {
  const current = await inspectLock(path);
  if (current.kind === 'held' && sameLock(current.info, info)) await unlinkIfPresent(path);
  if (heldLocks.get(path) === info.id) heldLocks.delete(path);
}

function handleFor(name: string, path: string, info: LockInfo, tookOverFrom: LockInfo | undefined): LockHandle {
  heldLocks.set(path, info.id);
  return { name, info, tookOverFrom, release: () => releaseLock(path, info) };
}

/**
 * Takes the lock at `path` with an exclusive create. An existing lock whose holder died on this host is removed
 * (see removeStaleLock) and the create retried; any other holder means LockedError (exit 7).
 */
export async function acquireLock(name: string, path: string, operation: string): Promise<LockHandle> {
  const info = newLockInfo(operation);
  let tookOverFrom: LockInfo | undefined;
  for (let round = 0; round < MAX_ACQUIRE_ROUNDS; round += 1) {
    if (await createLockFile(path, info)) return handleFor(name, path, info, tookOverFrom);
    const current = await inspectLock(path);
    if (current.kind === 'none') continue; // released between our create and our read
    if (current.kind === 'unreadable') throw unreadableLockError(name, path);
    if (!isStale(current.info)) throw lockedError(name, current.info);
    if (await removeStaleLock(path, current.info)) tookOverFrom = current.info;
  }
  throw new LockedError({
    code: 'STATE_LOCKED',
    message: `Could not take the lock of "${name}": other processes kept taking it.`,
    hint: 'Run the command again.',
  });
}

/**
 * Throws LockedError unless this process may mutate the deployment: nobody holds the lock, this process holds it,
 * or its holder died on this host.
 */
export async function assertNotLockedByOthers(name: string, path: string): Promise<void> {
  const current = await inspectLock(path);
  if (current.kind === 'none') return;
  if (current.kind === 'unreadable') throw unreadableLockError(name, path);
  if (heldLocks.get(path) === current.info.id || isStale(current.info)) return;
  throw lockedError(name, current.info);
}

/** The holder, or undefined when unlocked; an unreadable lock is a LockedError (locked, holder unknown). */
export async function readLockInfo(name: string, path: string): Promise<LockInfo | undefined> {
  const current = await inspectLock(path);
  if (current.kind === 'unreadable') throw unreadableLockError(name, path);
  return current.kind === 'held' ? current.info : undefined;
}

/** Removes whatever lock is there (`gm state unlock`), returning its holder when it could be read. */
export async function breakLockFile(path: string): Promise<LockInfo | undefined> {
  const current = await inspectLock(path);
  if (current.kind === 'none') return undefined;
  await unlinkIfPresent(path);
  return current.kind === 'held' ? current.info : undefined;
}

/** Forgets a lock this process held whose files were removed or archived with the deployment. */
export function forgetHeldLock(path: string): void {
  heldLocks.delete(path);
}
