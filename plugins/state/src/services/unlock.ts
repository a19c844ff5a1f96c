import { GmError } from '@geusemaker/kit/errors';
import type { Prompter } from '@geusemaker/kit/io';
import type { LockInfo, StateStore } from '@geusemaker/kit/state';

export interface UnlockResult {
  name: string;
  /** Who held the lock (undefined: it was not locked, or its lock object was unreadable). */
  holder: LockInfo | undefined;
  removed: boolean;
}

export function describeHolder(info: LockInfo): string {
  return `${info.operation} by pid ${info.pid} on ${info.host}, since ${info.startedAt}${info.gmVersion ? ` (gm ${info.gmVersion})` : ''}`;
}

/**
 * `gm state unlock NAME`: shows the holder and asks before removing the lock (unless --yes). Without a terminal and
 * without --yes the prompter refuses with exit 2, naming --yes.
 */
export async function unlockDeployment(store: StateStore, name: string, options: { yes: boolean; prompter: Prompter; show: (line: string) => void }): Promise<UnlockResult> {
  let holder: LockInfo | undefined;
  let readable = true;
  try {
    holder = await store.readLock(name);
  } catch {
    readable = false; // an unreadable lock is still a lock: it can be removed
  }
  if (holder === undefined && readable) return { name, holder: undefined, removed: false };
  options.show(holder === undefined ? `"${name}" is locked; its lock is unreadable (holder unknown).` : `"${name}" is locked: ${describeHolder(holder)}.`);
  if (!options.yes) {
    const sure = await options.prompter.confirm({ message: `Remove the lock of "${name}"? Only do this if that gm process is no longer running`, flag: '--yes', initial: false });
    if (!sure) throw new GmError({ code: 'CANCELLED', message: 'Unlock cancelled; the lock is still there.' });
  }
  const removed = await store.breakLock(name);
  return { name, holder: removed ?? holder, removed: true };
}
