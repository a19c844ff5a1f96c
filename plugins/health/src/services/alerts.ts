import { spawn } from 'node:child_process';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { reason } from '@geusemaker/kit/health';
import { resolveGmHome } from '@geusemaker/kit/state';

/** One change of a service's state, as logged, posted and passed to the alert command. */
export interface Transition {
  at: string;
  deployment: string;
  service: string;
  from: string;
  to: string;
  detail: string;
}

/** GM_HOME/monitor/<name>.jsonl: one JSON event per line (ticks and transitions), appended across runs. */
export function eventLogPath(env: NodeJS.ProcessEnv, name: string): string {
  return join(resolveGmHome(env), 'monitor', `${name}.jsonl`);
}

export async function appendEvent(path: string, event: Record<string, unknown>): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await appendFile(path, `${JSON.stringify(event)}\n`, { mode: 0o600 });
}

/** POSTs the transition as JSON; gives up after 5 s. Returns an error message, or undefined when it was delivered. */
export async function postWebhook(url: string, transition: Transition): Promise<string | undefined> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(transition), signal: AbortSignal.timeout(5000) });
    return response.ok ? undefined : `webhook answered HTTP ${response.status}`;
  } catch (error) {
    return `webhook failed: ${reason(error)}`;
  }
}

/**
 * Runs the user's --on-alert command through the shell with the transition in GM_ALERT_* variables (never spliced
 * into the command line, so a service's error text cannot inject shell syntax). Waits at most 10 s.
 */
export function runAlertCommand(command: string, transition: Transition): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, {
      shell: true, stdio: 'ignore',
      env: {
        ...process.env, GM_ALERT_DEPLOYMENT: transition.deployment, GM_ALERT_SERVICE: transition.service, GM_ALERT_FROM: transition.from,
        GM_ALERT_TO: transition.to, GM_ALERT_DETAIL: transition.detail, GM_ALERT_AT: transition.at,
      },
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      resolve('--on-alert command still running after 10 s: stopped');
    }, 10_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(`--on-alert command failed: ${error.message}`);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? undefined : `--on-alert command exited ${code ?? 'by signal'}`);
    });
  });
}
