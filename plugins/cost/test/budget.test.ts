import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsContext, type AwsContext } from '@geusemaker/kit/aws';
import { awsErrorName } from '@geusemaker/kit/errors';
import { budgetName, createBudgetRequest } from '@geusemaker/kit/resources';
import { LocalStateStore, STATE_SCHEMA_VERSION } from '@geusemaker/kit/state';
import { runGm, TestkitControl, type RunGmResult } from '@geusemaker/testkit';

interface BudgetEnvelope {
  status: string;
  warnings: string[];
  result: { budgetName: string; accountId: string; monthlyUsd: number; tagFilter: string; alertPercents: number[]; action: string; notes: string[] };
}

let counter = 0;

/** Its own GM_HOME, access key and deployment name (budgets are account-wide in moto: names must not collide). */
function budgetSandbox() {
  const unique = `${process.pid.toString(36)}${(counter++).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
  const home = mkdtempSync(join(tmpdir(), 'gm-budget-'));
  const env = { AWS_ACCESS_KEY_ID: `AKIAGMBUDG${unique.toUpperCase()}`, AWS_SECRET_ACCESS_KEY: 'testing' };
  const control = TestkitControl.fromEnv();
  return {
    home,
    name: `b-${unique}`.slice(0, 28),
    gm: (args: string[]): Promise<RunGmResult> => runGm(args, { home, env, timeoutMs: 240_000 }),
    calls: async (operation: string): Promise<number> => (await control.calls({ accessKeyId: env.AWS_ACCESS_KEY_ID, operation })).length,
  };
}

async function describeBudget(aws: AwsContext, budgetName: string) {
  try {
    return await aws.budgets.describeBudget({ AccountId: '123456789012', BudgetName: budgetName });
  } catch (error) {
    if (awsErrorName(error) === 'NotFoundException') return undefined;
    throw error;
  }
}

describe('gm cost budget', () => {
  let aws: AwsContext;
  beforeAll(async () => {
    aws = await createAwsContext({ endpointUrl: process.env.GM_TEST_ENDPOINT, region: 'us-east-1' });
  });
  afterAll(() => aws.destroy());

  it('creates a monthly budget filtered by the deployment tag with 80%/100% alerts, keeps or replaces it, records a price period; destroy deletes it', async () => {
    const box = budgetSandbox();
    const deployed = await box.gm(['deploy', 'tier1', '--name', box.name, '--instance-type', 't3.large', '--on-demand', '--yes', '--no-wait', '--json']);
    expect(deployed.exitCode).toBe(0);
    // Deploy ranks and prices with the live book (Price List through the cache), like gm cost estimate.
    const plan = (deployed.json as { result: { plan: { cost: { hourly: number; source: { kind: string }; components: { kind: string; hourly: number }[] } } } }).result.plan;
    expect(plan.cost.components[0]).toMatchObject({ kind: 'compute', hourly: 0.0832 });
    expect(await box.calls('GetProducts')).toBe(1);
    const estimated = await box.gm(['cost', 'estimate', 'tier1', '--instance-type', 't3.large', '--on-demand', '--region', 'us-east-1', '--json']);
    const estimate = (estimated.json as { result: { total: { hourly: number }; components: { source: { kind: string } }[] } }).result;
    expect(estimate.total.hourly).toBe(plan.cost.hourly);
    // The estimate found deploy's live prices in the cache: no second Price List call.
    expect(estimate.components[0]?.source.kind).toBe('cache');
    expect(await box.calls('GetProducts')).toBe(1);
    const state = (await new LocalStateStore(box.home).read(box.name)) as unknown as { cost: { hourly: number; instanceType: string }; pricePeriods: { endedAt?: string; hourly: number; instanceType: string }[] };
    expect(state.pricePeriods).toHaveLength(1);
    expect(state.pricePeriods[0]).toMatchObject({ hourly: state.cost.hourly, instanceType: state.cost.instanceType });
    expect(state.pricePeriods[0]?.endedAt).toBeUndefined();

    const created = await box.gm(['cost', 'budget', box.name, '--monthly', '40', '--email', 'ops@example.com', '--json']);
    expect(created.stderr).not.toContain('Error:');
    expect(created.exitCode).toBe(0);
    const { result } = created.json as BudgetEnvelope;
    expect(result).toMatchObject({ monthlyUsd: 40, tagFilter: `user:gm:deployment$${box.name}`, alertPercents: [80, 100], action: 'created', accountId: '123456789012' });
    const budget = await describeBudget(aws, result.budgetName);
    expect(budget?.BudgetLimit).toEqual({ Amount: '40.00', Unit: 'USD' });
    expect(budget?.TimeUnit).toBe('MONTHLY');
    expect(budget?.BudgetType).toBe('COST');
    expect(budget?.CostFilters).toEqual({ TagKeyValue: [`user:gm:deployment$${box.name}`] });
    const notifications = await aws.budgets.describeNotificationsForBudget({ AccountId: '123456789012', BudgetName: result.budgetName });
    expect(notifications.map((n) => [n.NotificationType, n.ComparisonOperator, n.Threshold, n.ThresholdType])).toEqual([
      ['ACTUAL', 'GREATER_THAN', 80, 'PERCENTAGE'],
      ['ACTUAL', 'GREATER_THAN', 100, 'PERCENTAGE'],
    ]);

    const again = await box.gm(['cost', 'budget', box.name, '--monthly', '40', '--email', 'ops@example.com', '--json']);
    expect((again.json as BudgetEnvelope).result.action).toBe('unchanged');
    const changed = await box.gm(['cost', 'budget', box.name, '--monthly', '55.5', '--json']);
    expect(changed.exitCode).toBe(0);
    const changedEnvelope = changed.json as BudgetEnvelope;
    expect(changedEnvelope.result.action).toBe('replaced');
    expect(changedEnvelope.warnings.join('\n')).toMatch(/Pass --email ADDR/);
    expect((await describeBudget(aws, result.budgetName))?.BudgetLimit?.Amount).toBe('55.50');
    expect(await aws.budgets.describeNotificationsForBudget({ AccountId: '123456789012', BudgetName: result.budgetName })).toEqual([]);

    const destroyed = await box.gm(['destroy', box.name, '--yes', '--json']);
    expect(destroyed.exitCode).toBe(0);
    expect((destroyed.json as { result: { deleted: { kind: string; id: string }[] } }).result.deleted).toContainEqual(expect.objectContaining({ kind: 'budget', id: result.budgetName }));
    expect(await describeBudget(aws, result.budgetName)).toBeUndefined();
    // The archived state closes the instance's price period: gm cost report stops counting it.
    const archivedTo = (destroyed.json as { result: { archivedTo: string } }).result.archivedTo;
    const archived = JSON.parse(readFileSync(join(archivedTo, 'state.json'), 'utf8')) as { pricePeriods: { endedAt?: string }[] };
    expect(archived.pricePeriods[0]?.endedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('adopts a budget a crash left before the journal heard of it, and destroy still deletes it', async () => {
    const box = budgetSandbox();
    const identity = { name: box.name, deploymentId: randomUUID(), tier: 'tier1' as const, userTags: {} };
    const now = new Date().toISOString();
    await new LocalStateStore(box.home).write(box.name, {
      schemaVersion: STATE_SCHEMA_VERSION, name: box.name, deploymentId: identity.deploymentId, tier: 'tier1', region: 'us-east-1', status: 'deployed', createdAt: now, updatedAt: now,
      spec: { name: box.name, tier: 'tier1', tags: {} }, plan: { deploymentName: box.name, deploymentId: identity.deploymentId, tier: 'tier1', region: 'us-east-1', steps: [] }, outputs: {},
    });
    await aws.budgets.createBudget(createBudgetRequest('123456789012', identity, { monthlyUsd: 30, email: null }));
    const run = await box.gm(['cost', 'budget', box.name, '--monthly', '30', '--json']);
    expect(run.exitCode).toBe(0);
    expect((run.json as BudgetEnvelope).result).toMatchObject({ action: 'unchanged', budgetName: budgetName(identity) });
    const destroyed = await box.gm(['destroy', box.name, '--yes', '--json']);
    expect(destroyed.exitCode).toBe(0);
    expect((destroyed.json as { result: { deleted: { kind: string; id: string }[] } }).result.deleted).toEqual([expect.objectContaining({ kind: 'budget', id: budgetName(identity) })]);
    expect(await describeBudget(aws, budgetName(identity))).toBeUndefined();
  });

  it('refuses a non-positive limit (exit 2) and an unknown deployment (exit 3)', async () => {
    const box = budgetSandbox();
    const bad = await box.gm(['cost', 'budget', box.name, '--monthly', '0', '--json']);
    expect(bad.exitCode).toBe(2);
    const missing = await box.gm(['cost', 'budget', box.name, '--monthly', '10', '--json']);
    expect(missing.exitCode).toBe(3);
    expect((missing.json as { error: { code: string } }).error.code).toBe('DEPLOYMENT_NOT_FOUND');
  });
});
