import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallRecord } from './call-log.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import type { FaultDecision } from './faults.js';
import { FixtureError, fixtureFor } from './fixtures/index.js';
import { forwardToMoto } from './forward.js';
import { describeCall, type AwsCall } from './request-info.js';
import { createProxyState, type ProxyState } from './state.js';
import { errorReply, type HttpReply } from './wire-errors.js';

export interface ProxyServer {
  /** http://127.0.0.1:<port>: the endpoint to give the SDK (AWS_ENDPOINT_URL). */
  readonly url: string;
  readonly state: ProxyState;
  close(): Promise<void>;
}

/** What happened to one call: the reply sent (none when dropped) and who produced it. */
interface Outcome {
  readonly reply: HttpReply | undefined;
  readonly source: CallRecord['source'];
  readonly errorCode: string | undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: HttpReply): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}

function faultOutcome(call: AwsCall, decision: FaultDecision): Outcome {
  if (decision.drop || decision.error === undefined) return { reply: undefined, source: 'fault', errorCode: undefined };
  return { reply: errorReply(call.protocol, call.service, decision.error), source: 'fault', errorCode: decision.error.code };
}

function fixtureOutcome(call: AwsCall, state: ProxyState): Outcome | undefined {
  const fixture = fixtureFor(call);
  if (fixture === undefined) return undefined;
  try {
    return { reply: fixture(call, state.commands), source: 'fixture', errorCode: undefined };
  } catch (error) {
    if (!(error instanceof FixtureError)) throw error;
    return { reply: errorReply(call.protocol, call.service, error.reply), source: 'fixture', errorCode: error.reply.code };
  }
}

/** Fault before the call, else fixture, else moto; an `afterForward` fault lets moto act first, then lies. */
async function answer(call: AwsCall, decision: FaultDecision, req: IncomingMessage, body: Buffer, state: ProxyState): Promise<Outcome> {
  const faulted = decision.drop || decision.error !== undefined;
  if (faulted && !decision.afterForward) return faultOutcome(call, decision);
  const served = fixtureOutcome(call, state) ?? {
    reply: await forwardToMoto(state.motoUrl, req.method ?? 'GET', req.url ?? '/', req.headers, body),
    source: 'moto' as const,
    errorCode: undefined,
  };
  return faulted ? faultOutcome(call, decision) : served;
}

async function handleAwsCall(req: IncomingMessage, res: ServerResponse, body: Buffer, state: ProxyState): Promise<void> {
  const started = Date.now();
  const call = describeCall(req.method ?? 'GET', req.url ?? '/', req.headers, body);
  const decision = state.faults.decide(call);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  if (decision.hold) await state.holds.wait();
  const outcome = await answer(call, decision, req, body, state);
  if (outcome.reply === undefined) req.socket.destroy();
  else send(res, outcome.reply);
  state.calls.add({
    time: new Date(started).toISOString(), service: call.service, region: call.region, accessKeyId: call.accessKeyId, operation: call.operation,
    status: outcome.reply?.status ?? 0, source: outcome.source, faulted: decision.ruleIds.length > 0 && outcome.source === 'fault',
    errorCode: outcome.errorCode, durationMs: Date.now() - started, userAgent: req.headers['user-agent'] ?? '',
  });
}

async function route(req: IncomingMessage, res: ServerResponse, state: ProxyState): Promise<void> {
  const body = await readBody(req);
  const url = req.url ?? '/';
  if (url.startsWith(CONTROL_PREFIX)) return send(res, await handleControl(req.method ?? 'GET', url, body, state));
  // moto's own admin API (reset, seeding data) passes through unlogged.
  if (url.startsWith('/moto-api')) return send(res, await forwardToMoto(state.motoUrl, req.method ?? 'GET', url, req.headers, body));
  return handleAwsCall(req, res, body, state);
}

/** The testkit's front proxy on 127.0.0.1 (a free port unless given): fixtures and faults in front of moto. */
export async function startProxy(options: { motoUrl: string; port?: number }): Promise<ProxyServer> {
  const state = createProxyState(options.motoUrl);
  const server = createServer((req, res) => {
    route(req, res, state).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, { status: 502, headers: { 'content-type': 'text/plain' }, body: `testkit proxy: ${message}` });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: async () => {
      state.holds.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
