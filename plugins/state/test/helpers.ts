import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGm, type RunGmResult } from '@geusemaker/testkit';

/** The kit's state fixtures (a v1 state file and its journal, the lock-holding child). */
export const KIT_STATE_FIXTURES = fileURLToPath(new URL('../../../packages/kit/test/state/fixtures/', import.meta.url));

export interface Home {
  home: string;
  gm(args: string[], env?: Record<string, string>): Promise<RunGmResult>;
  statePath(name: string): string;
  readState(name: string): string;
  writeState(name: string, text: string): void;
  /** Copies the checked-in v1 fixture (state + journal) in as deployment `legacy`. */
  plantLegacy(): void;
}

export function newHome(): Home {
  const home = mkdtempSync(join(tmpdir(), 'gm-state-e2e-'));
  const dir = (name: string): string => join(home, 'deployments', name);
  const statePath = (name: string): string => join(dir(name), 'state.json');
  return {
    home,
    gm: (args, env = {}) => runGm(args, { home, env, timeoutMs: 60_000 }),
    statePath,
    readState: (name) => readFileSync(statePath(name), 'utf8'),
    writeState: (name, text) => {
      mkdirSync(dir(name), { recursive: true });
      writeFileSync(statePath(name), text);
    },
    plantLegacy: () => {
      mkdirSync(dir('legacy'), { recursive: true });
      copyFileSync(join(KIT_STATE_FIXTURES, 'state-v1.json'), statePath('legacy'));
      copyFileSync(join(KIT_STATE_FIXTURES, 'state-v1.journal.jsonl'), join(dir('legacy'), 'journal.jsonl'));
    },
  };
}

interface Envelope {
  status: 'success' | 'error';
  result?: Record<string, unknown>;
  error?: { code: string; message: string; hint?: string };
  warnings?: string[];
  exitCode?: number;
}

function describeRun(run: RunGmResult): string {
  return `exit ${run.exitCode}\nstdout:\n${run.stdout.slice(0, 3000)}\nstderr:\n${run.stderr.slice(-3000)}`;
}

/** The run's --json envelope, after checking its exit code (gm's output is in the failure message). */
export function envelope(run: RunGmResult, exitCode: number): Envelope {
  if (run.exitCode !== exitCode || run.json === undefined) throw new Error(`expected exit ${exitCode} with JSON, got ${describeRun(run)}`);
  return run.json as Envelope;
}
