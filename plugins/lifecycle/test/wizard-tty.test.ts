import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploymentInventory } from '@geusemaker/kit/resources';
import { sandbox, type Sandbox } from './helpers.js';
import { TMUX, TmuxGm } from './wizard-tmux.js';

// The wizard in a real pseudo-terminal (tmux), against the emulator. CI installs tmux; without it these are skipped,
// and the skip is visible in Jest's summary.
const describeTty = TMUX === undefined ? describe.skip : describe;
if (TMUX === undefined) process.stderr.write('wizard-tty.test.ts: tmux not found, the pseudo-terminal tests are SKIPPED\n');

const TIMEOUT_MS = 180_000;

describeTty('gm deploy in a pseudo-terminal (tmux)', () => {
  const tmux = new TmuxGm(TMUX ?? 'tmux');

  afterAll(async () => {
    await tmux.killServer();
  });

  function env(box: Sandbox): Record<string, string> {
    return { AWS_ACCESS_KEY_ID: box.accessKeyId, AWS_SECRET_ACCESS_KEY: 'testing' };
  }

  it('answering the prompts deploys what was answered (on-demand), and --save-config gives the same plan', async () => {
    const box = sandbox();
    const config = join(box.home, 'answers.json');
    const s = await tmux.start(['deploy', '--no-wait', '--save-config', config], { home: box.home, env: env(box) });
    await tmux.waitFor(s, 'Deployment name');
    await tmux.type(s, box.name);
    await tmux.waitFor(s, 'AWS region');
    await tmux.keys(s, 'Enter'); // us-east-1, from AWS_REGION
    await tmux.waitFor(s, 'Tier');
    await tmux.keys(s, 'Enter'); // tier1
    await tmux.waitFor(s, 'Instance type');
    await tmux.keys(s, 'Enter'); // auto
    await tmux.waitFor(s, 'Spot or on-demand');
    await tmux.keys(s, 'Down', 'Down', 'Enter'); // auto → spot → on-demand
    await tmux.waitFor(s, 'Network');
    await tmux.keys(s, 'Enter'); // new
    await tmux.waitFor(s, 'Shell access');
    await tmux.keys(s, 'Enter'); // Session Manager only
    await tmux.waitFor(s, 'Monthly budget');
    await tmux.keys(s, 'Enter'); // none
    await tmux.waitFor(s, 'Ollama models');
    await tmux.keys(s, 'Enter'); // the default model
    await tmux.waitFor(s, 'Deploy this now?');
    const summary = await tmux.screen(s);
    expect(summary).toContain(`name          ${box.name}`);
    expect(summary).toContain('market        on-demand');
    await tmux.keys(s, 'Enter'); // yes
    const { exitCode, screen } = await tmux.exitOf(s);
    expect({ exitCode, screen }).toMatchObject({ exitCode: 0 });
    expect(screen).toContain(`${box.name} deployed in us-east-1`);
    expect(screen).toMatch(/sign in: open the URL .*`gm info t-\S+ --show-secrets/);
    expect(screen).toMatch(/cost: \$\d+\.\d{4}\/hour, \$\d+\.\d{2}\/month \(\S+ on-demand\)/);

    const inspect = await box.gm(['inspect', box.name, '--json']);
    expect(inspect.exitCode).toBe(0);
    const state = inspect.json as { result: { spec: { name: string; market: string; region: string; models: string[] }; cost: { market: string } } };
    expect(state.result.spec).toMatchObject({ name: box.name, market: 'on-demand', region: 'us-east-1', models: ['llama3.2:1b'] });
    const inventory = await box.inventory(box.name);
    expect(inventory.filter((item) => item.type === 'instance')).toHaveLength(1);
    expect(inventory.filter((item) => item.type === 'vpc')).toHaveLength(1);

    // The saved answers run the same deploy without a terminal: same spec, same plan.
    const replay = await box.gm(['deploy', 'tier1', '--config', config, '--yes', '--dry-run', '--json']);
    expect(replay.exitCode).toBe(0);
    const plan = (replay.json as { result: { name: string; region: string; plan: { cost: { market: string } } } }).result;
    expect(plan).toMatchObject({ name: box.name, region: 'us-east-1', plan: { cost: { market: 'on-demand' } } });
    expect(existsSync(join(box.home, 'wizard', 'progress.json'))).toBe(false);
  }, TIMEOUT_MS);

  it('typing "abort" mid-way exits 130 with nothing tagged; --resume-wizard continues; Ctrl-C also exits 130', async () => {
    const box = sandbox();
    const s = await tmux.start(['deploy', '--no-wait'], { home: box.home, env: env(box) });
    await tmux.waitFor(s, 'Deployment name');
    await tmux.type(s, box.name);
    for (const question of ['AWS region', 'Tier', 'Instance type', 'Spot or on-demand', 'Network', 'Shell access']) {
      await tmux.waitFor(s, question);
      await tmux.keys(s, 'Enter');
    }
    await tmux.waitFor(s, 'Monthly budget');
    await tmux.type(s, 'abort');
    const aborted = await tmux.exitOf(s);
    expect(aborted.exitCode).toBe(130);
    expect(aborted.screen).toContain('nothing was created');
    expect(await box.inventory(box.name)).toEqual([]);
    const progress = JSON.parse(readFileSync(join(box.home, 'wizard', 'progress.json'), 'utf8')) as { answers: { name: string }; completed: string[] };
    expect(progress.answers.name).toBe(box.name);
    expect(progress.completed).toEqual(['name', 'region', 'tier', 'instanceType', 'market', 'network', 'access']);

    // Resume: the first question asked is the budget; Ctrl-C there stops again with exit 130.
    const r = await tmux.start(['deploy', '--no-wait', '--resume-wizard'], { home: box.home, env: env(box) });
    const resumed = await tmux.waitFor(r, 'Monthly budget');
    expect(resumed).not.toContain('Deployment name');
    await tmux.keys(r, 'C-c');
    const interrupted = await tmux.exitOf(r);
    expect(interrupted.exitCode).toBe(130);
    expect(interrupted.screen).toContain('gm deploy --resume-wizard');
    expect(await box.inventory(box.name)).toEqual([]);
  }, TIMEOUT_MS);

  /** Name typed, every other question at its default, the summary confirmed. */
  async function answerDefaults(session: string, name: string): Promise<void> {
    await tmux.waitFor(session, 'Deployment name');
    await tmux.type(session, name);
    for (const question of ['AWS region', 'Tier', 'Instance type', 'Spot or on-demand', 'Network', 'Shell access', 'Monthly budget', 'Ollama models', 'Deploy this now?']) {
      await tmux.waitFor(session, question);
      await tmux.keys(session, 'Enter');
    }
  }

  const RECOVERIES = [
    { choice: 'retry', keys: ['Enter'], exitCode: 0, instances: 1 },
    { choice: 'roll back', keys: ['Down', 'Enter'], exitCode: 1, instances: 0 },
    { choice: 'keep', keys: ['Down', 'Down', 'Enter'], exitCode: 6, instances: 0 },
  ];

  it.each(RECOVERIES)('a failed deploy asks what now: $choice', async ({ choice, keys, exitCode, instances }) => {
    const box = sandbox();
    await box.fault({ service: 'ec2', operation: 'RunInstances', errorCode: 'InvalidParameterCombination', message: 'injected launch failure', count: 1 });
    const s = await tmux.start(['deploy', '--no-wait'], { home: box.home, env: env(box) });
    await answerDefaults(s, box.name);
    const asked = await tmux.waitFor(s, 'What now?', 60_000);
    expect(asked).toMatch(/The deploy failed: .*InvalidParameterCombination: injected launch failure/);
    await tmux.keys(s, ...keys);
    const outcome = await tmux.exitOf(s);
    expect(outcome.exitCode).toBe(exitCode);
    const inventory = await box.inventory(box.name);
    expect(inventory.filter((item) => item.type === 'instance')).toHaveLength(instances);
    if (choice === 'roll back') expect(inventory).toEqual([]);
    if (choice === 'keep') {
      expect(outcome.screen).toContain(`gm resume ${box.name}`);
      expect(inventory.length).toBeGreaterThan(5);
      const resumed = await box.gm(['resume', box.name, '--no-wait', '--json']);
      expect(resumed.exitCode).toBe(0);
      expect((await box.inventory(box.name)).filter((item) => item.type === 'instance')).toHaveLength(1);
    }
  }, TIMEOUT_MS);

  it('reused network: a discovered public VPC and subnet are offered, picked and reused (not created)', async () => {
    // A region no other test deploys to, so the VPC created here is the only one that can be reused.
    const region = 'ap-southeast-1';
    const box = sandbox();
    const aws = (await box.aws()).inRegion(region);
    const { Vpc } = await aws.ec2.createVpc({ CidrBlock: '10.66.0.0/16' });
    const vpcId = Vpc?.VpcId ?? '';
    const { Subnet } = await aws.ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.66.1.0/24', AvailabilityZone: `${region}a` });
    const igwId = (await aws.ec2.createInternetGateway({})).InternetGateway?.InternetGatewayId ?? '';
    await aws.ec2.attachInternetGateway({ InternetGatewayId: igwId, VpcId: vpcId });
    const tableId = (await aws.ec2.createRouteTable({ VpcId: vpcId })).RouteTable?.RouteTableId ?? '';
    await aws.ec2.createRoute({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId });
    await aws.ec2.associateRouteTable({ RouteTableId: tableId, SubnetId: Subnet?.SubnetId ?? '' });
    aws.destroy();

    const s = await tmux.start(['deploy', '--no-wait'], { home: box.home, env: { ...env(box), AWS_REGION: region } });
    await tmux.waitFor(s, 'Deployment name');
    await tmux.type(s, box.name);
    for (const question of ['AWS region', 'Tier', 'Instance type', 'Spot or on-demand']) {
      await tmux.waitFor(s, question);
      await tmux.keys(s, 'Enter');
    }
    await tmux.waitFor(s, 'Network');
    await tmux.keys(s, 'Down', 'Enter'); // reuse
    expect(await tmux.waitFor(s, 'VPC to reuse')).toContain(vpcId);
    await tmux.keys(s, 'Enter');
    expect(await tmux.waitFor(s, 'Public subnet for the instance')).toContain(Subnet?.SubnetId ?? '?');
    await tmux.keys(s, 'Enter');
    for (const question of ['Also attach one of your security groups?', 'EFS for the data', 'Shell access', 'Monthly budget', 'Ollama models', 'Deploy this now?']) {
      await tmux.waitFor(s, question);
      await tmux.keys(s, 'Enter');
    }
    const { exitCode, screen } = await tmux.exitOf(s);
    expect({ exitCode, tail: screen.slice(-1500) }).toMatchObject({ exitCode: 0 });
    expect(screen).toContain(`reuse ${vpcId}, subnet ${Subnet?.SubnetId ?? '?'}`);
    const inspect = await box.gm(['inspect', box.name, '--json']);
    expect((inspect.json as { result: { spec: { vpcId?: string; subnetIds?: string[] } } }).result.spec).toMatchObject({ vpcId, subnetIds: [Subnet?.SubnetId] });
    const there = (await box.aws()).inRegion(region);
    const created = (await deploymentInventory(there, box.name)).map((item) => item.type);
    there.destroy();
    expect(created).toContain('instance');
    expect(created).not.toContain('vpc');
    expect(created).not.toContain('subnet');
  }, TIMEOUT_MS);

  it('gm deploy tier1 without a name on a terminal runs the wizard; flags given are not asked again', async () => {
    const box = sandbox();
    const s = await tmux.start(['deploy', 'tier1', '--market', 'on-demand', '--dry-run'], { home: box.home, env: env(box) });
    await tmux.waitFor(s, 'Deployment name');
    await tmux.type(s, box.name);
    for (const question of ['AWS region', 'Tier', 'Instance type', 'Network', 'Shell access', 'Monthly budget', 'Ollama models', 'Deploy this now?']) {
      await tmux.waitFor(s, question);
      await tmux.keys(s, 'Enter');
    }
    const { exitCode, screen } = await tmux.exitOf(s);
    expect(exitCode).toBe(0);
    expect(screen).not.toContain('Spot or on-demand');
    expect(screen).toMatch(/Cost: .* on-demand/);
    expect(await box.inventory(box.name)).toEqual([]);
  }, TIMEOUT_MS);
});
