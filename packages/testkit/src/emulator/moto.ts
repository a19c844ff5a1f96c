import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { AMIS_FIXTURE_PATH } from '../data/fixtures.js';
import { motoVenvDir } from '../paths.js';

export interface MotoServer {
  readonly url: string;
  stop(): Promise<void>;
}

export interface StartMotoOptions {
  /** The virtualenv holding moto_server; default <repo>/.venv/moto (or GM_MOTO_VENV). */
  venvDir?: string;
  /** Default: a free port. */
  port?: number;
  /** How long to wait for moto to answer; default 30 s (a cold Python start can take a few seconds). */
  readyTimeoutMs?: number;
}

/** Environment read by moto at start-up (moto-notes.md): realistic validation and our own AMI list. */
export function motoEnvironment(): Record<string, string> {
  return {
    MOTO_ACM_VALIDATION_WAIT: '0',
    MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
    MOTO_ENABLE_AMI_VALIDATION: 'true',
    MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION: 'true',
    MOTO_ENABLE_KEYPAIR_VALIDATION: 'true',
    MOTO_AMIS_PATH: AMIS_FIXTURE_PATH,
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** Keeps the last lines moto wrote, to explain a failed start. */
function tailOf(child: ChildProcess, lines: string[]): void {
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 30));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => lines.push(`spawn failed: ${error.message}`));
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}:\n${output.join('\n')}`);
    const answered = await fetch(`${url}/moto-api/`).then((r) => r.ok, () => false);
    if (answered) return;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`moto_server did not answer on ${url} within ${timeoutMs} ms:\n${output.join('\n')}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 1000); // moto keeps no state worth a slow goodbye
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts moto_server on 127.0.0.1 from the testkit's virtualenv and waits until it answers. */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const binary = `${options.venvDir ?? motoVenvDir()}/bin/moto_server`;
  if (!existsSync(binary)) {
    throw new Error(`moto is not installed (${binary} is missing): run \`pnpm emulator:setup\` once (needs python3).`);
  }
  const port = options.port ?? (await freePort());
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, ...motoEnvironment() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  tailOf(child, output);
  // Never leave a moto behind when the process that started it goes away.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(url, child, output, options.readyTimeoutMs ?? 30_000);
  return {
    url,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}
