import type { CallFilter } from './call-log.js';
import type { FaultSpec } from './faults.js';
import type { CommandOutputFixture } from './fixtures/index.js';
import { resetProxyState, type ProxyState } from './state.js';
import type { HttpReply } from './wire-errors.js';

/** Control requests live under this path on the proxy's own port (no AWS request path can start with it). */
export const CONTROL_PREFIX = '/__testkit/';

type ControlRoute = (state: ProxyState, body: unknown, query: URLSearchParams) => Promise<unknown> | unknown;

const ROUTES: Readonly<Record<string, ControlRoute>> = {
  'GET health': (state) => ({ ok: true, motoUrl: state.motoUrl }),
  'POST faults': (state, body) => ({ ids: ((Array.isArray(body) ? body : [body]) as FaultSpec[]).map((spec) => state.faults.add(spec)) }),
  'GET faults': (state) => state.faults.list(),
  'DELETE faults': (state, _body, query) => (state.faults.clear(query.get('accessKeyId') ?? undefined), {}),
  'GET calls': (state, _body, query) => state.calls.list(callFilter(query)),
  'DELETE calls': (state) => (state.calls.clear(), {}),
  'POST release': (state) => ({ released: state.holds.release() }),
  'POST command-output': (state, body) => (state.commands.setOutput(body as CommandOutputFixture), {}),
  'POST reset': async (state) => (await resetProxyState(state), {}),
};

function callFilter(query: URLSearchParams): CallFilter {
  const filter: CallFilter = {};
  for (const key of ['service', 'operation', 'accessKeyId'] as const) {
    const value = query.get(key);
    if (value !== null) filter[key] = value;
  }
  return filter;
}

function jsonReply(status: number, value: unknown): HttpReply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** Serves `/__testkit/*`: faults, call log, held calls, command output, reset. */
export async function handleControl(method: string, rawUrl: string, body: Buffer, state: ProxyState): Promise<HttpReply> {
  const url = new URL(rawUrl, 'http://proxy.invalid');
  const route = ROUTES[`${method} ${url.pathname.slice(CONTROL_PREFIX.length)}`];
  if (route === undefined) return jsonReply(404, { error: `no control route ${method} ${url.pathname}` });
  try {
    const parsed: unknown = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    return jsonReply(200, (await route(state, parsed, url.searchParams)) ?? {});
  } catch (error) {
    return jsonReply(400, { error: error instanceof Error ? error.message : String(error) });
  }
}
