import type { ChildProcess } from 'node:child_process';
import { runGm } from '@geusemaker/testkit';
import { sandbox, type Sandbox } from './helpers.js';

const CHUNK = 16_000;

/** ~100 KB of numbered lines, multi-byte UTF-8 in every one (so chunk boundaries fall inside characters). */
function bigLog(): string {
  const lines: string[] = [];
  for (let i = 1; Buffer.byteLength(lines.join('\n')) < 100_000; i++) {
    lines.push(`${String(i).padStart(5, '0')} [gm] phase démarrage — größe ✓ 日本語 ${'x'.repeat(i % 37)}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Envelope<T> {
  status: string;
  result: T;
  error?: { code: string; message: string; hint?: string };
}

describe('gm logs', () => {
  let box: Sandbox;
  const log = bigLog();
  const bytes = Buffer.from(log, 'utf8');

  beforeAll(async () => {
    box = sandbox();
    const deploy = await box.gm(['deploy', 'tier1', '--name', box.name, '--yes', '--json', '--no-wait']);
    expect(deploy.exitCode).toBe(0);
    await box.control.setCommandOutput({ accessKeyId: box.accessKeyId, commandContains: 'gm-logs', file: log });
  }, 240_000);

  afterAll(async () => {
    await box.gm(['destroy', box.name, '--yes']);
  }, 240_000);

  const sendCommands = async (): Promise<number> =>
    (await box.control.calls({ service: 'ssm', operation: 'SendCommand', accessKeyId: box.accessKeyId })).length;

  it('prints a 100 KB log whole, byte for byte and in order, read in several chunks', async () => {
    expect(bytes.length).toBeGreaterThan(100_000);
    // At least one chunk boundary cuts a multi-byte character (a UTF-8 continuation byte starts the next chunk).
    const boundaries = [1, 2, 3, 4, 5, 6].map((k) => bytes[k * CHUNK] ?? 0);
    expect(boundaries.some((byte) => (byte & 0xc0) === 0x80)).toBe(true);
    const before = await sendCommands();
    const run = await box.gm(['logs', box.name, '--service', 'userdata']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout.length).toBe(log.length);
    expect(run.stdout === log).toBe(true);
    // One size query plus ceil(size / 16,000) range reads.
    expect((await sendCommands()) - before).toBe(1 + Math.ceil(bytes.length / CHUNK));
  });

  it('--tail 5 prints exactly the last 5 lines', async () => {
    const run = await box.gm(['logs', box.name, '--service', 'userdata', '--tail', '5']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`${log.trimEnd().split('\n').slice(-5).join('\n')}\n`);
  });

  it('--tail reaching back over several chunks is still exact', async () => {
    const run = await box.gm(['logs', box.name, '--tail', '400', '--json']);
    expect(run.exitCode).toBe(0);
    const result = (run.json as Envelope<{ content: string; lines: number }>).result;
    expect(result.lines).toBe(400);
    expect(Buffer.byteLength(result.content)).toBeGreaterThan(CHUNK);
    expect(result.content).toBe(`${log.trimEnd().split('\n').slice(-400).join('\n')}\n`);
  });

  it('--json returns { service, bytes, lines, content }', async () => {
    const run = await box.gm(['logs', box.name, '--json']);
    expect(run.exitCode).toBe(0);
    const envelope = run.json as Envelope<{ service: string; bytes: number; lines: number; content: string }>;
    expect(envelope.status).toBe('success');
    expect(envelope.result).toEqual({ service: 'userdata', bytes: bytes.length, lines: log.trimEnd().split('\n').length, content: log });
  });

  it('a failed command shows its stderr (exit 1)', async () => {
    await box.control.setCommandOutput({
      accessKeyId: box.accessKeyId,
      commandContains: 'gm-logs size service=n8n',
      status: 'Failed',
      responseCode: 1,
      stderr: 'no such service: n8n',
    });
    const run = await box.gm(['logs', box.name, '--service', 'n8n', '--json']);
    expect(run.exitCode).toBe(1);
    const error = (run.json as Envelope<unknown>).error;
    expect(error?.code).toBe('LOGS_COMMAND_FAILED');
    expect(error?.message).toContain('no such service: n8n');
  });

  it('an instance the SSM agent has not registered yet gets a hint (exit 1)', async () => {
    await box.fault({ service: 'ssm', operation: 'SendCommand', errorCode: 'InvalidInstanceId', count: 1 });
    const run = await box.gm(['logs', box.name, '--json']);
    expect(run.exitCode).toBe(1);
    const error = (run.json as Envelope<unknown>).error;
    expect(error?.code).toBe('SSM_NOT_REGISTERED');
    expect(error?.hint).toContain('instance');
  });

  it('--follow cannot be combined with --json (exit 2)', async () => {
    const run = await box.gm(['logs', box.name, '--follow', '--json']);
    expect(run.exitCode).toBe(2);
  });

  it('--follow prints what is appended, then stops cleanly on Ctrl-C (exit 0)', async () => {
    let child: ChildProcess | undefined;
    let seen = '';
    const running = runGm(['logs', box.name, '--tail', '2', '--follow'], {
      home: box.home,
      env: { AWS_ACCESS_KEY_ID: box.accessKeyId, AWS_SECRET_ACCESS_KEY: 'testing' },
      timeoutMs: 60_000,
      onSpawn: (spawned) => {
        child = spawned;
        spawned.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString('utf8')));
      },
    });
    const waitFor = async (text: string): Promise<void> => {
      for (let i = 0; i < 200 && !seen.includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(seen).toContain(text);
    };
    const lastTwo = `${log.trimEnd().split('\n').slice(-2).join('\n')}\n`;
    await waitFor(lastTwo);
    const appended = 'appended line one ✓\nappended line two 日本\n';
    await box.control.setCommandOutput({ accessKeyId: box.accessKeyId, commandContains: 'gm-logs', file: log + appended });
    await waitFor(appended);
    child?.kill('SIGINT');
    const run = await running;
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(lastTwo + appended);
    await box.control.setCommandOutput({ accessKeyId: box.accessKeyId, commandContains: 'gm-logs', file: log });
  });

  it('a deployment without an instance exits 3 with a hint', async () => {
    const failed = sandbox();
    await failed.fault({ service: 'ec2', operation: 'RunInstances', errorCode: 'InvalidParameterCombination', count: 1 });
    expect((await failed.gm(['deploy', 'tier1', '--name', failed.name, '--yes', '--json', '--no-wait', '--no-rollback'])).exitCode).toBe(6);
    const run = await failed.gm(['logs', failed.name, '--json']);
    expect(run.exitCode).toBe(3);
    const error = (run.json as Envelope<unknown>).error;
    expect(error?.code).toBe('NO_INSTANCE');
    expect(error?.hint).toContain(`gm resume ${failed.name}`);
    expect((await failed.gm(['destroy', failed.name, '--yes'])).exitCode).toBe(0);
  }, 240_000);

  it('a deployment that does not exist exits 3', async () => {
    const run = await box.gm(['logs', 'no-such-deployment', '--json']);
    expect(run.exitCode).toBe(3);
    expect((run.json as Envelope<unknown>).error?.code).toBe('DEPLOYMENT_NOT_FOUND');
  });
});
