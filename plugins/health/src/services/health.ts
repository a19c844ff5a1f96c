import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { GmError } from '@geusemaker/kit/errors';
import { checkServices, instanceIdOf, type HealthService, type ServiceHealth } from '@geusemaker/kit/health';
import { withDeployment } from './session.js';

export interface HealthRequest {
  name: string;
  connection: AwsConnectionOptions;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  services?: readonly HealthService[];
}

export interface HealthResult {
  name: string;
  healthy: boolean;
  services: ServiceHealth[];
}

/** Every service of a deployment, probed in parallel through its public endpoint (Postgres over SSM). */
export async function deploymentHealth(request: HealthRequest): Promise<HealthResult> {
  return withDeployment(request.name, request.connection, async ({ state, aws }) => {
    const services = await checkServices({
      name: state.name, publicUrl: state.endpoints?.url, instanceId: instanceIdOf(state), aws, env: request.env, timeoutMs: request.timeoutMs,
      ...(request.services === undefined ? {} : { services: request.services }),
    });
    return { name: state.name, healthy: services.every((s) => s.status === 'healthy'), services };
  });
}

/** Exit 1 naming every unhealthy service and why. */
export function assertHealthy(result: HealthResult): void {
  const down = result.services.filter((s) => s.status !== 'healthy');
  if (down.length === 0) return;
  throw new GmError({
    code: 'UNHEALTHY',
    message: `${down.length} service(s) of ${result.name} unhealthy: ${down.map((s) => `${s.service} (${s.error ?? 'unhealthy'})`).join('; ')}`,
    hint: down[0]?.hint ?? `gm status ${result.name}`,
    details: { services: result.services },
  });
}
