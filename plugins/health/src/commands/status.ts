import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { table } from '@geusemaker/kit/io';
import { deploymentStatus, type StatusResult } from '../services/status.js';

function utilization(result: StatusResult): string {
  const host = result.host;
  const parts = [
    `CPU ${result.cpuPercent === undefined ? 'no data yet' : `${result.cpuPercent}%`}`,
    host?.memory === undefined ? 'memory ?' : `memory ${host.memory.percent}% of ${host.memory.totalMiB} MiB`,
    ...(host?.disks ?? []).map((d) => `disk ${d.mount} ${d.percent}%`),
    ...(host?.gpu === undefined ? [] : [`GPU ${host.gpu.percent}% (${host.gpu.memoryUsedMiB}/${host.gpu.memoryTotalMiB} MiB)`]),
  ];
  return parts.join(', ');
}

export function statusText(result: StatusResult): string {
  const i = result.instance;
  const containers = result.host?.containers ?? [];
  return [
    `${result.name} (${result.tier}, ${result.region}) — ${result.deploymentStatus}`,
    i === undefined ? 'Instance: none' : `Instance: ${i.id} ${i.state}, ${i.type ?? '?'} ${i.market} in ${i.availabilityZone ?? '?'}, ${i.publicIp ?? 'no public IP'}; ${i.statusChecks}`,
    `Spot interruption: ${i?.market === 'spot' ? (result.host?.spotInterruption ?? 'unknown') : 'n/a (on-demand)'}`,
    `Utilization: ${utilization(result)}`,
    '',
    containers.length === 0 ? 'Containers: (no answer from the host)' : table(['CONTAINER', 'STATE', 'HEALTH'], containers.map((c) => [c.service, c.state, c.health || '-'])),
    '',
    table(['SERVICE', 'HEALTH', 'LATENCY', 'DETAIL'], result.health.map((s) => [s.service, s.status, `${s.latencyMs} ms`, s.error ?? (s.httpStatus === undefined ? '' : `HTTP ${s.httpStatus}`)])),
    ...(result.alerts.length === 0 ? [] : ['', 'Alerts:', ...result.alerts.map((a) => `  ! ${a}`)]),
    ...(result.unavailable.length === 0 ? [] : ['', 'Not available:', ...result.unavailable.map((u) => `  - ${u}`)]),
  ].join('\n');
}

export default class Status extends GmCommand<typeof Status, StatusResult> {
  static override summary = 'Show a deployment in one view: instance, spot interruption, containers, utilization and service health.';
  static override description =
    'Reads the instance (state, status checks, market), on the host over SSM the containers, the spot interruption notice, ' +
    'memory, disks and GPU, CPU from CloudWatch, and probes every service like `gm health`. Alerts list unhealthy services and ' +
    'utilization over its threshold (CPU 90%, memory 90%, disk 85%, GPU 95%). Informational: exits 0 whatever it finds.';
  static override examples = ['<%= config.bin %> status demo', '<%= config.bin %> status demo --json'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = { timeout: Flags.integer({ description: 'Seconds per service probe, retries included.', default: 10, min: 1 }) };

  protected async execute(): Promise<StatusResult> {
    return deploymentStatus(this.args.name, this.awsConnection, process.env, this.flags.timeout * 1000);
  }

  protected override renderText(result: StatusResult): string {
    return statusText(result);
  }
}
