import { setTimeout as sleep } from 'node:timers/promises';
import type { AwsContext } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readDeployment } from '@geusemaker/kit/deployment';
import { awsErrorName, ExitCode, GmError } from '@geusemaker/kit/errors';
import { runOnInstance } from '@geusemaker/kit/health';
import type { StateStore } from '@geusemaker/kit/state';
import { LOG_CHUNK_BYTES, parseSize, rangeScript, sizeScript, type LogSource } from './logs-scripts.js';
import { openAws } from './session.js';

export { LOG_SOURCES, type LogSource } from './logs-scripts.js';

export interface LogsResult {
  service: LogSource;
  /** Bytes read (before --follow). */
  bytes: number;
  lines: number;
  /** The log as UTF-8 text. */
  content: string;
}

export interface LogsOptions {
  name: string;
  service: LogSource;
  /** Only the last N lines. */
  tail?: number;
  /** Keep polling for new bytes every `followIntervalMs` until `signal` aborts. Needs `write`. */
  follow?: boolean;
  followIntervalMs?: number;
  connection: AwsConnectionOptions;
  /** Where raw bytes go as soon as they are read (text mode); nothing is streamed when omitted. */
  write?: (bytes: Buffer) => void;
  /** A note for the user (stderr), e.g. that the log was truncated while following. */
  notice?: (message: string) => void;
  signal?: AbortSignal;
}

const NO_INSTANCE_STATUSES = new Set(['destroyed', 'rolled-back']);
const FOLLOW_INTERVAL_MS = 2000;

/** Reads one log file on the instance through Run Command, by size and byte ranges. */
class InstanceLog {
  constructor(
    private readonly aws: AwsContext,
    private readonly instanceId: string,
    private readonly source: LogSource,
  ) {}

  /** The file's size in bytes (a compose service's log is snapshotted to a file first). */
  async size(): Promise<number> {
    const size = parseSize(await this.run(sizeScript(this.source)));
    if (size !== undefined) return size;
    throw new GmError({
      code: 'LOG_NOT_FOUND',
      message: `There is no ${this.source} log on ${this.instanceId} yet.`,
      hint: 'The instance may still be booting: wait a minute and run the command again.',
    });
  }

  /** Bytes [offset, offset+length); fewer when the file is shorter than that now. */
  async range(offset: number, length: number): Promise<Buffer> {
    return Buffer.from((await this.run(rangeScript(this.source, offset, length))).trim(), 'base64');
  }

  private async run(script: string): Promise<string> {
    try {
      const run = await runOnInstance(this.aws, this.instanceId, script, { pollDelaysMs: [200, 300, 500, 1000], maxPolls: 90, timeoutSeconds: 90 });
      if (run.kind === 'unfinished') {
        throw new GmError({
          code: 'LOGS_COMMAND_TIMEOUT',
          message: `Reading the ${this.source} log on ${this.instanceId} did not finish (Run Command status ${run.status}).`,
          hint: 'Check the instance is running and not overloaded (gm health), then try again.',
        });
      }
      if (run.status !== 'Success') {
        throw new GmError({
          code: 'LOGS_COMMAND_FAILED',
          message: `Reading the ${this.source} log on ${this.instanceId} failed (${run.status}, exit ${run.responseCode}): ${run.stderr.trim() || '(no stderr)'}`,
          hint: this.source === 'userdata' ? undefined : 'Is the stack up? `gm logs NAME --service userdata` shows how the boot went.',
        });
      }
      return run.stdout;
    } catch (error) {
      if (awsErrorName(error) === 'InvalidInstanceId') {
        throw new GmError({
          code: 'SSM_NOT_REGISTERED',
          message: `Instance ${this.instanceId} is not registered with SSM (InvalidInstanceId).`,
          hint: 'The SSM agent registers a minute or two after boot: wait and retry. If it never does, check that the instance is running, its role still has the inline policy gm gave it (statement SsmAgent), and it can reach the SSM endpoints.',
          cause: error,
        });
      }
      throw error;
    }
  }
}

function countLines(bytes: Buffer): number {
  let lines = 0;
  for (const byte of bytes) if (byte === 0x0a) lines++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a ? lines + 1 : lines;
}

/** Reads [0, size) in order, chunk by chunk, streaming each chunk as it arrives. Stops early if the file shrank. */
async function readWhole(log: InstanceLog, from: number, size: number, write?: (bytes: Buffer) => void): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = from; offset < size; ) {
    const chunk = await log.range(offset, Math.min(LOG_CHUNK_BYTES, size - offset));
    if (chunk.length === 0) break;
    write?.(chunk);
    parts.push(chunk);
    offset += chunk.length;
  }
  return Buffer.concat(parts);
}

/**
 * The last `count` lines of the file (as `tail -n`: a final newline ends the last line), read by chunks backwards
 * from the end until enough line breaks were seen.
 */
async function readTail(log: InstanceLog, size: number, count: number): Promise<Buffer> {
  if (count <= 0) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let newlines = 0;
  for (let end = size; end > 0; ) {
    const from = Math.max(0, end - LOG_CHUNK_BYTES);
    const chunk = await log.range(from, end - from);
    parts.unshift(chunk);
    for (let i = chunk.length - 1; i >= 0; i--) {
      if (chunk[i] !== 0x0a || from + i === size - 1) continue;
      if (++newlines === count) return Buffer.concat(parts).subarray(i + 1);
    }
    end = from;
  }
  return Buffer.concat(parts);
}

/** Prints what is appended to the log until the signal aborts, checking every interval. */
async function follow(log: InstanceLog, from: number, options: LogsOptions): Promise<void> {
  let position = from;
  const interval = options.followIntervalMs ?? FOLLOW_INTERVAL_MS;
  while (options.signal?.aborted !== true) {
    try {
      await sleep(interval, undefined, { signal: options.signal });
    } catch {
      return; // aborted (Ctrl-C): following ends normally
    }
    const size = await log.size();
    if (size < position) {
      options.notice?.(`The ${options.service} log shrank (rotated or recreated); reading it again from the start.`);
      position = 0;
    }
    position += (await readWhole(log, position, size, options.write)).length;
  }
}

/**
 * `gm logs`: one log of a deployment's instance, read through SSM Run Command. SSM keeps at most 24,000 characters
 * of output per invocation, so the log is measured first and then read in base64 chunks of 16,000 bytes by byte
 * range, in order — nothing is cut however long it is.
 */
export async function readLogs(store: StateStore, options: LogsOptions): Promise<LogsResult> {
  const state = await readDeployment(store, options.name);
  const instanceId = state.outputs.instance?.instanceId;
  if (typeof instanceId !== 'string' || NO_INSTANCE_STATUSES.has(state.status)) {
    throw new GmError({
      code: 'NO_INSTANCE',
      message: `Deployment "${options.name}" has no instance (status ${state.status}), so there are no logs to read.`,
      hint: state.status === 'destroyed' || state.status === 'rolled-back' ? `Deploy it again: gm deploy ${state.tier} --name ${options.name}` : `Finish the deployment first: gm resume ${options.name}`,
      exitCode: ExitCode.invalidConfig,
    });
  }
  const aws = await openAws({ ...options.connection, endpointUrl: options.connection.endpointUrl ?? state.endpointUrl }, state.region);
  const log = new InstanceLog(aws, instanceId, options.service);
  const size = await log.size();
  let bytes: Buffer;
  if (options.tail === undefined) bytes = await readWhole(log, 0, size, options.write);
  else {
    bytes = await readTail(log, size, options.tail);
    options.write?.(bytes);
  }
  if (options.follow === true) await follow(log, size, options);
  return { service: options.service, bytes: bytes.length, lines: countLines(bytes), content: bytes.toString('utf8') };
}
