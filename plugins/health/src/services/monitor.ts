import type { AwsContext } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import {
  checkServices, cpuUtilization, instanceIdOf, readHostStatus, reason, utilizationConditions, type Condition, type ServiceHealth,
} from '@geusemaker/kit/health';
import { appendEvent, eventLogPath, postWebhook, runAlertCommand, type Transition } from './alerts.js';
import { withDeployment } from './session.js';

export interface MonitorOptions {
  name: string;
  connection: AwsConnectionOptions;
  env: NodeJS.ProcessEnv;
  intervalSeconds: number;
  /** Stop after this many checks; unbounded (until Ctrl-C) when undefined. */
  count?: number;
  timeoutMs: number;
  webhook?: string;
  onAlert?: string;
  /** Also watch CPU, memory, disk, GPU and the spot notice (one Run Command and one CloudWatch call per round). */
  utilization: boolean;
  /** Each round's view (a line, or a redrawn table on a TTY). */
  show(round: ServiceHealth[], conditions: Readonly<Record<string, Condition>>, at: string): void;
  /** Alerts and delivery problems (stderr). */
  alert(line: string): void;
  signal?: AbortSignal;
}

export interface Uptime {
  healthy: number;
  checks: number;
  percent: number;
}

export interface MonitorResult {
  name: string;
  rounds: number;
  transitions: Transition[];
  uptime: Record<string, Uptime>;
  eventLog: string;
}

/** One watched thing's state in a round: a service (healthy/unhealthy) or a utilization condition (ok/alert/unknown). */
export interface Observation {
  key: string;
  status: string;
  detail: string;
}

export function observations(round: readonly ServiceHealth[], conditions: Readonly<Record<string, Condition>>): Observation[] {
  return [
    ...round.map((s) => ({ key: s.service, status: s.status, detail: s.error ?? (s.httpStatus === undefined ? 'ok' : `HTTP ${s.httpStatus}`) })),
    ...Object.entries(conditions).map(([key, c]) => ({ key, status: c.status, detail: c.detail })),
  ];
}

/** Everything whose state differs from the previous round (nothing on the first round: it is the baseline). */
export function transitionsBetween(name: string, previous: ReadonlyMap<string, string> | undefined, round: readonly Observation[], at: string): Transition[] {
  if (previous === undefined) return [];
  return round
    .filter((o) => previous.has(o.key) && previous.get(o.key) !== o.status)
    .map((o) => ({ at, deployment: name, service: o.key, from: previous.get(o.key) ?? '?', to: o.status, detail: o.detail }));
}

/** The round's utilization conditions; one `unknown` condition when the host or CloudWatch cannot be read. */
async function readConditions(aws: AwsContext, instanceId: string | undefined): Promise<Record<string, Condition>> {
  if (instanceId === undefined) return {};
  try {
    const [host, cpu] = await Promise.all([readHostStatus(aws, instanceId), cpuUtilization(aws, instanceId).catch(() => undefined)]);
    return host.answered ? utilizationConditions(host, cpu) : { host: { status: 'unknown', detail: 'the host did not answer over SSM' } };
  } catch (error) {
    return { host: { status: 'unknown', detail: reason(error) } };
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

async function deliver(options: MonitorOptions, transition: Transition): Promise<void> {
  options.alert(`ALERT ${transition.at} ${transition.deployment}/${transition.service}: ${transition.from} → ${transition.to} (${transition.detail})`);
  const problems = await Promise.all([
    options.webhook === undefined ? undefined : postWebhook(options.webhook, transition),
    options.onAlert === undefined ? undefined : runAlertCommand(options.onAlert, transition),
  ]);
  for (const problem of problems) if (problem !== undefined) options.alert(`warning: ${problem}`);
}

function tally(uptime: Record<string, Uptime>, round: readonly ServiceHealth[]): void {
  for (const s of round) {
    const u = (uptime[s.service] ??= { healthy: 0, checks: 0, percent: 0 });
    u.checks++;
    if (s.status === 'healthy') u.healthy++;
    u.percent = Math.round((u.healthy / u.checks) * 1000) / 10;
  }
}

/** `gm monitor`: checks every service each interval; alerts on every change of state; logs events under GM_HOME. */
export async function monitor(options: MonitorOptions): Promise<MonitorResult> {
  const eventLog = eventLogPath(options.env, options.name);
  return withDeployment(options.name, options.connection, async ({ state, aws }) => {
    const transitions: Transition[] = [];
    const uptime: Record<string, Uptime> = {};
    let previous: Map<string, string> | undefined;
    let rounds = 0;
    const stopped = (): boolean => options.signal?.aborted === true;
    const instanceId = instanceIdOf(state);
    while (options.count === undefined || rounds < options.count) {
      const started = Date.now();
      const [round, conditions] = await Promise.all([
        checkServices({ name: state.name, publicUrl: state.endpoints?.url, instanceId, aws, env: options.env, timeoutMs: options.timeoutMs }),
        options.utilization ? readConditions(aws, instanceId) : Promise.resolve({}),
      ]);
      const at = new Date().toISOString();
      rounds++;
      tally(uptime, round);
      options.show(round, conditions, at);
      const observed = observations(round, conditions);
      const changed = transitionsBetween(state.name, previous, observed, at);
      await appendEvent(eventLog, { type: 'round', at, deployment: state.name, states: Object.fromEntries(observed.map((o) => [o.key, o.status])) });
      for (const transition of changed) {
        transitions.push(transition);
        await appendEvent(eventLog, { type: 'transition', ...transition });
        await deliver(options, transition);
      }
      previous = new Map(observed.map((o) => [o.key, o.status]));
      if (stopped() || (options.count !== undefined && rounds >= options.count)) break;
      await sleep(Math.max(0, options.intervalSeconds * 1000 - (Date.now() - started)), options.signal);
      if (stopped()) break;
    }
    return { name: state.name, rounds, transitions, uptime, eventLog };
  });
}
