import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import type { AwsContext } from '@geusemaker/kit/aws';
import {
  checkServices, cpuUtilization, instanceIdOf, readHostStatus, readInstance, reason, utilizationAlerts, type HostStatus, type ServiceHealth,
} from '@geusemaker/kit/health';
import { withDeployment } from './session.js';

export interface InstanceView {
  id: string;
  state: string;
  type?: string;
  market: 'spot' | 'on-demand';
  availabilityZone?: string;
  publicIp?: string;
  statusChecks: string;
}

export interface StatusResult {
  name: string;
  tier: string;
  region: string;
  deploymentStatus: string;
  instance?: InstanceView;
  host?: HostStatus;
  cpuPercent?: number;
  health: ServiceHealth[];
  alerts: string[];
  /** Parts that could not be read, and why. */
  unavailable: string[];
}

async function instanceView(aws: AwsContext, instanceId: string): Promise<InstanceView> {
  const { instance, statusChecks } = await readInstance(aws, instanceId);
  return {
    id: instanceId, state: instance?.State?.Name ?? 'missing', market: instance?.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
    ...(instance?.InstanceType === undefined ? {} : { type: instance.InstanceType }),
    ...(instance?.Placement?.AvailabilityZone === undefined ? {} : { availabilityZone: instance.Placement.AvailabilityZone }),
    ...(instance?.PublicIpAddress === undefined ? {} : { publicIp: instance.PublicIpAddress }),
    statusChecks,
  };
}

/** Runs a part of the view; a part that fails is listed as unavailable instead of failing the whole status. */
async function part<T>(what: string, unavailable: string[], run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    unavailable.push(`${what}: ${reason(error)}`);
    return undefined;
  }
}

/** `gm status NAME`: instance, spot interruption, containers, utilization and service health in one view. */
export async function deploymentStatus(name: string, connection: AwsConnectionOptions, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<StatusResult> {
  return withDeployment(name, connection, async ({ state, aws }) => {
    const unavailable: string[] = [];
    const instanceId = instanceIdOf(state);
    const [instance, host, cpuPercent, health] = await Promise.all([
      instanceId === undefined ? undefined : part('instance', unavailable, () => instanceView(aws, instanceId)),
      instanceId === undefined ? undefined : part('host (SSM)', unavailable, () => readHostStatus(aws, instanceId)),
      instanceId === undefined ? undefined : part('CPU (CloudWatch)', unavailable, () => cpuUtilization(aws, instanceId)),
      checkServices({ name, publicUrl: state.endpoints?.url, instanceId, aws, env, timeoutMs }),
    ]);
    const down = health.filter((s) => s.status !== 'healthy').map((s) => `${s.service} unhealthy: ${s.error ?? '?'}`);
    return {
      name, tier: state.tier, region: state.region, deploymentStatus: state.status,
      ...(instance === undefined ? {} : { instance }), ...(host === undefined ? {} : { host }), ...(cpuPercent === undefined ? {} : { cpuPercent }),
      health, alerts: [...down, ...(host === undefined ? [] : utilizationAlerts(host, cpuPercent))], unavailable,
    };
  });
}
