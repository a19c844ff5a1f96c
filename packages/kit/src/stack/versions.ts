import type { ServiceName } from '../spec/types.js';

/**
 * The one table of what runs on the instance: pinned image, the uid that owns the service's EFS directory, the port it
 * listens on inside the compose network, and how its health is checked. `gm update --image` and `spec.images`
 * override the image only; everything else here is a property of the image and changes with it.
 *
 * Versions were current stable releases when pinned (n8n's `stable` line is 2.x; 1.x is maintenance-only).
 * Never `:latest`: a deploy must be reproducible and an update must be a decision.
 */

/** How a health probe authenticates, when the service requires it. */
export type HealthAuth = 'none' | 'qdrant-api-key' | 'bearer-token';

export interface HealthEndpoint {
  /** `http` probes `path` on `port`; `pg_isready` asks Postgres itself (it has no HTTP endpoint). */
  kind: 'http' | 'pg_isready';
  port: number;
  path?: string;
  auth: HealthAuth;
}

export interface ServiceDefinition {
  image: string;
  /**
   * Owner of `/mnt/efs/<service>`; `null` when the service keeps no data. Uids are those the images run as:
   * n8n runs as `node` (1000); alpine Postgres as `postgres` (70); Ollama, Qdrant and Caddy run as root in their
   * official images (Qdrant's `-unprivileged` variant would allow 1000, at the cost of a second image line to track).
   */
  uid: number | null;
  /** Where the service keeps its data inside the container (bind-mounted from `/mnt/efs/<service>`). */
  dataPath: string | null;
  port: number;
  health: HealthEndpoint;
}

export const STACK_SERVICES: Readonly<Record<ServiceName, ServiceDefinition>> = {
  n8n: {
    image: 'n8nio/n8n:2.35.7',
    uid: 1000,
    dataPath: '/home/node/.n8n',
    port: 5678,
    health: { kind: 'http', port: 5678, path: '/healthz', auth: 'none' },
  },
  postgres: {
    image: 'postgres:16.14-alpine',
    uid: 70,
    dataPath: '/var/lib/postgresql/data',
    port: 5432,
    health: { kind: 'pg_isready', port: 5432, auth: 'none' },
  },
  ollama: {
    image: 'ollama/ollama:0.33.3',
    uid: 0,
    dataPath: '/root/.ollama',
    port: 11434,
    health: { kind: 'http', port: 11434, path: '/api/version', auth: 'none' },
  },
  qdrant: {
    image: 'qdrant/qdrant:v1.18.1',
    uid: 0,
    dataPath: '/qdrant/storage',
    port: 6333,
    health: { kind: 'http', port: 6333, path: '/readyz', auth: 'qdrant-api-key' },
  },
  crawl4ai: {
    // 0.9.x: the server refuses to listen beyond loopback without CRAWL4AI_API_TOKEN and requires it on every call
    // except GET /health. Crawl4AI keeps no state worth persisting, so it gets no EFS directory.
    image: 'unclecode/crawl4ai:0.9.3',
    uid: null,
    dataPath: null,
    port: 11235,
    health: { kind: 'http', port: 11235, path: '/health', auth: 'bearer-token' },
  },
  proxy: {
    // Caddy's /data holds its internal CA: on EFS it survives instance replacement, so a trusted root stays trusted.
    image: 'caddy:2.11.4-alpine',
    uid: 0,
    dataPath: '/data',
    port: 443,
    health: { kind: 'http', port: 80, path: '/gm-health', auth: 'none' },
  },
};

/** Amazon Linux 2023 packages Docker but not the compose plugin; UserData installs this release (checksum-verified). */
export const COMPOSE_PLUGIN_VERSION = '5.4.0';

/** The Postgres role and database n8n uses (names, not secrets). */
export const POSTGRES_USER = 'n8n';
export const POSTGRES_DB = 'n8n';

/** The basic-auth user in front of /ollama/, /qdrant/ and /crawl4ai/; its password hash comes from SSM at boot. */
export const PROXY_USERNAME = 'gm';
