import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type HttpOutcome =
  | { kind: 'answered'; status: number; body: string }
  | { kind: 'error'; code: string; message: string };

/** Enough of a health endpoint's body to show (a version, "ok"); the rest is drained unread. */
const BODY_LIMIT = 512;

function readHead(response: IncomingMessage, resolve: (outcome: HttpOutcome) => void): void {
  let body = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    if (body.length < BODY_LIMIT) body += chunk.slice(0, BODY_LIMIT - body.length);
  });
  response.on('end', () => resolve({ kind: 'answered', status: response.statusCode ?? 0, body }));
  response.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code ?? 'ERESPONSE', message: error.message }));
}

/**
 * One GET with a hard deadline (connect + headers + body). Never throws. HTTPS does not verify the certificate: the
 * deployment's proxy serves one from Caddy's own internal CA, which this machine does not trust (tier 1 has no domain).
 * The credentials sent are the deployment's own, to its own address from state.
 */
export function httpGet(url: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, { method: 'GET', headers, rejectUnauthorized: false }, (response) => readHead(response, finish));
    const timer = setTimeout(() => {
      finish({ kind: 'error', code: 'ETIMEDOUT', message: `no answer within ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    let done = false;
    function finish(outcome: HttpOutcome): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(outcome);
    }
    request.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'error', code: error.code ?? 'EREQUEST', message: error.message }));
    request.end();
  });
}
