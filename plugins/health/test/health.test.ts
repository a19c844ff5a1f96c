import { deployForHealth } from './deployed.js';
import { startFakes, type Fakes, type FakeSecrets } from './fakes.js';
import { healthSandbox, type HealthSandbox } from './helpers.js';

interface ServiceJson {
  service: string;
  status: string;
  httpStatus?: number;
  error?: string;
  hint?: string;
  attempts: number;
}
interface HealthEnvelope {
  status: string;
  result?: { healthy: boolean; services: ServiceJson[] };
  error?: { code: string; message: string; services: ServiceJson[] };
}

const PG_OK = { commandContains: 'geusemaker-pg-isready', stdout: '127.0.0.1:5432 - accepting connections\n' };

let box: HealthSandbox;
let fakes: Fakes;
let secrets: FakeSecrets;

beforeAll(async () => {
  box = healthSandbox();
  secrets = await deployForHealth(box);
  expect(secrets.proxyPassword).not.toBe('');
  fakes = await startFakes(secrets);
  await box.commandOutput(PG_OK);
}, 120_000);

afterAll(async () => {
  await fakes.close();
  await box.dispose();
});

async function health(extra: string[] = []): Promise<{ exitCode: number; envelope: HealthEnvelope; ms: number }> {
  const run = await box.gm(['health', box.name, '--json', ...extra], fakes.env);
  return { exitCode: run.exitCode, envelope: run.json as HealthEnvelope, ms: run.ms };
}

function down(envelope: HealthEnvelope, service: string): ServiceJson {
  expect(envelope.error?.code).toBe('UNHEALTHY');
  const unhealthy = (envelope.error?.services ?? []).filter((s) => s.status !== 'healthy');
  expect(unhealthy.map((s) => s.service)).toEqual([service]);
  expect(envelope.error?.message).toContain(service);
  return unhealthy[0] as ServiceJson;
}

describe('gm health', () => {
  it('exits 0 when all five services are healthy, presenting the proxy credentials and Qdrant key from SSM', async () => {
    const { exitCode, envelope } = await health();
    expect(exitCode).toBe(0);
    expect(envelope.result?.healthy).toBe(true);
    expect(envelope.result?.services.map((s) => `${s.service}:${s.status}`).sort()).toEqual(['crawl4ai:healthy', 'n8n:healthy', 'ollama:healthy', 'postgres:healthy', 'qdrant:healthy']);
    const qdrant = fakes.requests.find((r) => r.service === 'qdrant');
    expect(qdrant?.apiKey).toBe(secrets.qdrantApiKey);
    expect(qdrant?.authorization).toBe(`Basic ${Buffer.from(`gm:${secrets.proxyPassword}`).toString('base64')}`);
    expect(fakes.requests.find((r) => r.service === 'n8n')?.authorization).toBeUndefined();
  });

  it('exits 1 naming n8n when its connection is refused', async () => {
    await fakes.set('n8n', 'refuse');
    const { exitCode, envelope } = await health();
    await fakes.set('n8n', 'ok');
    expect(exitCode).toBe(1);
    expect(down(envelope, 'n8n').error).toBe('connection refused');
  });

  it('exits 1 naming Ollama on HTTP 500, after bounded retries', async () => {
    await fakes.set('ollama', 'error');
    const { exitCode, envelope } = await health();
    await fakes.set('ollama', 'ok');
    expect(exitCode).toBe(1);
    const ollama = down(envelope, 'ollama');
    expect(ollama).toMatchObject({ httpStatus: 500, error: 'HTTP 500', attempts: 3 });
    expect(ollama.hint).toMatch(/gm logs .* --service ollama/);
  });

  it('exits 1 naming Crawl4AI when it never answers, within the configured timeout', async () => {
    await fakes.set('crawl4ai', 'hang');
    const { exitCode, envelope, ms } = await health(['--timeout', '2']);
    await fakes.set('crawl4ai', 'ok');
    expect(exitCode).toBe(1);
    expect(down(envelope, 'crawl4ai').error).toMatch(/^timed out/);
    // 2 s budget plus gm's own start-up and the SSM round trip for Postgres in parallel.
    expect(ms).toBeLessThan(9_000);
  });

  it('exits 1 naming Qdrant when its API key is wrong', async () => {
    const right = secrets.qdrantApiKey;
    secrets.qdrantApiKey = 'not-the-key-in-ssm';
    const { exitCode, envelope } = await health();
    secrets.qdrantApiKey = right;
    expect(exitCode).toBe(1);
    const qdrant = down(envelope, 'qdrant');
    expect(qdrant).toMatchObject({ httpStatus: 401, error: 'authentication rejected (HTTP 401)', attempts: 1 });
    expect(qdrant.hint).toMatch(/SSM/);
  });

  it('exits 1 naming PostgreSQL when pg_isready on the host fails', async () => {
    await box.commandOutput({ commandContains: 'geusemaker-pg-isready', status: 'Failed', responseCode: 2, stdout: '127.0.0.1:5432 - no response\n' });
    const { exitCode, envelope } = await health();
    await box.commandOutput(PG_OK);
    expect(exitCode).toBe(1);
    expect(down(envelope, 'postgres').error).toBe('pg_isready: 127.0.0.1:5432 - no response');
  });

  it('prints a table naming the failing service in text mode', async () => {
    await fakes.set('ollama', 'error');
    const run = await box.gm(['health', box.name, '--service', 'ollama', '--service', 'n8n'], fakes.env);
    await fakes.set('ollama', 'ok');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/ollama\s+unhealthy\s+\d+ ms\s+500\s+HTTP 500/);
    expect(run.stderr).toMatch(/n8n\s+healthy/);
  });
});
