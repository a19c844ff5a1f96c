import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { HEALTH_SERVICES, type HealthService } from '@geusemaker/kit/health';
import { table } from '@geusemaker/kit/io';
import { assertHealthy, deploymentHealth, type HealthResult } from '../services/health.js';

export function healthTable(result: HealthResult): string {
  const rows = result.services.map((s) => [s.service, s.status, `${s.latencyMs} ms`, s.httpStatus === undefined ? '-' : String(s.httpStatus), s.error ?? '', s.hint ?? '']);
  return table(['SERVICE', 'STATUS', 'LATENCY', 'HTTP', 'ERROR', 'HINT'], rows, [2]);
}

export default class Health extends GmCommand<typeof Health, HealthResult> {
  static override summary = "Check every service of a deployment now: n8n, Ollama, Qdrant, Crawl4AI (through the proxy) and PostgreSQL (over SSM).";
  static override description =
    'Probes n8n /healthz, Ollama /api/version, Qdrant /readyz (with its API key) and Crawl4AI /health through the public ' +
    "endpoint and the proxy's basic auth (credentials read from SSM Parameter Store), and pg_isready on the host over SSM Run " +
    'Command, in parallel, each within --timeout with bounded retries. Exits 0 when all are healthy, 1 naming each unhealthy ' +
    'service and why. GM_HEALTH_ENDPOINT (or GM_HEALTH_ENDPOINT_<SERVICE>) overrides the address, e.g. for an SSH tunnel.';
  static override examples = ['<%= config.bin %> health demo', '<%= config.bin %> health demo --service qdrant --timeout 5 --json'];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = {
    timeout: Flags.integer({ description: 'Seconds per service, retries included.', default: 10, min: 1 }),
    service: Flags.option({ options: [...HEALTH_SERVICES], multiple: true, description: 'Only this service (repeatable).' })(),
  };

  protected async execute(): Promise<HealthResult> {
    const services = this.flags.service as HealthService[] | undefined;
    const result = await deploymentHealth({
      name: this.args.name, connection: this.awsConnection, env: process.env, timeoutMs: this.flags.timeout * 1000,
      ...(services === undefined ? {} : { services }),
    });
    if (!result.healthy) this.reporter.info(`${healthTable(result)}\n`);
    assertHealthy(result);
    return result;
  }

  protected override renderText(result: HealthResult): string {
    return `${result.name}: all ${result.services.length} services healthy\n\n${healthTable(result)}`;
  }
}
