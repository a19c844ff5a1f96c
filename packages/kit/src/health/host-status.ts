import type { AwsContext } from '../aws/index.js';
import { COMPOSE_COMMAND, INSTANCE_PATHS } from '../stack/index.js';
import { parseComposePs, parseSections, type ContainerState } from './host-script.js';
import { runOnInstance } from './run-command.js';

const IMDS = 'http://169.254.169.254/latest';

/**
 * What `gm status` and `gm monitor` read on the host in one Run Command: containers, the spot interruption notice
 * (IMDSv2 `spot/instance-action`: absent until AWS schedules a stop or termination), memory, disks, GPU when present.
 */
export const STATUS_SCRIPT = [
  '# geusemaker-status',
  "echo '@@containers'",
  `${COMPOSE_COMMAND} ps -a --format json 2>/dev/null`,
  "echo '@@spot'",
  `token=$(curl -s -m 2 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' ${IMDS}/api/token); ` +
    `curl -s -f -m 2 -H "X-aws-ec2-metadata-token: $token" ${IMDS}/meta-data/spot/instance-action || echo none`,
  "echo '@@memory'",
  "free -m | awk '/^Mem:/ {print $2, $3}'",
  "echo '@@disk'",
  `df -P / ${INSTANCE_PATHS.efsMountPoint} 2>/dev/null | awk 'NR>1 {print $6, $5}'`,
  "echo '@@gpu'",
  'nvidia-smi --query-gpu=utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits 2>/dev/null || echo none',
].join('\n');

export interface HostStatus {
  answered: boolean;
  containers: ContainerState[];
  /** `none`, or AWS's notice (e.g. `{"action":"terminate","time":"…"}`). */
  spotInterruption: string;
  memory?: { totalMiB: number; usedMiB: number; percent: number };
  disks: { mount: string; percent: number }[];
  gpu?: { percent: number; memoryUsedMiB: number; memoryTotalMiB: number };
}

function numbers(line: string | undefined): number[] {
  return (line ?? '').split(/[\s,%]+/).filter(Boolean).map(Number);
}

/** Pure: the status script's stdout → HostStatus. */
export function parseHostStatus(stdout: string): HostStatus {
  const sections = parseSections(stdout);
  const [total, used] = numbers(sections.get('memory')?.[0]);
  const gpuLine = sections.get('gpu')?.[0];
  const [gpuPercent, gpuUsed, gpuTotal] = gpuLine === undefined || gpuLine === 'none' ? [] : numbers(gpuLine);
  return {
    answered: sections.has('containers'),
    containers: parseComposePs(sections.get('containers') ?? []),
    spotInterruption: sections.get('spot')?.[0] ?? 'unknown',
    ...(total === undefined || used === undefined || total === 0 ? {} : { memory: { totalMiB: total, usedMiB: used, percent: Math.round((used / total) * 100) } }),
    disks: (sections.get('disk') ?? []).map((line) => line.split(/\s+/)).map(([mount, percent]) => ({ mount: mount ?? '?', percent: Number((percent ?? '').replace('%', '')) })),
    ...(gpuPercent === undefined ? {} : { gpu: { percent: gpuPercent, memoryUsedMiB: gpuUsed ?? 0, memoryTotalMiB: gpuTotal ?? 0 } }),
  };
}

export async function readHostStatus(aws: AwsContext, instanceId: string): Promise<HostStatus> {
  const run = await runOnInstance(aws, instanceId, STATUS_SCRIPT, { timeoutSeconds: 30, maxPolls: 20 });
  return parseHostStatus(run.kind === 'finished' ? run.stdout : '');
}

/** Average CPUUtilization over the last 10 minutes from CloudWatch; undefined when CloudWatch has no datapoint yet. */
export async function cpuUtilization(aws: AwsContext, instanceId: string, now: Date = new Date()): Promise<number | undefined> {
  const points = await aws.cloudwatch.getMetricStatistics({
    Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
    StartTime: new Date(now.getTime() - 10 * 60_000), EndTime: now, Period: 300, Statistics: ['Average'],
  });
  const latest = points.filter((p) => p.Timestamp !== undefined && p.Average !== undefined).sort((a, b) => (b.Timestamp?.getTime() ?? 0) - (a.Timestamp?.getTime() ?? 0))[0];
  return latest?.Average === undefined ? undefined : Math.round(latest.Average);
}

/** Alert thresholds (percent). */
export const THRESHOLDS = { cpu: 90, memory: 90, disk: 85, gpu: 95 } as const;

/** Utilization above its threshold, in words (empty when all is well). */
export function utilizationAlerts(host: HostStatus, cpuPercent: number | undefined): string[] {
  const alerts: string[] = [];
  if (cpuPercent !== undefined && cpuPercent >= THRESHOLDS.cpu) alerts.push(`CPU at ${cpuPercent}% (threshold ${THRESHOLDS.cpu}%)`);
  if (host.memory !== undefined && host.memory.percent >= THRESHOLDS.memory) alerts.push(`memory at ${host.memory.percent}% (threshold ${THRESHOLDS.memory}%)`);
  for (const disk of host.disks.filter((d) => d.percent >= THRESHOLDS.disk)) alerts.push(`disk ${disk.mount} at ${disk.percent}% (threshold ${THRESHOLDS.disk}%)`);
  if (host.gpu !== undefined && host.gpu.percent >= THRESHOLDS.gpu) alerts.push(`GPU at ${host.gpu.percent}% (threshold ${THRESHOLDS.gpu}%)`);
  if (host.spotInterruption !== 'none' && host.spotInterruption !== 'unknown') alerts.push(`spot interruption notice: ${host.spotInterruption}`);
  return alerts;
}

/** One utilization condition for `gm monitor`: its state changes raise alerts like a service's. */
export interface Condition {
  status: 'ok' | 'alert' | 'unknown';
  detail: string;
}

function level(percent: number | undefined, threshold: number, what: string): Condition {
  if (percent === undefined) return { status: 'unknown', detail: `${what} no data` };
  return { status: percent >= threshold ? 'alert' : 'ok', detail: `${what} ${percent}%` };
}

/** CPU, memory, the fullest disk, GPU and the spot notice as conditions (GPU only when the host has one). */
export function utilizationConditions(host: HostStatus, cpuPercent: number | undefined): Record<string, Condition> {
  const fullest = [...host.disks].sort((a, b) => b.percent - a.percent)[0];
  const spot = host.spotInterruption;
  return {
    cpu: level(cpuPercent, THRESHOLDS.cpu, 'CPU'),
    memory: level(host.memory?.percent, THRESHOLDS.memory, 'memory'),
    disk: level(fullest?.percent, THRESHOLDS.disk, `disk ${fullest?.mount ?? ''}`.trim()),
    ...(host.gpu === undefined ? {} : { gpu: level(host.gpu.percent, THRESHOLDS.gpu, 'GPU') }),
    spot: spot === 'unknown' ? { status: 'unknown', detail: 'spot notice unknown' } : { status: spot === 'none' ? 'ok' : 'alert', detail: spot === 'none' ? 'no spot notice' : `spot notice ${spot}` },
  };
}
