import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalStateStore } from '@geusemaker/kit/state';
import { deployForHealth } from './deployed.js';
import { startFakes, type Fakes } from './fakes.js';
import { findCheck, type CheckJson, type ErrorEnvelope, type HealthSandbox, sandboxesForFile } from './helpers.js';
import { hostOutput, QDRANT_LOG_TAIL, readyProbeOutput } from './host-fixture.js';

const VALIDATE = 'geusemaker-validate';
// gm deploy validates from the host checks its readiness probe ran (no separate validate command).
const READINESS = 'geusemaker-readiness';
const PG_OK = { commandContains: 'geusemaker-pg-isready', stdout: '127.0.0.1:5432 - accepting connections\n' };

interface ReportJson {
  status: string;
  summary: { pass: number; warn: number; fail: number };
  checks: CheckJson[];
  deployment: { name: string; status: string };
}

const box = sandboxesForFile();

describe('validation at the end of gm deploy', () => {
  it('fails a deploy whose Qdrant container is unhealthy, naming Qdrant with its log tail; the report records it', async () => {
    const b = box();
    await b.commandOutput({ commandContains: READINESS, stdout: readyProbeOutput({ unhealthy: { qdrant: QDRANT_LOG_TAIL } }) });
    const run = await b.gm(['deploy', 'tier1', '--name', b.name, '--instance-type', 't3.large', '--yes', '--json']);
    expect(run.exitCode).toBe(1);
    const envelope = run.json as ErrorEnvelope;
    expect(envelope.error.message).toMatch(/Container qdrant failed/);
    expect(envelope.error.message).toContain('corrupted WAL segment');
    expect(envelope.error.message).toMatch(/rolled back|Rolled back|removed/i);

    const report = await b.gm(['report', b.name, '--format', 'json']);
    expect(report.exitCode).toBe(0);
    const document = JSON.parse(report.stdout) as ReportJson;
    expect(document.deployment.status).toBe('rolled-back');
    expect(document.status).toBe('fail');
    expect(findCheck(document.checks, 'container:qdrant')).toMatchObject({ status: 'fail', detail: 'running but unhealthy (its healthcheck fails)', lines: QDRANT_LOG_TAIL });
    expect(findCheck(document.checks, 'container:n8n').status).toBe('pass');
  });
});

describe('gm validate, gm report', () => {
  let b: HealthSandbox;
  let fakes: Fakes;

  beforeAll(async () => {
    b = box();
    await b.commandOutput({ commandContains: READINESS, stdout: readyProbeOutput() });
    await b.commandOutput({ commandContains: VALIDATE, stdout: hostOutput() });
    await b.commandOutput(PG_OK);
    fakes = await startFakes(await deployForHealth(b));
  }, 120_000);
  afterAll(async () => fakes.close());

  it('gm deploy recorded a passing validation with the phase timings', async () => {
    const state = (await new LocalStateStore(b.home).read(b.name)) as { validation?: { status: string; checks: CheckJson[] } } | undefined;
    expect(state?.validation?.status).toBe('pass');
    expect(findCheck(state?.validation?.checks, 'userdata').lines).toContainEqual(expect.stringMatching(/^services-up\s+2026-01-01T00:02:40Z\s+\(\+114s\)$/));
  });

  it('passes every check of a healthy stack, endpoints included, and stores it', async () => {
    const run = await b.gm(['validate', b.name, '--json'], fakes.env);
    expect(run.exitCode).toBe(0);
    const result = (run.json as { result: ReportJson }).result;
    expect(result.summary.fail).toBe(0);
    for (const id of ['instance', 'userdata', 'efs', 'proxy', 'container:qdrant', 'endpoint:n8n', 'endpoint:qdrant', 'endpoint:postgres']) {
      expect(findCheck(result.checks, id).status).toBe('pass');
    }
  });

  it('fails (exit 1) naming the endpoint that answers 500 and an EFS that is not mounted', async () => {
    await fakes.set('ollama', 'error');
    await b.commandOutput({ commandContains: VALIDATE, stdout: hostOutput({ efs: 'none' }) });
    const run = await b.gm(['validate', b.name, '--json'], fakes.env);
    await fakes.set('ollama', 'ok');
    await b.commandOutput({ commandContains: VALIDATE, stdout: hostOutput() });
    expect(run.exitCode).toBe(1);
    const checks = (run.json as ErrorEnvelope).error.validation?.checks;
    expect(findCheck(checks, 'endpoint:ollama')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^HTTP 500/) });
    expect(findCheck(checks, 'efs')).toMatchObject({ status: 'fail', remediation: expect.stringMatching(/gm logs/) });
    const stored = (await new LocalStateStore(b.home).read(b.name)) as { validation?: { status: string } } | undefined;
    expect(stored?.validation?.status).toBe('fail');
  });

  it('renders Markdown with every check, the summary and timestamps', async () => {
    await b.gm(['validate', b.name], fakes.env);
    const run = await b.gm(['report', b.name, '--format', 'md']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^# GeuseMaker report: /);
    expect(run.stdout).toMatch(/\*\*PASS: \d+ passed, 0 warnings, 0 failed\*\*/);
    expect(run.stdout).toMatch(/\| ✅ pass \| Container qdrant \| running, healthy \|/);
  });

  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  (chromium === undefined ? it.skip : it)(`renders HTML that headless Chromium shows with every check (screenshot)${chromium === undefined ? ' — SKIPPED: no chromium' : ''}`, async () => {
    const file = join(b.home, 'report.html');
    const run = await b.gm(['report', b.name, '--format', 'html', '--output', file, '--refresh'], fakes.env);
    expect(run.exitCode).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script|<link|src=/);
    const exec = promisify(execFile);
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];
    const { stdout: dom } = await exec(chromium ?? '', [...flags, '--dump-dom', `file://${file}`], { timeout: 60_000 });
    const document = JSON.parse((await b.gm(['report', b.name, '--format', 'json'])).stdout) as ReportJson;
    expect(document.checks.length).toBeGreaterThan(10);
    const rendered = [...dom.matchAll(/<tr class="check" data-check="([^"]+)"><td><span class="badge (\w+)">/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(rendered).toEqual(document.checks.map((c) => `${c.id}:${c.status}`));
    for (const c of document.checks) expect(dom).toContain(`<td>${c.title}</td>`);
    const png = join(b.home, 'report.png');
    await exec(chromium ?? '', [...flags, `--screenshot=${png}`, '--window-size=1200,2000', `file://${file}`], { timeout: 60_000 });
    // A PNG with content: signature, and far larger than a blank page's few kilobytes.
    expect(readFileSync(png).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(statSync(png).size).toBeGreaterThan(30_000);
  }, 120_000);
});
