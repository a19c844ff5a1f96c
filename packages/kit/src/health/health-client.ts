import type { AwsContext } from '../aws/index.js';
import { readStackSecrets } from '../resources/compute/ssm-secrets.js';
import { sleep } from '../resources/compute/common.js';
import { COMPOSE_COMMAND, POSTGRES_DB, POSTGRES_USER, secretsParameterName, ssmPrefixFor } from '../stack/index.js';
import { reason } from './checks.js';
import { httpGet, type HttpOutcome } from './http-get.js';
import { runOnInstance } from './run-command.js';
import { HEALTH_SERVICES, probeHeaders, probeUrl, serviceBaseUrl, type HealthSecrets, type HealthService, type HttpHealthService } from './service-probes.js';

export interface ServiceHealth {
  service: HealthService;
  status: 'healthy' | 'unhealthy';
  latencyMs: number;
  /** The HTTP status of the last attempt (HTTP services). */
  httpStatus?: number;
  /** Why it is unhealthy, in words. */
  error?: string;
  /** What to do about it. */
  hint?: string;
  attempts: number;
  /** What was probed: the URL, or `ssm:<instance>` for Postgres. */
  target: string;
  checkedAt: string;
}

export interface HealthOptions {
  name: string;
  /** The deployment's public URL (state.endpoints.url). */
  publicUrl: string | undefined;
  /** For pg_isready over SSM; Postgres is reported unhealthy without it. */
  instanceId: string | undefined;
  aws: AwsContext;
  env: NodeJS.ProcessEnv;
  /** Time budget per service, all attempts included. Default 10 s. */
  timeoutMs?: number;
  /** Attempts per service (bounded retries with back-off). Default 3. */
  attempts?: number;
  /** Only these services (default all). */
  services?: readonly HealthService[];
}

const BACKOFF_MS = 250;

/** Reads the proxy password and Qdrant key from the deployment's secrets parameter (decrypted, in memory only). */
export async function readHealthSecrets(aws: AwsContext, name: string): Promise<HealthSecrets> {
  const stored = await readStackSecrets(aws, name);
  const secrets: HealthSecrets = {};
  const proxyPassword = stored['proxy-password'];
  const qdrantApiKey = stored['qdrant-api-key'];
  if (proxyPassword !== undefined) secrets.proxyPassword = proxyPassword;
  if (qdrantApiKey !== undefined) secrets.qdrantApiKey = qdrantApiKey;
  return secrets;
}

/** Whether another attempt could help: network trouble and 5xx/429 may pass; a 4xx answer will not change. */
function retryable(outcome: HttpOutcome): boolean {
  return outcome.kind === 'error' || outcome.status >= 500 || outcome.status === 429;
}

export function explain(service: HealthService, name: string, outcome: HttpOutcome): { error: string; hint: string } {
  const logs = `gm logs ${name} --service ${service}`;
  if (outcome.kind === 'error') {
    if (outcome.code === 'ECONNREFUSED') return { error: 'connection refused', hint: `Nothing listens there: is the instance up (gm status ${name})? Is the proxy running (gm logs ${name} --service proxy)?` };
    if (outcome.code === 'ETIMEDOUT') return { error: `timed out (${outcome.message})`, hint: `Check the security group and --allowed-cidr admit you, and whether ${service} hangs (${logs}).` };
    return { error: `${outcome.code}: ${outcome.message}`, hint: `Check the address and your network; then ${logs}.` };
  }
  if (outcome.status === 401 || outcome.status === 403) {
    return { error: `authentication rejected (HTTP ${outcome.status})`, hint: `The credential in SSM (${secretsParameterName(ssmPrefixFor(name))}) does not match the one ${service} or the proxy uses; see gm info ${name} --show-secrets.` };
  }
  if (outcome.status === 502 || outcome.status === 503 || outcome.status === 504) return { error: `HTTP ${outcome.status} (not reachable behind the proxy)`, hint: `The proxy cannot reach ${service}: ${logs}.` };
  return { error: `HTTP ${outcome.status}`, hint: `${service} answered with an error: ${logs}.` };
}

async function checkHttp(service: HttpHealthService, options: HealthOptions, secrets: HealthSecrets): Promise<ServiceHealth> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 10_000);
  const base = serviceBaseUrl(service, options.publicUrl, options.env);
  const checkedAt = (): string => new Date().toISOString();
  if (base === undefined) {
    return { service, status: 'unhealthy', latencyMs: 0, error: 'no endpoint in state', hint: `The deployment has no public URL yet: gm status ${options.name}.`, attempts: 0, target: '-', checkedAt: checkedAt() };
  }
  const url = probeUrl(service, base);
  const maxAttempts = Math.max(1, options.attempts ?? 3);
  let outcome: HttpOutcome = { kind: 'error', code: 'ETIMEDOUT', message: 'not tried' };
  let attempts = 0;
  while (attempts < maxAttempts && Date.now() < deadline) {
    if (attempts > 0) await sleep(Math.min(BACKOFF_MS * 2 ** (attempts - 1), Math.max(0, deadline - Date.now())));
    const attemptStarted = Date.now();
    outcome = await httpGet(url, probeHeaders(service, secrets), Math.max(1, deadline - attemptStarted));
    attempts++;
    if (outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300) {
      return { service, status: 'healthy', latencyMs: Date.now() - attemptStarted, httpStatus: outcome.status, attempts, target: url, checkedAt: checkedAt() };
    }
    if (!retryable(outcome)) break;
  }
  const why = explain(service, options.name, outcome);
  return {
    service, status: 'unhealthy', latencyMs: Date.now() - started, ...(outcome.kind === 'answered' ? { httpStatus: outcome.status } : {}),
    error: why.error, hint: why.hint, attempts, target: url, checkedAt: checkedAt(),
  };
}

/** Postgres has no HTTP endpoint and is not published: `pg_isready` inside its container, over SSM Run Command. */
export const PG_ISREADY_SCRIPT = [
  '# geusemaker-pg-isready',
  `${COMPOSE_COMMAND} exec -T postgres pg_isready -h 127.0.0.1 -U ${POSTGRES_USER} -d ${POSTGRES_DB} 2>&1`,
].join('\n');

async function checkPostgres(options: HealthOptions): Promise<ServiceHealth> {
  const started = Date.now();
  const base = { service: 'postgres' as const, target: `ssm:${options.instanceId ?? '-'}`, attempts: 1 };
  const done = (fields: Partial<ServiceHealth>): ServiceHealth => ({ ...base, status: 'unhealthy', latencyMs: Date.now() - started, checkedAt: new Date().toISOString(), ...fields });
  if (options.instanceId === undefined) return done({ attempts: 0, error: 'no instance in state', hint: `gm status ${options.name}` });
  const polls = Math.max(2, Math.floor((options.timeoutMs ?? 10_000) / 500));
  try {
    const run = await runOnInstance(options.aws, options.instanceId, PG_ISREADY_SCRIPT, { timeoutSeconds: 30, pollDelaysMs: [300, 500], maxPolls: polls });
    if (run.kind === 'unfinished') return done({ error: `pg_isready did not finish (SSM status ${run.status})`, hint: `Is the SSM agent up? gm status ${options.name}` });
    const said = run.stdout.trim().split('\n').pop() ?? '';
    if (run.status === 'Success' && run.responseCode === 0 && /accepting connections/.test(said)) return done({ status: 'healthy' });
    return done({ error: `pg_isready: ${said || run.stderr.trim() || `exit ${run.responseCode}`}`, hint: `gm logs ${options.name} --service postgres` });
  } catch (error) {
    return done({ error: reason(error), hint: `Run Command failed: check the instance's SSM agent and your ssm:SendCommand permission.` });
  }
}

/** Every service at once (parallel), each within its time budget. */
export async function checkServices(options: HealthOptions): Promise<ServiceHealth[]> {
  const services = options.services ?? HEALTH_SERVICES;
  const needsSecrets = services.some((s) => s !== 'postgres' && s !== 'n8n');
  const secrets = needsSecrets ? await readHealthSecrets(options.aws, options.name) : {};
  return Promise.all(services.map((service) => (service === 'postgres' ? checkPostgres(options) : checkHttp(service, options, secrets))));
}
