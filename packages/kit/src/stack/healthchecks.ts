import type { ServiceName } from '../spec/types.js';
import { POSTGRES_DB, POSTGRES_USER, STACK_SERVICES } from './versions.js';

/**
 * Compose healthchecks, one per service, using only what each image is known to contain: the Ollama and Qdrant
 * images ship neither curl nor wget, so they speak HTTP/1.0 through bash's /dev/tcp; n8n has node, Crawl4AI has
 * python, Caddy's alpine image has busybox wget. `$$` is compose's escape for a `$` the container's shell expands:
 * the key is read inside the container at probe time, never written into the compose file.
 */

export interface ComposeHealthcheck {
  test: string[];
  interval: string;
  timeout: string;
  retries: number;
  start_period: string;
}

/** bash-only HTTP probe: succeeds when the status line says 200. `extraHeader` is a printf-ready header line. */
function devTcpProbe(port: number, path: string, extraHeader = '', extraArgs = ''): string[] {
  const request = `GET ${path} HTTP/1.0\\r\\n${extraHeader}\\r\\n`;
  const script =
    `exec 3<>/dev/tcp/127.0.0.1/${port} && printf '${request}'${extraArgs} >&3 && ` +
    `read -r status <&3 && [[ $$status == *' 200 '* ]]`;
  return ['CMD', 'bash', '-c', script];
}

function probeCommand(service: ServiceName): string[] {
  const { health } = STACK_SERVICES[service];
  const path = health.path ?? '/';
  switch (service) {
    case 'n8n':
      return ['CMD', 'node', '-e', `fetch('http://127.0.0.1:${health.port}${path}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`];
    case 'postgres':
      return ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', POSTGRES_USER, '-d', POSTGRES_DB];
    case 'ollama':
      return devTcpProbe(health.port, path);
    case 'qdrant':
      return devTcpProbe(health.port, path, 'api-key: %s\\r\\n', ' "$$QDRANT__SERVICE__API_KEY"');
    case 'crawl4ai':
      return [
        'CMD',
        'python',
        '-c',
        'import os, urllib.request as u; ' +
          `u.urlopen(u.Request('http://127.0.0.1:${health.port}${path}', ` +
          "headers={'Authorization': 'Bearer ' + os.environ['CRAWL4AI_API_TOKEN']}), timeout=5)",
      ];
    case 'proxy':
      return ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${health.port}${path}`];
  }
}

/** Seconds a service may take to start before failed probes count (n8n migrates its DB; Crawl4AI starts Chromium). */
const START_PERIOD: Readonly<Record<ServiceName, string>> = {
  n8n: '60s',
  postgres: '20s',
  ollama: '20s',
  qdrant: '20s',
  crawl4ai: '60s',
  proxy: '10s',
};

export function healthcheckFor(service: ServiceName): ComposeHealthcheck {
  return { test: probeCommand(service), interval: '30s', timeout: '10s', retries: 5, start_period: START_PERIOD[service] };
}
