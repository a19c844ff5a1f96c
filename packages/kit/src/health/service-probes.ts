import type { ServiceName } from '../spec/index.js';
import { PROXY_USERNAME, STACK_SERVICES } from '../stack/index.js';

/** The services `gm health` checks (the proxy is checked through them). */
export const HEALTH_SERVICES = ['n8n', 'ollama', 'qdrant', 'crawl4ai', 'postgres'] as const;
export type HealthService = (typeof HEALTH_SERVICES)[number];
export type HttpHealthService = Exclude<HealthService, 'postgres'>;

/** The deployment's secrets a probe presents (read from SSM Parameter Store, never stored). */
export interface HealthSecrets {
  proxyPassword?: string;
  qdrantApiKey?: string;
}

/** Where each service answers behind the proxy (the Caddyfile's handle_path prefixes; `/` is n8n). */
const PROXY_PREFIX: Readonly<Record<HttpHealthService, string>> = { n8n: '', ollama: '/ollama', qdrant: '/qdrant', crawl4ai: '/crawl4ai' };

/**
 * The base URL of a service: `GM_HEALTH_ENDPOINT_<SERVICE>` (e.g. GM_HEALTH_ENDPOINT_QDRANT), else
 * `GM_HEALTH_ENDPOINT`, else the deployment's public URL from state. The overrides point gm at a tunnel, a load
 * balancer's name, or (in tests) local fakes.
 */
export function serviceBaseUrl(service: HttpHealthService, publicUrl: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return env[`GM_HEALTH_ENDPOINT_${service.toUpperCase()}`] ?? env.GM_HEALTH_ENDPOINT ?? publicUrl;
}

export function probeUrl(service: HttpHealthService, baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${PROXY_PREFIX[service]}${STACK_SERVICES[service as ServiceName].health.path ?? '/'}`;
}

/**
 * Headers for one probe. The proxy asks basic auth for /ollama/, /qdrant/ and /crawl4ai/ and itself presents Crawl4AI's
 * bearer token upstream (both would need the Authorization header); Qdrant's api-key is sent too, which the proxy
 * overwrites with the same value — so a direct tunnel to Qdrant is checked with its key as well.
 */
export function probeHeaders(service: HttpHealthService, secrets: HealthSecrets): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'geusemaker-health' };
  if (service !== 'n8n' && secrets.proxyPassword !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${PROXY_USERNAME}:${secrets.proxyPassword}`).toString('base64')}`;
  }
  if (service === 'qdrant' && secrets.qdrantApiKey !== undefined) headers['api-key'] = secrets.qdrantApiKey;
  return headers;
}
