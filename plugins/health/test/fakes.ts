import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a fake service behaves: answer 200, answer 500, never answer, or not listen at all (connection refused). */
export type FakeMode = 'ok' | 'error' | 'hang' | 'refuse';

export type FakeService = 'n8n' | 'ollama' | 'qdrant' | 'crawl4ai';

/** The credentials a fake expects: the proxy's basic auth (all but n8n) and Qdrant's api-key. */
export interface FakeSecrets {
  proxyPassword: string;
  qdrantApiKey: string;
}

const PATHS: Readonly<Record<FakeService, string>> = { n8n: '/healthz', ollama: '/ollama/api/version', qdrant: '/qdrant/readyz', crawl4ai: '/crawl4ai/health' };

export interface Fakes {
  /** GM_HEALTH_ENDPOINT_<SERVICE> for each fake. */
  env: Record<string, string>;
  set(service: FakeService, mode: FakeMode): Promise<void>;
  /** Modes for the service's next requests, one per request (the last repeats): flips it without racing gm. */
  sequence(service: FakeService, modes: Exclude<FakeMode, 'refuse'>[]): void;
  /** Requests each fake received (path and headers), for asserting what gm sent. */
  requests: { service: FakeService; path: string; authorization?: string; apiKey?: string }[];
  close(): Promise<void>;
}

function authorized(service: FakeService, request: IncomingMessage, secrets: FakeSecrets): boolean {
  if (service === 'n8n') return true;
  const basic = `Basic ${Buffer.from(`gm:${secrets.proxyPassword}`).toString('base64')}`;
  if (request.headers.authorization !== basic) return false;
  return service !== 'qdrant' || request.headers['api-key'] === secrets.qdrantApiKey;
}

/**
 * Loopback fakes of the four HTTP services as the proxy exposes them (same paths, same auth), one server per service so
 * each can be refused on its own. A refused service closes its server; `set` to another mode listens again on the
 * same port.
 */
export async function startFakes(secrets: FakeSecrets): Promise<Fakes> {
  const modes = new Map<FakeService, FakeMode>();
  const sequences = new Map<FakeService, FakeMode[]>();
  const nextMode = (service: FakeService): FakeMode => {
    const queue = sequences.get(service);
    if (queue === undefined || queue.length === 0) return modes.get(service) ?? 'ok';
    const mode = queue.length === 1 ? (queue[0] ?? 'ok') : (queue.shift() ?? 'ok');
    return mode;
  };
  const servers = new Map<FakeService, Server>();
  const ports = new Map<FakeService, number>();
  const requests: Fakes['requests'] = [];
  const handler = (service: FakeService) => (request: IncomingMessage, response: ServerResponse) => {
    requests.push({ service, path: request.url ?? '', authorization: request.headers.authorization, apiKey: request.headers['api-key'] as string | undefined });
    const mode = nextMode(service);
    if (mode === 'hang') return; // never answers; gm's timeout must end it
    if (request.url !== PATHS[service]) return void response.writeHead(404).end('not found');
    if (!authorized(service, request, secrets)) return void response.writeHead(401).end('unauthorized');
    if (mode === 'error') return void response.writeHead(500).end('internal error');
    response.writeHead(200, { 'content-type': 'application/json' }).end(service === 'ollama' ? '{"version":"0.33.3"}' : '{"status":"ok"}');
  };
  const listen = (service: FakeService): Promise<void> =>
    new Promise((resolve) => {
      const server = createServer(handler(service));
      servers.set(service, server);
      server.listen(ports.get(service) ?? 0, '127.0.0.1', () => {
        ports.set(service, (server.address() as AddressInfo).port);
        resolve();
      });
    });
  const stop = (service: FakeService): Promise<void> =>
    new Promise((resolve) => {
      const server = servers.get(service);
      servers.delete(service);
      if (server === undefined) return resolve();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const all: FakeService[] = ['n8n', 'ollama', 'qdrant', 'crawl4ai'];
  await Promise.all(all.map(listen));
  return {
    env: Object.fromEntries(all.map((s) => [`GM_HEALTH_ENDPOINT_${s.toUpperCase()}`, `http://127.0.0.1:${ports.get(s) ?? 0}`])),
    requests,
    async set(service, mode) {
      modes.set(service, mode);
      if (mode === 'refuse') await stop(service);
      else if (!servers.has(service)) await listen(service);
    },
    sequence(service, list) {
      sequences.set(service, [...list]);
    },
    async close() {
      await Promise.all(all.map(stop));
    },
  };
}
