import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runGm, type FaultSpec, type RunGmResult } from '@geusemaker/testkit';
import type { Sandbox } from './helpers.js';

/** Where a crash is injected: the call is held at the proxy (optionally performed by moto, then its answer dropped). */
export type CrashSpec = Pick<FaultSpec, 'service' | 'operation' | 'afterForward' | 'drop'>;

const POLL_MS = 25;
const HELD_WITHIN_MS = 45_000;

async function until<T>(what: string, withinMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

/** The lock file a SIGKILLed gm leaves behind (its pid is dead), read as JSON. */
export function leftoverLock(box: Sandbox, name: string): { pid: number; operation: string } | undefined {
  const path = join(box.home, 'deployments', name, 'lock.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { pid: number; operation: string }) : undefined;
}

/** The steps the journal shows as adopted: found by tag after a crash instead of being created again. */
export function adoptedSteps(box: Sandbox, name: string): string[] {
  const lines = readFileSync(join(box.home, 'deployments', name, 'journal.jsonl'), 'utf8').split('\n').filter((line) => line.trim() !== '');
  const entries = lines.map((line) => JSON.parse(line) as { type: string; stepId?: string; adopted?: boolean });
  return entries.filter((entry) => entry.type === 'created' && entry.adopted === true).flatMap((entry) => (entry.stepId === undefined ? [] : [entry.stepId]));
}

/** `gm deploy tier1 --no-wait` for the sandbox's deployment, killed at `crash` (see `runAndKillAtHeldCall`). */
export function deployAndKillAtHeldCall(box: Sandbox, crash: CrashSpec): Promise<number> {
  return runAndKillAtHeldCall(box, ['deploy', 'tier1', '--name', box.name, '--yes', '--json', '--no-wait'], crash);
}

/**
 * Starts gm with `crash.operation` held at the proxy, waits until gm's call is held, SIGKILLs gm (no exit handler
 * runs: the journal stops wherever it was), then clears the faults and releases the held calls, and waits until the
 * proxy has finished them (moto has acted, the answers went nowhere). Returns how many calls were held.
 */
export async function runAndKillAtHeldCall(box: Sandbox, args: string[], crash: CrashSpec): Promise<number> {
  const faultId = await box.fault({ ...crash, hold: true });
  const before = (await box.control.calls({ accessKeyId: box.accessKeyId, operation: crash.operation })).length;
  let child: ChildProcess | undefined;
  const exited = runGm(args, {
    home: box.home,
    env: { AWS_ACCESS_KEY_ID: box.accessKeyId, AWS_SECRET_ACCESS_KEY: 'testing' },
    timeoutMs: 120_000,
    onSpawn: (spawned) => (child = spawned),
  }).then(
    (result: RunGmResult) => result,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  let finishedEarly: RunGmResult | Error | undefined;
  void exited.then((outcome) => (finishedEarly = outcome));
  try {
    await until(`gm's ${crash.operation} call to be held`, HELD_WITHIN_MS, async () => {
      if (finishedEarly !== undefined) throw new Error(`gm ended before ${crash.operation} was held: ${describe(finishedEarly)}`);
      const rule = (await box.control.faults()).find((candidate) => candidate.id === faultId);
      return rule !== undefined && rule.fired > 0 ? true : undefined;
    });
    child?.kill('SIGKILL');
    const outcome = await exited;
    if (!(outcome instanceof Error) || !outcome.message.includes('SIGKILL')) throw new Error(`gm was not killed: ${describe(outcome)}`);
  } finally {
    child?.kill('SIGKILL');
  }
  const held = (await box.control.faults()).find((rule) => rule.id === faultId)?.fired ?? 0;
  await box.control.clearFaults(box.accessKeyId);
  await box.control.release();
  await until(`the ${held} held ${crash.operation} call(s) to reach moto`, 15_000, async () => {
    const calls = await box.control.calls({ accessKeyId: box.accessKeyId, operation: crash.operation });
    return calls.length >= before + held ? true : undefined;
  });
  return held;
}

function describe(outcome: RunGmResult | Error): string {
  return outcome instanceof Error ? outcome.message : `exit ${outcome.exitCode}\n${outcome.stdout}\n${outcome.stderr.slice(-3000)}`;
}
