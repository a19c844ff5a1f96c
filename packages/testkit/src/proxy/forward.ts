import { Agent, request, type IncomingMessage } from 'node:http';
import type { HttpReply } from './wire-errors.js';

/** Kept-alive sockets to moto: a deploy makes dozens of calls, and a new connection per call costs time. */
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

// Hop-by-hop headers describe one connection; the proxy re-frames the body with its own content-length.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function replyHeaders(response: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Sends the request on to moto unchanged (moto ignores signatures) and buffers its answer. */
export function forwardToMoto(motoUrl: string, method: string, path: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<HttpReply> {
  const target = new URL(motoUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { agent, host: target.hostname, port: target.port, method, path, headers: { ...headers, 'content-length': String(body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: replyHeaders(response), body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export function closeMotoSockets(): void {
  agent.destroy();
}
