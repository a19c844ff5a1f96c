import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStackInput } from '@geusemaker/kit/stack';
import type { StackInput, StackInputOptions, StackOs, TlsMode } from '@geusemaker/kit/stack';

export const HERE = dirname(fileURLToPath(import.meta.url));

/** A tier1-looking deployment; tests override what they need. */
export function sampleInput(overrides: Partial<StackInputOptions> = {}): StackInput {
  return createStackInput({
    name: 'demo',
    tier: 'tier1',
    region: 'eu-west-1',
    efsFileSystemId: 'fs-0123456789abcdef0',
    models: ['llama3.2:3b', 'nomic-embed-text'],
    ...overrides,
  });
}

export interface Variant {
  label: string;
  input: StackInput;
}

/** Every valid OS × TLS mode × GPU combination (the GPU needs the Deep Learning AMI). */
export function allVariants(): Variant[] {
  const oses: StackOs[] = ['al2023', 'ubuntu2404', 'dlami'];
  const modes: TlsMode[] = ['internal', 'behind-alb'];
  return oses.flatMap((os) =>
    modes.flatMap((tlsMode) =>
      (os === 'dlami' ? [false, true] : [false]).map((gpu) => ({
        label: `${os} ${tlsMode}${gpu ? ' gpu' : ''}`,
        input: sampleInput({ os, tlsMode, gpu, tier: gpu ? 'tier3' : tlsMode === 'internal' ? 'tier1' : 'tier2' }),
      })),
    ),
  );
}

export function readFixture(name: string): string {
  return readFileSync(join(HERE, 'fixtures', name), 'utf8');
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a tool on stdin; a tool that is not installed fails the test instead of skipping it. */
export function runTool(command: string, args: string[], input: string, env: NodeJS.ProcessEnv = process.env): RunResult {
  const result = spawnSync(command, args, { input, encoding: 'utf8', env });
  if (result.error !== undefined) {
    throw new Error(`${command} could not run (${result.error.message}); install it — this test never skips`);
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The content of the heredoc the script writes to `target`. */
export function embeddedFile(script: string, target: string): string {
  const start = script.indexOf(`  cat >${target} <<'GM_EOF'\n`);
  if (start < 0) throw new Error(`no heredoc for ${target}`);
  const from = script.indexOf('\n', start) + 1;
  return script.slice(from, script.indexOf('\nGM_EOF\n', from)) + '\n';
}
