import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployForHealth } from './deployed.js';
import { startFakes, type Fakes } from './fakes.js';
import { healthSandbox, type HealthSandbox } from './helpers.js';

const PG_OK = { commandContains: 'geusemaker-pg-isready', stdout: '127.0.0.1:5432 - accepting connections\n' };
const STATUS_OUTPUT = [
  '@@containers',
  ...['n8n', 'postgres', 'ollama', 'qdrant', 'crawl4ai', 'proxy'].map((s) => JSON.stringify({ Service: s, State: 'running', Health: s === 'proxy' ? '' : 'healthy' })),
  '@@spot', 'none', '@@memory', '7820 7300', '@@disk', '/ 91%', '/mnt/efs 3%', '@@gpu', 'none', '',
].join('\n');

let box: HealthSandbox;
let fakes: Fakes;

beforeAll(async () => {
  box = healthSandbox();
  fakes = await startFakes(await deployForHealth(box));
  await box.commandOutput(PG_OK);
  await box.commandOutput({ commandContains: 'geusemaker-status', stdout: STATUS_OUTPUT });
}, 120_000);

afterAll(async () => {
  await fakes.close();
  await box.dispose();
});

function listen(handler: (body: string) => void): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        handler(body);
        response.writeHead(204).end();
      });
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` }));
  });
}

describe('gm status', () => {
  it('shows instance, spot state, containers, utilization with threshold alerts, and health in one view', async () => {
    await fakes.set('qdrant', 'error');
    const run = await box.gm(['status', box.name, '--json'], fakes.env);
    await fakes.set('qdrant', 'ok');
    expect(run.exitCode).toBe(0);
    const result = (run.json as { result: Record<string, unknown> }).result as {
      instance: { state: string; market: string; statusChecks: string };
      host: { containers: { service: string }[]; spotInterruption: string; memory: { percent: number }; disks: { mount: string; percent: number }[] };
      health: { service: string; status: string }[];
      alerts: string[];
    };
    expect(result.instance).toMatchObject({ state: 'running', statusChecks: 'instance ok, system ok' });
    expect(result.host.containers).toHaveLength(6);
    expect(result.host.spotInterruption).toBe('none');
    expect(result.host.memory.percent).toBe(93);
    expect(result.health.find((s) => s.service === 'qdrant')?.status).toBe('unhealthy');
    expect(result.alerts).toEqual(['qdrant unhealthy: HTTP 500', 'memory at 93% (threshold 90%)', 'disk / at 91% (threshold 85%)']);
  });
});

describe('gm monitor', () => {
  it('--count 3 --interval 1 against a service that flips down and up emits exactly the two transitions', async () => {
    const posted: string[] = [];
    const hook = await listen((body) => posted.push(body));
    const alertsFile = join(box.home, 'alerts.txt');
    // Round 1 healthy; round 2 answers 500 to all three attempts; round 3 healthy again.
    fakes.sequence('ollama', ['ok', 'error', 'error', 'error', 'ok']);
    const run = await box.gm(
      ['monitor', box.name, '--count', '3', '--interval', '1', '--webhook', hook.url, '--on-alert', `echo "$GM_ALERT_SERVICE $GM_ALERT_FROM $GM_ALERT_TO" >> '${alertsFile}'`],
      fakes.env,
    );
    hook.server.close();
    expect(run.exitCode).toBe(0);
    const rounds = run.stdout.split('\n').filter((line) => /^\d{4}-\d\d-\d\dT.* n8n=/.test(line));
    expect(rounds).toHaveLength(3);
    expect(rounds[1]).toMatch(/ollama=unhealthy\(HTTP 500\)/);
    const alerts = run.stderr.split('\n').filter((line) => line.startsWith('ALERT'));
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatch(/\/ollama: healthy → unhealthy \(HTTP 500\)$/);
    expect(alerts[1]).toMatch(/\/ollama: unhealthy → healthy \(HTTP 200\)$/);
    expect(run.stdout).toMatch(/3 rounds, 2 transitions/);
    expect(run.stdout).toMatch(/ollama\s+66\.7%\s+2\/3/);
    expect(posted.map((body) => (JSON.parse(body) as { to: string }).to)).toEqual(['unhealthy', 'healthy']);
    expect(readFileSync(alertsFile, 'utf8')).toBe('ollama healthy unhealthy\nollama unhealthy healthy\n');
    const events = readFileSync(join(box.home, 'monitor', `${box.name}.jsonl`), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string });
    expect(events.filter((e) => e.type === 'round')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'transition')).toHaveLength(2);
  });

  it('raises an alert when memory crosses its threshold, and none for the services that stay healthy', async () => {
    const calm = STATUS_OUTPUT.replace('7820 7300', '7820 2000');
    await box.commandOutput({ commandContains: 'geusemaker-status', stdout: calm });
    const rounds: string[] = [];
    // Memory goes high between round 1 and round 2 (4 s apart): round 1 starts with its first probe of n8n; its host
    // read is over well within 2 s; the fixture is swapped then, 2 s before round 2.
    const before = fakes.requests.filter((r) => r.service === 'n8n').length;
    const run = box.gm(['monitor', box.name, '--count', '2', '--interval', '4'], fakes.env);
    while (fakes.requests.filter((r) => r.service === 'n8n').length === before) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await box.commandOutput({ commandContains: 'geusemaker-status', stdout: STATUS_OUTPUT });
    const done = await run;
    await box.commandOutput({ commandContains: 'geusemaker-status', stdout: STATUS_OUTPUT });
    rounds.push(...done.stdout.split('\n').filter((line) => / n8n=/.test(line)));
    expect(done.exitCode).toBe(0);
    expect(rounds[0]).toMatch(/memory=ok\(memory 26%\)/);
    const alerts = done.stderr.split('\n').filter((line) => line.startsWith('ALERT'));
    expect(alerts).toEqual([expect.stringMatching(/\/memory: ok → alert \(memory 93%\)$/)]);
  });
});
