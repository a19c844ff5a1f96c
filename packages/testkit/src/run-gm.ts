import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface RunGmOptions {
  /** Extra environment (wins over everything runGm sets). */
  env?: Record<string, string | undefined>;
  /** GM_HOME for this run; default a fresh temp directory (pass the same one to several runs to share state). */
  home?: string;
  /** Written to stdin, which is then closed. stdin is never a TTY. */
  input?: string;
  /** Kill gm and fail after this long; default 60 s. */
  timeoutMs?: number;
  /** AWS endpoint; default GM_TEST_ENDPOINT (the emulator's proxy). */
  endpoint?: string;
  /**
   * Called with the gm process as soon as it is spawned, e.g. to SIGKILL it mid-deploy (crash tests). A gm killed by
   * a signal makes the returned promise reject with the signal's name in the message.
   */
  onSpawn?: (child: ChildProcess) => void;
}

export interface RunGmResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON when it is JSON (e.g. with --json). */
  readonly json?: unknown;
  /** The GM_HOME the run used. */
  readonly home: string;
}

export const GM_BIN = join(REPO_ROOT, 'packages/cli/bin/run.js');

// Variables of the developer's own shell that must not leak into a test run (real profiles, real endpoints, TTY hints),
// and Jest's own NODE_ENV=test / NODE_OPTIONS, which a user's gm never runs with (oclif warns in non-production mode).
const INHERITED_PREFIXES = ['AWS_', 'GM_', 'FORCE_COLOR', 'NO_COLOR', 'NODE_ENV', 'NODE_OPTIONS'];

function baseEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_PREFIXES.some((prefix) => name.startsWith(prefix))));
}

/**
 * The environment gm runs with against the emulator: the endpoint, fake credentials, an isolated GM_HOME and HOME (no
 * real ~/.aws), no instance-metadata probing, no colours. Shared by runGm, the demo and the benchmarks.
 */
export function gmEnvironment(home: string, userHome: string, endpoint: string, extra: RunGmOptions['env']): NodeJS.ProcessEnv {
  return {
    ...baseEnvironment(),
    HOME: userHome,
    GM_HOME: home,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    // No real ~/.aws and no instance-metadata probing (which would take seconds to time out).
    AWS_CONFIG_FILE: join(userHome, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(userHome, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    CI: '1',
    NO_COLOR: '1',
    ...extra,
  };
}

function parseJson(stdout: string): unknown {
  const trimmed = stdout.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/** Runs the real `gm` (packages/cli/bin/run.js) as a subprocess, as a user would, against the emulator. */
export function runGm(args: readonly string[], options: RunGmOptions = {}): Promise<RunGmResult> {
  const endpoint = options.endpoint ?? process.env.GM_TEST_ENDPOINT;
  if (endpoint === undefined) throw new Error('runGm needs the emulator: GM_TEST_ENDPOINT is unset (jest global setup) and no endpoint was given');
  const userHome = mkdtempSync(join(tmpdir(), 'gm-test-'));
  const home = options.home ?? join(userHome, 'gm-home');
  const child = spawn(process.execPath, [GM_BIN, ...args], {
    cwd: userHome,
    env: gmEnvironment(home, userHome, endpoint, options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  options.onSpawn?.(child);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end(options.input ?? '');
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const out = Buffer.concat(stdout).toString('utf8');
      const err = Buffer.concat(stderr).toString('utf8');
      if (code === null) {
        reject(new Error(`gm ${args.join(' ')} was killed (${signal}; timeout ${timeoutMs} ms)\nstdout:\n${out}\nstderr:\n${err}`));
        return;
      }
      resolve({ exitCode: code, stdout: out, stderr: err, json: parseJson(out), home });
    });
  });
}
