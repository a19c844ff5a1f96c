import type { AwsContext } from '@geusemaker/kit/aws';
import { awsErrorName, GmError } from '@geusemaker/kit/errors';
import { HOST_CHECKS, newPhaseLines, runOnInstance } from '@geusemaker/kit/health';
import { INSTANCE_PATHS } from '@geusemaker/kit/stack';

export type Readiness =
  | { kind: 'ready'; phases: Record<string, string>; logTail: string[]; hostOutput: string }
  | { kind: 'failed'; phase: string; detail: string; logTail: string[] }
  | { kind: 'timed-out'; lastSeen: string; logTail: string[] };

/**
 * The probe run on the instance through SSM Run Command: marker files first, then the proxy's health endpoint. Once
 * the stack is up it also runs kit's host checks (GM_HOST … GM_LOG), so the deploy's validation needs no second command.
 */
export const READINESS_SCRIPT = [
  '# geusemaker-readiness',
  'set -u',
  `if [ -f ${INSTANCE_PATHS.failureMarker} ]; then echo GM_FAILED; cat ${INSTANCE_PATHS.failureMarker}; echo GM_LOG; tail -n 40 ${INSTANCE_PATHS.userDataLog}; exit 0; fi`,
  `if [ -f ${INSTANCE_PATHS.completionMarker} ]; then`,
  `echo GM_COMPLETE; cat ${INSTANCE_PATHS.completionMarker}; echo`,
  `echo "GM_HEALTH $(curl -sk -o /dev/null -w '%{http_code}' https://127.0.0.1/gm-health)"`,
  'echo GM_HOST',
  ...HOST_CHECKS,
  `echo GM_LOG; tail -n 10 ${INSTANCE_PATHS.userDataLog}; exit 0`,
  'fi',
  `echo GM_PENDING; ls ${INSTANCE_PATHS.stateDir}/phases 2>/dev/null | tr '\\n' ' '; echo; echo GM_LOG; tail -n 40 ${INSTANCE_PATHS.userDataLog} 2>/dev/null`,
].join('\n');

type ProbeAnswer = Readiness | { kind: 'pending'; seen: string; logTail: string[]; phases?: string[] };

function afterMarker(lines: string[], marker: string): string[] {
  const at = lines.indexOf(marker);
  return at < 0 ? [] : lines.slice(at + 1);
}

function between(lines: string[], start: string, end: string): string[] {
  const after = afterMarker(lines, start);
  const stop = after.indexOf(end);
  return stop < 0 ? after : after.slice(0, stop);
}

/** Reads what the probe printed. Pure. */
export function parseProbe(stdout: string): ProbeAnswer {
  const lines = stdout.split('\n').map((line) => line.trimEnd());
  const logTail = afterMarker(lines, 'GM_LOG').filter(Boolean);
  if (lines[0] === 'GM_FAILED') {
    const failure = JSON.parse(lines[1] ?? '{}') as { phase?: string; exitCode?: number };
    return { kind: 'failed', phase: failure.phase ?? 'unknown', detail: `UserData failed in phase ${failure.phase ?? '?'} (exit ${failure.exitCode ?? '?'})`, logTail };
  }
  if (lines[0] === 'GM_COMPLETE') {
    const marker = JSON.parse(lines[1] ?? '{}') as { phases?: Record<string, string> };
    const health = /^GM_HEALTH (\d+)/.exec(lines.find((line) => line.startsWith('GM_HEALTH')) ?? '')?.[1];
    if (health === '200') return { kind: 'ready', phases: marker.phases ?? {}, logTail, hostOutput: between(lines, 'GM_HOST', 'GM_LOG').join('\n') };
    return { kind: 'pending', seen: `stack started, proxy health answered ${health ?? 'nothing'}`, logTail };
  }
  if (lines[0] !== 'GM_PENDING') return { kind: 'pending', seen: 'no answer yet', logTail };
  return { kind: 'pending', seen: `phases done: ${lines[1]?.trim() || 'none yet'}`, logTail, phases: (lines[1] ?? '').split(/\s+/).filter(Boolean) };
}

async function runProbe(aws: AwsContext, instanceId: string): Promise<ProbeAnswer> {
  try {
    const run = await runOnInstance(aws, instanceId, READINESS_SCRIPT);
    if (run.kind === 'finished' && run.status === 'Success') return parseProbe(run.stdout);
    return { kind: 'pending', seen: 'the probe did not finish', logTail: [] };
  } catch (error) {
    // The SSM agent registers a minute or so after boot: until then Run Command rejects the instance.
    const name = awsErrorName(error) ?? '';
    if (name === 'InvalidInstanceId' || name === 'InvocationDoesNotExist') return { kind: 'pending', seen: 'SSM agent not registered yet', logTail: [] };
    throw error;
  }
}

/** What one probe answer adds to the progress: newly finished phases, and once ready the log's last lines. */
function progressLines(answer: ProbeAnswer, last: ProbeAnswer, shown: Set<string>): string[] {
  if (answer.kind === 'ready') {
    const tail = answer.logTail.length === 0 ? [] : [`last lines of ${INSTANCE_PATHS.userDataLog}:\n${answer.logTail.map((line) => `    ${line}`).join('\n')}`];
    return [...newPhaseLines(shown, Object.keys(answer.phases), answer.phases), ...tail];
  }
  if (answer.kind !== 'pending') return [];
  if (answer.phases !== undefined && answer.phases.length > 0) return newPhaseLines(shown, answer.phases);
  return last.kind !== 'pending' || answer.seen !== last.seen ? [answer.seen] : [];
}

/**
 * Waits until the instance's UserData wrote its completion marker and the proxy answers, polling over SSM every few
 * seconds, reporting each new phase. Gives up after `timeoutSeconds`.
 */
export async function waitForReadiness(
  aws: AwsContext,
  instanceId: string,
  options: { timeoutSeconds: number; intervalSeconds: number; progress: (line: string) => void; signal?: AbortSignal },
): Promise<Readiness> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let last: ProbeAnswer = { kind: 'pending', seen: 'not probed yet', logTail: [] };
  // Phases are shown live as UserData finishes them; the rest (and the log's last lines) when the stack is ready.
  const shown = new Set<string>();
  while (Date.now() < deadline) {
    if (options.signal?.aborted === true) throw new GmError({ code: 'INTERRUPTED', message: 'Stopped while waiting for the stack.', exitCode: 130 });
    const answer = await runProbe(aws, instanceId);
    for (const line of progressLines(answer, last, shown)) options.progress(line);
    if (answer.kind !== 'pending') return answer;
    last = answer;
    await new Promise((resolve) => setTimeout(resolve, options.intervalSeconds * 1000));
  }
  return { kind: 'timed-out', lastSeen: last.kind === 'pending' ? last.seen : '', logTail: last.kind === 'pending' ? last.logTail : [] };
}
