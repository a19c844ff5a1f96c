import { ExitCode, GmError, InterruptedError } from '@geusemaker/kit/errors';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NonInteractivePrompter, PlainReporter } from '@geusemaker/kit/io';
import type { DeploymentSpec } from '@geusemaker/kit/spec';
import { deployTier1, type DeployResult } from '../src/services/deploy.js';
import { WIZARD_STEPS, configDocument, specInputFromAnswers } from '../src/services/wizard/answers.js';
import { candidateTable } from '../src/services/wizard/steps-basics.js';
import { presetFromConfig, presetFromFlags } from '../src/services/wizard/entry.js';
import { fileProgressStore, progressPath } from '../src/services/wizard/progress.js';
import { runWizard } from '../src/services/wizard/run.js';
import { ALL_DEFAULTS, D, harness } from './wizard-fixtures.js';

const fresh = { resume: false, preset: {} };

async function failure(work: Promise<unknown>): Promise<GmError> {
  const error: unknown = await work.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof GmError)) throw new Error(`expected a GmError, got ${String(error)}`);
  return error;
}

describe('the wizard, driven by a scripted prompter', () => {
  it('new network, every default: tier 1, auto instance and market, Session Manager only, the default model', async () => {
    const h = harness(ALL_DEFAULTS);
    const answers = await runWizard(h.ctx, h.store, fresh);
    expect(specInputFromAnswers(answers)).toEqual({ name: 'demo-one', tier: 'tier1', region: 'us-east-1', market: 'auto', models: ['llama3.2:1b'] });
    expect(answers.network).toBe('new');
    expect(h.prompter.remaining).toBe(0);
    expect(h.prompter.asked.map((q) => q.flag)).toEqual([
      '--name', '--region', 'gm deploy tier1|tier2|tier3', '--instance-type', '--market', '--vpc-id / --subnet-id', '--ssh-cidr', '--budget', '--model', '--yes',
    ]);
    // Every question has a default and help text.
    for (const question of h.prompter.asked) {
      expect(question.initial).toBeDefined();
      expect(question.help?.length ?? 0).toBeGreaterThan(10);
    }
    // Saved after each of the nine questions, forgotten once confirmed.
    expect(h.store.saved.map((p) => p.completed.length)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await h.store.load()).toBeUndefined();
    expect(h.said.join('\n')).toMatch(/Cost: \$\d+\.\d{4}\/hour, \$\d+\.\d{2}\/month/);
  });

  it('a name is validated as typed, with the spec rules; refused names are asked again', async () => {
    const h = harness(['Bad_Name', 'a'.repeat(29), 'good-name', ...ALL_DEFAULTS.slice(1)]);
    const answers = await runWizard(h.ctx, h.store, fresh);
    expect(answers.name).toBe('good-name');
    const nameQuestion = h.prompter.asked[0];
    expect(nameQuestion?.refused).toHaveLength(2);
    expect(nameQuestion?.refused[0]).toMatch(/name/i);
  });

  it('a name already in use is refused (said why) and asked again', async () => {
    const h = harness(['taken', ...ALL_DEFAULTS]);
    h.ctx.nameInUse = (name) => Promise.resolve(name === 'taken' ? 'deployed' : undefined);
    const answers = await runWizard(h.ctx, h.store, fresh);
    expect(answers.name).toBe('demo-one');
    expect(h.said[0]).toContain('A deployment named "taken" already exists (status deployed)');
  });

  it('reused network: only compatible VPCs, subnets and EFS are offered; the rest are named with the reason', async () => {
    const h = harness(['reused', D, D, D, D, 'reuse', 'vpc-0000000000000a001', 'subnet-0000000000000b002', 'sg-0000000000000c001', 'fs-0000000d', D, D, D, true]);
    const answers = await runWizard(h.ctx, h.store, fresh);
    expect(specInputFromAnswers(answers)).toMatchObject({ vpcId: 'vpc-0000000000000a001', subnetIds: ['subnet-0000000000000b002'], securityGroupId: 'sg-0000000000000c001', efsId: 'fs-0000000d' });
    const vpcQuestion = h.prompter.asked.find((q) => q.flag === '--vpc-id');
    expect(vpcQuestion?.choices?.map((c) => c.value)).toEqual(['vpc-0000000000000a001', 'abort']);
    expect(vpcQuestion?.help).toContain('vpc-0000000000000a002: no internet gateway attached');
    expect(vpcQuestion?.help).toContain('vpc-0000000000000a003: created by gm for "other-stack"');
    const subnetQuestion = h.prompter.asked.find((q) => q.flag === '--subnet-id');
    expect(subnetQuestion?.choices?.map((c) => c.value)).toEqual(['subnet-0000000000000b002', 'abort']);
    expect(subnetQuestion?.help).toContain('subnet-0000000000000b001: no route to an internet gateway');
    const efsQuestion = h.prompter.asked.find((q) => q.flag === '--efs-id');
    expect(efsQuestion?.choices?.map((c) => c.value)).toEqual(['none', 'fs-0000000d', 'abort']);
    expect(efsQuestion?.help).toContain('fs-0000000e: its mount targets are in vpc-0000000000000a004');
    expect(h.said.join('\n')).toContain('reuse vpc-0000000000000a001, subnet subnet-0000000000000b002, + group sg-0000000000000c001, EFS fs-0000000d');
  });

  it('reused network without a usable VPC falls back to a new one and says so', async () => {
    const h = harness(['fallback', D, D, D, D, 'reuse', D, D, D, true]);
    h.ctx.catalog = () => ({ ...harness([]).ctx.catalog('us-east-1'), vpcs: () => Promise.resolve([]) });
    const answers = await runWizard(h.ctx, h.store, fresh);
    expect(answers.network).toBe('new');
    expect(h.said.join('\n')).toContain('gm will create a new network');
  });

  it('on-demand, one instance type from the table, SSH to a checked CIDR, a budget and two models', async () => {
    const probe = harness([]);
    const { rows, recommended } = candidateTable(probe.ctx, 'us-east-1', 'tier1');
    const picked = [...rows.keys()].find((type) => type !== recommended) ?? '';
    const h = harness([
      'od', D, D, picked, 'on-demand', 'new', 'ssh', '1.2.3.4', '203.0.113.7/32', 'my-key', 'lots', '80', 'llama3.2:1b, qwen2.5:0.5b', true,
    ]);
    const answers = await runWizard(h.ctx, h.store, fresh);
    expect(specInputFromAnswers(answers)).toEqual({
      name: 'od', tier: 'tier1', region: 'us-east-1', instanceTypes: [picked], market: 'on-demand', budget: 80,
      sshCidr: '203.0.113.7/32', keyName: 'my-key', models: ['llama3.2:1b', 'qwen2.5:0.5b'],
    });
    const cidr = h.prompter.asked.find((q) => q.flag === '--ssh-cidr' && q.kind === 'input');
    expect(cidr?.refused[0]).toContain('use 1.2.3.4/32');
    expect(h.prompter.asked.find((q) => q.flag === '--budget')?.refused).toHaveLength(1);
    expect(h.said.join('\n')).toContain(`${picked} on-demand`);
    expect(h.said.join('\n')).toMatch(/spot would be \$\d+\.\d{2}\/month/);
    expect(h.said.join('\n')).not.toContain('spot saves');
  });

  it('the instance-type table shows spot, on-demand, savings and score, with the recommendation marked once', () => {
    const h = harness([]);
    const { header, rows, recommended } = candidateTable(h.ctx, 'us-east-1', 'tier1');
    expect(header).toMatch(/type\s+vCPU\s+GiB\s+spot\/h\s+on-demand\/h\s+savings\s+score/);
    expect(rows.size).toBeGreaterThan(1);
    const marked = [...rows.values()].filter((row) => row.includes('← recommended'));
    expect(marked).toHaveLength(1);
    expect(marked[0]?.startsWith(recommended ?? '?')).toBe(true);
    expect(marked[0]).toMatch(/\$\d\.\d{4}\s+\$\d\.\d{4}\s+\d+(\.\d)?%/);
  });

  it('picking tier2 without its plugin stops with the plugin hint (exit 127), nothing saved past the region', async () => {
    const h = harness(['t2', D, 'tier2']);
    const error = await failure(runWizard(h.ctx, h.store, fresh));
    expect(error.exitCode).toBe(ExitCode.commandNotFound);
    expect(error.hint).toContain('gm plugins install @geusemaker/plugin-tier2-alb');
    expect((await h.store.load())?.completed).toEqual(['name', 'region']);
  });

  it('flags given answer their questions (not asked again)', async () => {
    const h = harness([D, D, D, 'new', D, D, D, true]);
    const answers = await runWizard(h.ctx, h.store, { resume: false, preset: { name: 'from-flag', market: 'spot' } });
    expect(answers).toMatchObject({ name: 'from-flag', market: 'spot' });
    expect(h.prompter.asked.map((q) => q.flag)).not.toContain('--name');
    expect(h.prompter.asked.map((q) => q.flag)).not.toContain('--market');
  });
});

describe('abort at each step leaves a resumable wizard (exit 130)', () => {
  // Questions in order on the default path; `abort` is typed, picked, or the summary is declined.
  const abortAt = WIZARD_STEPS.map((step, index) => ({ step, index }));

  it.each(abortAt)('abort at $step', async ({ step, index }) => {
    const abortAnswer = step === 'confirm' ? false : 'abort';
    const h = harness([...ALL_DEFAULTS.slice(0, index), abortAnswer]);
    const error = await failure(runWizard(h.ctx, h.store, fresh));
    expect(error.exitCode).toBe(ExitCode.interrupted);
    expect(error.message).toContain('nothing was created');
    const saved = await h.store.load();
    expect(saved?.completed ?? []).toEqual(WIZARD_STEPS.slice(0, index));

    // --resume-wizard asks only what is left, and ends with the same answers as an uninterrupted run.
    const resumed = harness(ALL_DEFAULTS.slice(index), saved);
    const answers = await runWizard(resumed.ctx, resumed.store, { resume: true, preset: {} });
    const straight = harness(ALL_DEFAULTS);
    expect(answers).toEqual(await runWizard(straight.ctx, straight.store, fresh));
    expect(resumed.prompter.asked.map((q) => q.flag)).toEqual(straight.prompter.asked.slice(index).map((q) => q.flag));
    expect(resumed.prompter.remaining).toBe(0);
  });

  it('Ctrl-C at a prompt (the prompter rejects with InterruptedError) propagates as exit 130', async () => {
    const h = harness(['demo-one']);
    h.ctx.prompter = { ...h.prompter, interactive: true, input: h.prompter.input.bind(h.prompter), confirm: h.prompter.confirm.bind(h.prompter),
      select: () => Promise.reject(new InterruptedError({ message: 'Cancelled at the prompt.' })) };
    const error = await failure(runWizard(h.ctx, h.store, fresh));
    expect(error.exitCode).toBe(130);
    expect(error.hint).toContain('gm deploy --resume-wizard');
    expect((await h.store.load())?.answers.name).toBe('demo-one');
  });
});

describe('--save-config: the answers as a config file give the same plan', () => {
  const quiet = { reporter: new PlainReporter('silent', () => undefined, new Set()), prompter: new NonInteractivePrompter() };

  function dryRun(specInput: Partial<DeploymentSpec>, configFile?: string): Promise<DeployResult> {
    return deployTier1({
      specInput, ...(configFile === undefined ? {} : { configFile }), env: {}, connection: { region: undefined, profile: undefined, endpointUrl: undefined },
      dryRun: true, wait: false, rollback: true, yes: true, force: false, waitTimeoutSeconds: 60, os: 'al2023', warn: () => undefined, ...quiet,
    });
  }

  it.each([
    ['every default', ALL_DEFAULTS],
    ['on-demand with SSH and a budget', ['od-file', D, D, D, 'on-demand', 'new', 'ssh', '203.0.113.7/32', '', '500', D, true]],
    ['a reused network', ['reuse-file', D, D, D, D, 'reuse', 'vpc-0000000000000a001', 'subnet-0000000000000b002', 'sg-0000000000000c001', 'fs-0000000d', D, D, D, true]],
  ] as const)('%s', async (_label, script) => {
    const h = harness(script);
    const specInput = specInputFromAnswers(await runWizard(h.ctx, h.store, fresh));
    const file = join(mkdtempSync(join(tmpdir(), 'gm-wizard-')), 'answers.yaml');
    writeFileSync(file, configDocument(specInput));
    const fromWizard = await dryRun(specInput);
    const fromFile = await dryRun({ tier: 'tier1' }, file);
    expect(fromFile.plan).toEqual(fromWizard.plan);
    expect(fromFile.name).toBe(specInput.name);
    expect(fromWizard.plan?.steps.length).toBeGreaterThan(5);
  });
});

describe('live prices', () => {
  it('once the region is known, its live book replaces the snapshot (fetched once) and drives the table and cost', async () => {
    const h = harness(ALL_DEFAULTS);
    const live = structuredClone(h.ctx.book);
    const t3 = live.regions['us-east-1']?.instanceTypes['t3.large'];
    if (t3 === undefined) throw new Error('the snapshot has no t3.large in us-east-1');
    const cheap = { usd: 0.001, source: 'api' as const, asOf: '2026-11-27' };
    Object.assign(t3, { spotHourlyByAzId: Object.fromEntries(Object.keys(t3.spotHourlyByAzId ?? {}).map((az) => [az, cheap])) });
    const asked: string[] = [];
    h.ctx.livePrices = (region) => {
      asked.push(region);
      return Promise.resolve(live);
    };
    await runWizard(h.ctx, h.store, fresh);
    expect(asked).toEqual(['us-east-1']);
    const table = h.prompter.asked.find((q) => q.flag === '--instance-type');
    expect(table?.choices?.find((c) => c.label.includes('← recommended'))?.value).toBe('t3.large');
    expect(table?.message).toMatch(/prices: api 2026-11-27, snapshot \d{4}-\d{2}/);
    expect(h.said.join('\n')).toContain('first choice t3.large spot');
  });
});

describe('saved progress on disk', () => {
  it('is written 0600 under GM_HOME, read back for --resume-wizard, and a damaged file is a clear error (exit 3)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'gm-wizard-home-'));
    const path = progressPath({ GM_HOME: home });
    expect(path).toBe(join(home, 'wizard', 'progress.json'));
    const store = fileProgressStore(path);
    expect(await store.load()).toBeUndefined();
    await store.save({ version: 1, answers: { name: 'kept' }, completed: ['name'], updatedAt: '2026-11-27T00:00:00.000Z' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await store.load())?.answers.name).toBe('kept');
    writeFileSync(path, '{ not json');
    const error = await failure(store.load());
    expect(error).toMatchObject({ code: 'WIZARD_PROGRESS_INVALID', exitCode: ExitCode.invalidConfig });
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });
});

describe('a --config file answers its questions', () => {
  it('valid fields become presets (typed); an invalid file gives none (deploy reports it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gm-wizard-config-'));
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'market: on-demand\nbudget: 40\nmodels: [qwen2.5:0.5b]\n');
    expect(await presetFromConfig(good)).toEqual({ market: 'on-demand', budget: 40, models: ['qwen2.5:0.5b'] });
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'market: sometimes\n');
    expect(await presetFromConfig(bad)).toEqual({});
    expect(await presetFromConfig(join(dir, 'missing.yaml'))).toEqual({});
    const h = harness(['from-file', D, D, D, 'new', D, true]);
    const answers = await runWizard(h.ctx, h.store, { resume: false, preset: presetFromFlags(await presetFromConfig(good)) });
    expect(answers).toMatchObject({ market: 'on-demand', budget: 40, models: ['qwen2.5:0.5b'] });
    expect(h.prompter.asked.map((q) => q.flag)).toEqual(['--name', '--region', 'gm deploy tier1|tier2|tier3', '--instance-type', '--vpc-id / --subnet-id', '--ssh-cidr', '--yes']);
    expect(h.prompter.remaining).toBe(0);
  });
});
