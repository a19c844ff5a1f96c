import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import type { Condition, ServiceHealth } from '@geusemaker/kit/health';
import { table } from '@geusemaker/kit/io';
import { monitor, type MonitorResult } from '../services/monitor.js';

type Conditions = Readonly<Record<string, Condition>>;

function roundLine(round: readonly ServiceHealth[], conditions: Conditions, at: string): string {
  const services = round.map((s) => `${s.service}=${s.status}${s.status === 'healthy' ? `(${s.latencyMs}ms)` : `(${s.error ?? '?'})`}`);
  const utilization = Object.entries(conditions).map(([key, c]) => `${key}=${c.status}(${c.detail})`);
  return `${at} ${[...services, ...utilization].join(' ')}`;
}

function roundTable(round: readonly ServiceHealth[], conditions: Conditions, at: string): string {
  const rows = [
    ...round.map((s) => [s.service, s.status, `${s.latencyMs} ms`, s.error ?? '']),
    ...Object.entries(conditions).map(([key, c]) => [key, c.status, '', c.detail]),
  ];
  return `\u001b[2J\u001b[H${at}\n${table(['WATCHING', 'STATE', 'LATENCY', 'DETAIL'], rows)}\n`;
}

export default class Monitor extends GmCommand<typeof Monitor, MonitorResult> {
  static override summary = 'Watch every service of a deployment, alerting on each change of state.';
  static override description =
    'Checks every service (as `gm health`) every --interval seconds, --count times or until Ctrl-C. On a terminal it redraws a ' +
    'table; otherwise it prints one line per round. It also watches CPU (CloudWatch), memory, disk and GPU (on the host over ' +
    'SSM) against thresholds (90, 90, 85, 95%) and the spot interruption notice, unless --no-utilization. Every change of ' +
    'state is an alert on stderr, optionally POSTed ' +
    'as JSON to --webhook and passed to --on-alert (a shell command that reads GM_ALERT_SERVICE, GM_ALERT_FROM, GM_ALERT_TO, ' +
    'GM_ALERT_DETAIL). Rounds and transitions are appended to GM_HOME/monitor/<name>.jsonl; the summary gives uptime per service.';
  static override examples = [
    '<%= config.bin %> monitor demo',
    '<%= config.bin %> monitor demo --interval 30 --webhook https://hooks.example.com/gm',
    '<%= config.bin %> monitor demo --count 10 --on-alert \'notify-send "gm: $GM_ALERT_SERVICE is $GM_ALERT_TO"\'',
  ];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = {
    interval: Flags.integer({ description: 'Seconds between rounds.', default: 30, min: 1 }),
    count: Flags.integer({ description: 'Stop after this many rounds (default: until Ctrl-C).', min: 1 }),
    timeout: Flags.integer({ description: 'Seconds per service probe, retries included.', default: 10, min: 1 }),
    webhook: Flags.string({ description: 'POST each alert as JSON to this URL.' }),
    'on-alert': Flags.string({ description: 'Run this shell command on each alert (GM_ALERT_* variables describe it).' }),
    'no-utilization': Flags.boolean({ description: 'Watch the services only, not CPU, memory, disk, GPU and the spot notice.' }),
  };

  protected async execute(): Promise<MonitorResult> {
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    const tty = process.stdout.isTTY === true && !this.jsonMode;
    try {
      return await monitor({
        name: this.args.name, connection: this.awsConnection, env: process.env, intervalSeconds: this.flags.interval, timeoutMs: this.flags.timeout * 1000,
        ...(this.flags.count === undefined ? {} : { count: this.flags.count }),
        ...(this.flags.webhook === undefined ? {} : { webhook: this.flags.webhook }),
        ...(this.flags['on-alert'] === undefined ? {} : { onAlert: this.flags['on-alert'] }),
        utilization: !this.flags['no-utilization'],
        show: (round, conditions, at) => {
          if (!this.jsonMode) process.stdout.write(tty ? roundTable(round, conditions, at) : `${roundLine(round, conditions, at)}\n`);
        },
        alert: (line) => void process.stderr.write(`${line}\n`),
        signal: controller.signal,
      });
    } finally {
      process.off('SIGINT', stop);
    }
  }

  protected override renderText(result: MonitorResult): string {
    const rows = Object.entries(result.uptime).map(([service, u]) => [service, `${u.percent}%`, `${u.healthy}/${u.checks}`]);
    return [`${result.rounds} rounds, ${result.transitions.length} transitions; events in ${result.eventLog}`, table(['SERVICE', 'UPTIME', 'HEALTHY'], rows, [1, 2])].join('\n');
  }
}
