/** What the validation script prints on a booted host, with chosen containers broken (and their log tails). */
export interface HostShape {
  unhealthy?: Record<string, string[]>;
  efs?: string;
  proxy?: string;
}

const SERVICES = ['n8n', 'postgres', 'ollama', 'qdrant', 'crawl4ai', 'proxy'];

/** The UserData completion marker of a booted host. */
const MARKER = {
  deployment: 'x', status: 'complete', completedAt: '2026-01-01T00:02:41Z',
  phases: { packages: '2026-01-01T00:00:20Z', docker: '2026-01-01T00:00:40Z', 'efs-mount': '2026-01-01T00:00:45Z', secrets: '2026-01-01T00:00:46Z', 'services-up': '2026-01-01T00:02:40Z' },
};

export function hostOutput(shape: HostShape = {}): string {
  const marker = MARKER;
  const containers = SERVICES.map((service) =>
    JSON.stringify({ Name: `geusemaker-${service}-1`, Service: service, State: 'running', Health: shape.unhealthy?.[service] === undefined ? 'healthy' : 'unhealthy', ExitCode: 0 }),
  );
  const logs = Object.entries(shape.unhealthy ?? {}).flatMap(([service, lines]) => [`@@logs ${service}`, ...lines]);
  return ['@@marker', JSON.stringify(marker), '@@efs', shape.efs ?? 'fs-0abc.efs.us-east-1.amazonaws.com:/ nfs4', '@@containers', ...containers, '@@proxy', shape.proxy ?? '200', ...logs, ''].join('\n');
}

export const QDRANT_LOG_TAIL = [
  '2026-01-01T00:02:50Z ERROR qdrant::startup: Failed to load collection "docs": corrupted WAL segment',
  '2026-01-01T00:02:51Z ERROR qdrant: readiness check failed: 0 of 1 shards ready',
];

/** What gm deploy's readiness probe prints on such a host: booted, proxy up, then the host checks (GM_HOST). */
export function readyProbeOutput(shape: HostShape = {}): string {
  return ['GM_COMPLETE', JSON.stringify(MARKER), 'GM_HEALTH 200', 'GM_HOST', hostOutput(shape), 'GM_LOG', '[gm] done', ''].join('\n');
}
