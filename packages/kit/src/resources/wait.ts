import { GmError } from '../errors/index.js';
import type { Created, ResourceContext } from './types.js';

/**
 * Polls `check` until it returns a value (not undefined), every minDelay..maxDelay seconds (gm polls every 1–2 s,
 * never the SDK's default 15 s), giving up after maxWaitSeconds with a clear error. Honours the run's abort signal.
 */
export async function pollUntil<T>(ctx: ResourceContext, what: string, check: () => Promise<T | undefined>): Promise<T> {
  const { minDelaySeconds, maxDelaySeconds, maxWaitSeconds } = ctx.wait;
  const deadline = Date.now() + maxWaitSeconds * 1000;
  let delay = minDelaySeconds;
  for (let attempt = 1; ; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    if (ctx.signal?.aborted === true) throw new GmError({ code: 'INTERRUPTED', message: `Stopped while waiting for ${what}.`, exitCode: 130 });
    if (Date.now() + delay * 1000 > deadline) {
      throw new GmError({
        code: 'WAIT_TIMEOUT',
        message: `Timed out after ${maxWaitSeconds} s waiting for ${what}.`,
        hint: 'AWS may be slow right now: run `gm resume <name>` to continue waiting, or `gm destroy <name>` to remove it.',
      });
    }
    if (attempt > 1) ctx.progress(`waiting for ${what} (${Math.round((Date.now() - deadline) / 1000 + maxWaitSeconds)} s)`);
    await new Promise((resolve) => setTimeout(resolve, delay * 1000));
    delay = Math.min(maxDelaySeconds, delay * 1.5);
  }
}

/**
 * Whether this process has itself seen the resource in one of `states` (see `Created.observed`): in its own create
 * call's response, or while configure waited. waitReady then skips a poll that could only confirm it. A step resumed
 * from the journal or adopted qualifies only through what configure saw in this run.
 */
export function observedIn(created: Created, ...states: string[]): boolean {
  const state = created.observed?.state;
  return state !== undefined && states.includes(state);
}
