import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A fresh GM_HOME under the OS temp dir; remove it with `removeHome`. */
export async function makeHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'gm-state-test-'));
}

export async function removeHome(home: string): Promise<void> {
  await rm(home, { recursive: true, force: true });
}

/** A child running one of ./fixtures with the same Node as Jest, collecting its stdout lines as they arrive. */
export interface FixtureProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  /** Resolves with the first stdout line matching `predicate` (rejects if the child exits first). */
  waitForLine(predicate: (line: string) => boolean): Promise<string>;
  /** Resolves once the child has exited and all of its stdout has been read. */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export function spawnFixture(script: string, args: readonly string[]): FixtureProcess {
  const scriptPath = fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url));
  // Jest runs with --experimental-vm-modules in NODE_OPTIONS; the children need none of it. Node's compile cache
  // (which also keeps the type-stripped sources) cuts a child's start from ~150 ms to ~50 ms.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'geusemaker-test-compile-cache') };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [scriptPath, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waiters: { predicate: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((candidate) => candidate.predicate(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const waitForLine = (predicate: (line: string) => boolean): Promise<string> => {
    const seen = lines.find(predicate);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      waiters.push({ predicate, resolve });
      void closed.then(({ code, signal }) =>
        reject(new Error(`${script} exited (code ${code}, signal ${signal}) before the expected line. stderr:\n${stderr}`)),
      );
    });
  };
  return { child, lines, waitForLine, closed, stderr: () => stderr };
}
