import type { AwsContext } from '../aws/index.js';
import { awsErrorName } from '../errors/index.js';
import { sleep } from '../resources/compute/common.js';

/** What one Run Command invocation reported. `unfinished`: still running when gm stopped polling. */
export type RunResult =
  | { kind: 'finished'; status: string; responseCode: number; stdout: string; stderr: string }
  | { kind: 'unfinished'; status: string };

export interface RunOptions {
  /** SSM's own limit for the script; default 60 s. */
  timeoutSeconds?: number;
  /** Delay before each poll; the last one repeats. Default 500 ms, then 1 s. */
  pollDelaysMs?: readonly number[];
  /** Polls before giving up (`unfinished`); default 30. */
  maxPolls?: number;
}

const RUNNING = new Set(['Pending', 'InProgress', 'Delayed']);

/**
 * Runs one shell script on an instance through SSM Run Command (AWS-RunShellScript) and waits for it: the one runner
 * for readiness, logs, validation and health (plugins never import each other, so it lives in kit). SSM keeps at most
 * 24,000 characters of stdout per invocation: callers that may print more must split the work. AWS errors are thrown
 * as they are (InvalidInstanceId while the SSM agent has not registered yet).
 */
export async function runOnInstance(aws: AwsContext, instanceId: string, script: string, options: RunOptions = {}): Promise<RunResult> {
  const delays = options.pollDelaysMs ?? [500, 1000];
  const sent = await aws.ssm.sendCommand({
    InstanceIds: [instanceId],
    DocumentName: 'AWS-RunShellScript',
    Parameters: { commands: [script] },
    TimeoutSeconds: options.timeoutSeconds ?? 60,
  });
  const commandId = sent.Command?.CommandId ?? '';
  let status = 'Pending';
  for (let poll = 0; poll < (options.maxPolls ?? 30); poll++) {
    await sleep(delays[Math.min(poll, delays.length - 1)] ?? 1000);
    try {
      const invocation = await aws.ssm.getCommandInvocation({ CommandId: commandId, InstanceId: instanceId });
      status = invocation.Status ?? 'Pending';
      if (!RUNNING.has(status)) {
        return {
          kind: 'finished', status, responseCode: invocation.ResponseCode ?? -1,
          stdout: invocation.StandardOutputContent ?? '', stderr: invocation.StandardErrorContent ?? '',
        };
      }
    } catch (error) {
      // Right after SendCommand the invocation may not be visible yet.
      if (awsErrorName(error) !== 'InvocationDoesNotExist') throw error;
    }
  }
  return { kind: 'unfinished', status };
}
