import { Document, isMap, Scalar } from 'yaml';
import { SERVICES } from '../spec/types.js';
import type { ServiceName } from '../spec/types.js';
import { healthcheckFor } from './healthchecks.js';
import { assertValidStackInput, imageFor } from './input.js';
import { INSTANCE_PATHS } from './types.js';
import type { StackInput } from './types.js';
import { POSTGRES_DB, POSTGRES_USER, STACK_SERVICES } from './versions.js';

/**
 * docker-compose.yml for the stack. Only the proxy publishes ports; every other service is reachable on the
 * compose network alone. Secrets appear as `${VAR:?…}` references that `docker compose --env-file
 * /etc/geusemaker/stack.env` resolves on the instance, and each service is given only the variables it needs
 * (rather than one shared env_file) so a compromised Crawl4AI never sees the Postgres password.
 * Key order is fixed by construction, so the output is byte-for-byte deterministic.
 */

const NETWORK = 'stack';

/** A required variable: compose refuses to start (naming it) when the env file lacks it. */
const required = (name: string): string => `\${${name}:?missing from stack.env}`;

/** Port mappings quoted: YAML 1.1 parsers read an unquoted 80:80 as a base-60 number. */
const quoted = (value: string): Scalar => Object.assign(new Scalar(value), { type: Scalar.QUOTE_DOUBLE });

type ServiceDoc = Record<string, unknown>;

/** What differs between services; serviceDoc places each key at its fixed position. */
interface ServiceExtras {
  shm_size?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: Scalar[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: Record<string, unknown>;
}

function dataVolume(input: StackInput, service: ServiceName): string[] {
  const { dataPath } = STACK_SERVICES[service];
  return dataPath === null ? [] : [`${input.efsMountPoint}/${service}:${dataPath}`];
}

/** The keys every service shares, in the order they are printed. */
function serviceDoc(input: StackInput, service: ServiceName, extras: ServiceExtras): ServiceDoc {
  const volumes = [...dataVolume(input, service), ...(extras.volumes ?? [])];
  const published = extras.ports !== undefined;
  const optional = (key: string, value: unknown): ServiceDoc => (value === undefined ? {} : { [key]: value });
  return {
    image: imageFor(input, service),
    restart: 'unless-stopped',
    ...optional('shm_size', extras.shm_size),
    ...optional('environment', extras.environment),
    ...optional('volumes', volumes.length > 0 ? volumes : undefined),
    networks: [NETWORK],
    // Internal services are reachable on the compose network only; the proxy is the one that publishes.
    ...(published ? { ports: extras.ports } : { expose: [String(STACK_SERVICES[service].port)] }),
    ...optional('depends_on', extras.depends_on),
    healthcheck: healthcheckFor(service),
    ...optional('deploy', extras.deploy),
  };
}

function n8nService(input: StackInput): ServiceDoc {
  return serviceDoc(input, 'n8n', {
    environment: {
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: 'postgres',
      DB_POSTGRESDB_PORT: String(STACK_SERVICES.postgres.port),
      DB_POSTGRESDB_DATABASE: POSTGRES_DB,
      DB_POSTGRESDB_USER: POSTGRES_USER,
      DB_POSTGRESDB_PASSWORD: required('POSTGRES_PASSWORD'),
      N8N_ENCRYPTION_KEY: required('N8N_ENCRYPTION_KEY'),
      WEBHOOK_URL: required('GM_PUBLIC_URL'),
      N8N_EDITOR_BASE_URL: required('GM_PUBLIC_URL'),
      N8N_PROXY_HOPS: '1',
      N8N_DIAGNOSTICS_ENABLED: 'false',
    },
    depends_on: { postgres: { condition: 'service_healthy' } },
  });
}

function postgresService(input: StackInput): ServiceDoc {
  return serviceDoc(input, 'postgres', {
    environment: {
      POSTGRES_USER,
      POSTGRES_DB,
      POSTGRES_PASSWORD: required('POSTGRES_PASSWORD'),
      // A subdirectory, so initdb never trips over anything else in the mounted directory.
      PGDATA: `${STACK_SERVICES.postgres.dataPath}/pgdata`,
    },
  });
}

function ollamaService(input: StackInput): ServiceDoc {
  const gpu = { resources: { reservations: { devices: [{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }] } } };
  return serviceDoc(input, 'ollama', input.gpu ? { deploy: gpu } : {});
}

function qdrantService(input: StackInput): ServiceDoc {
  return serviceDoc(input, 'qdrant', {
    environment: { QDRANT__SERVICE__API_KEY: required('QDRANT_API_KEY'), QDRANT__TELEMETRY_DISABLED: 'true' },
  });
}

function crawl4aiService(input: StackInput): ServiceDoc {
  // Chromium needs more shared memory than Docker's 64 MB default.
  return serviceDoc(input, 'crawl4ai', { shm_size: '1gb', environment: { CRAWL4AI_API_TOKEN: required('CRAWL4AI_API_TOKEN') } });
}

function proxyService(input: StackInput): ServiceDoc {
  const internal = input.tlsMode === 'internal';
  const environment: Record<string, string> = {
    PROXY_PASSWORD_HASH: required('PROXY_PASSWORD_HASH'),
    QDRANT_API_KEY: required('QDRANT_API_KEY'),
    CRAWL4AI_API_TOKEN: required('CRAWL4AI_API_TOKEN'),
  };
  if (internal) {
    environment.GM_PUBLIC_IP = required('GM_PUBLIC_IP');
    environment.GM_PUBLIC_HOST = required('GM_PUBLIC_HOST');
  }
  return serviceDoc(input, 'proxy', {
    environment,
    volumes: [`${INSTANCE_PATHS.caddyfile}:/etc/caddy/Caddyfile:ro`],
    // Behind the ALB only :80 exists (the security group admits the ALB alone); otherwise 80 redirects to 443.
    ports: internal ? [quoted('80:80'), quoted('443:443')] : [quoted('80:80')],
  });
}

/** Log rotation, shared by every service through a YAML anchor (Docker's default json-file log never rotates). */
const LOGGING = { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } };

function composeDocument(input: StackInput): Record<string, unknown> {
  return {
    'x-logging': LOGGING,
    services: {
      n8n: n8nService(input),
      postgres: postgresService(input),
      ollama: ollamaService(input),
      qdrant: qdrantService(input),
      crawl4ai: crawl4aiService(input),
      proxy: proxyService(input),
    },
    networks: { [NETWORK]: { driver: 'bridge' } },
  };
}

/** Anchors x-logging and points every service's `logging` at it. */
function shareLogging(doc: Document): void {
  const logging = doc.get('x-logging', true);
  if (!isMap(logging)) throw new Error('compose document lacks x-logging');
  logging.anchor = 'logging';
  for (const service of SERVICES) doc.setIn(['services', service, 'logging'], doc.createAlias(logging));
}

export function renderCompose(input: StackInput): string {
  assertValidStackInput(input);
  const doc = new Document(composeDocument(input));
  shareLogging(doc);
  doc.commentBefore =
    ` docker-compose.yml of GeuseMaker deployment "${input.name}" (${input.tier}). Generated by gm; do not edit.\n` +
    ` Secrets are \${VAR} references resolved from ${INSTANCE_PATHS.envFile} (0600) at boot; none is stored here.`;
  return doc.toString({ lineWidth: 0 });
}
