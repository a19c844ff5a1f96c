import { createAwsContext } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readDeployment, readStepRecords, storeJournal, writeDeployment, type DeploymentState } from '@geusemaker/kit/deployment';
import { now } from '@geusemaker/kit/engine';
import { UsageError } from '@geusemaker/kit/errors';
import type { Reporter } from '@geusemaker/kit/io';
import type { PlanStep } from '@geusemaker/kit/plan';
import {
  BUDGET_ALERT_PERCENTS,
  budgetMatches,
  budgetName,
  deploymentTagFilter,
  kindFor,
  type BudgetInput,
  type Created,
  type ResourceContext,
} from '@geusemaker/kit/resources';
import { openStateStore, type StateStore } from '@geusemaker/kit/state';

export interface CostBudgetOptions {
  readonly name: string;
  readonly monthlyUsd: number;
  readonly email: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly connection: AwsConnectionOptions;
  readonly reporter: Reporter;
  readonly warn: (message: string) => void;
}

export interface CostBudgetResult {
  readonly name: string;
  readonly budgetName: string;
  readonly accountId: string;
  readonly monthlyUsd: number;
  /** Cost Explorer's spelling of the filter: only cost tagged gm:deployment=<name> counts. */
  readonly tagFilter: string;
  /** Alerts on actual spend, in percent of the limit (none without an e-mail address: AWS needs a subscriber). */
  readonly alertPercents: readonly number[];
  readonly email: string | null;
  /** `created` (new), `replaced` (deleted and created again with the new settings), `unchanged` (already as asked). */
  readonly action: 'created' | 'replaced' | 'unchanged';
  readonly notes: readonly string[];
}

/** The plan step the budget is journaled under, so `gm destroy` deletes it with everything else. */
const BUDGET_STEP_ID = 'budget';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(options: CostBudgetOptions): BudgetInput {
  if (!Number.isFinite(options.monthlyUsd) || options.monthlyUsd <= 0) {
    throw new UsageError({ code: 'USAGE', message: `--monthly must be a positive amount in USD (got ${options.monthlyUsd}).`, hint: 'For example: --monthly 25' });
  }
  if (options.email !== undefined && !EMAIL.test(options.email)) {
    throw new UsageError({ code: 'USAGE', message: `--email ${options.email} is not an e-mail address.`, hint: 'For example: --email ops@example.com' });
  }
  return { monthlyUsd: Math.round(options.monthlyUsd * 100) / 100, email: options.email ?? null };
}

function budgetStep(input: BudgetInput): PlanStep {
  return { id: BUDGET_STEP_ID, kind: 'budget', action: 'create', title: 'AWS Budgets budget (monthly, by the gm:deployment tag)', dependsOn: [], input };
}

function withStep(state: DeploymentState, step: PlanStep, created: Created): DeploymentState {
  const steps = [...state.plan.steps.filter((each) => each.id !== step.id), step];
  return { ...state, plan: { ...state.plan, steps }, outputs: { ...state.outputs, [step.id]: created.outputs } };
}

/**
 * The budget this deployment's journal points at, if it still exists — or, found by its name, one a crash left
 * before the journal heard of it (that one is journaled now as adopted, so destroy removes it too).
 */
async function existingBudget(ctx: ResourceContext, store: StateStore, state: DeploymentState, input: BudgetInput): Promise<Created | undefined> {
  const { records } = await readStepRecords(store, state.name);
  const record = records.get(BUDGET_STEP_ID);
  const kind = kindFor('budget');
  if (record?.ref !== undefined && record.phase !== 'deleted' && (await kind.exists(ctx, record.ref))) return { ref: record.ref, outputs: record.outputs };
  const found = await kind.findByTag(ctx, { stepId: BUDGET_STEP_ID, token: '' }, input);
  if (found !== undefined) {
    const journal = storeJournal(store, state.name);
    await journal.append({ type: 'created', at: now(), stepId: BUDGET_STEP_ID, ref: found.ref, outputs: found.outputs, adopted: true });
    await journal.append({ type: 'ready', at: now(), stepId: BUDGET_STEP_ID, outputs: {} });
  }
  return found;
}

/** The e-mail address the journaled budget alerts (Budgets lists subscribers per notification; state already knows). */
function recordedEmail(state: DeploymentState): string | null {
  const email = state.plan.steps.find((step) => step.id === BUDGET_STEP_ID)?.input.email;
  return typeof email === 'string' ? email : null;
}

async function matches(ctx: ResourceContext, found: Created, input: BudgetInput): Promise<boolean> {
  const accountId = found.ref.extra?.accountId ?? '';
  const request = { AccountId: accountId, BudgetName: found.ref.id };
  const [budget, notifications] = await Promise.all([ctx.aws.budgets.describeBudget(request), ctx.aws.budgets.describeNotificationsForBudget(request)]);
  return budget !== undefined && budgetMatches(budget, notifications, ctx.identity, input);
}

/** Journals and makes the budget: intent → create → created → ready, like every step the engine runs. */
async function createJournaled(ctx: ResourceContext, store: StateStore, state: DeploymentState, input: BudgetInput): Promise<Created> {
  const journal = storeJournal(store, state.name);
  const token = `gm-${state.deploymentId.slice(0, 8)}-${BUDGET_STEP_ID}`;
  await journal.append({ type: 'intent', at: now(), stepId: BUDGET_STEP_ID, token });
  const created = await kindFor('budget').create(ctx, input, { stepId: BUDGET_STEP_ID, token });
  await journal.append({ type: 'created', at: now(), stepId: BUDGET_STEP_ID, ref: created.ref, outputs: created.outputs });
  await journal.append({ type: 'ready', at: now(), stepId: BUDGET_STEP_ID, outputs: {} });
  return created;
}

async function deleteJournaled(ctx: ResourceContext, store: StateStore, state: DeploymentState, found: Created): Promise<void> {
  const journal = storeJournal(store, state.name);
  await journal.append({ type: 'deleting', at: now(), stepId: BUDGET_STEP_ID, ref: found.ref });
  await kindFor('budget').delete(ctx, found.ref);
  await journal.append({ type: 'deleted', at: now(), stepId: BUDGET_STEP_ID, ref: found.ref });
}

/** Keeps a budget that already says what is asked; replaces one that does not (Budgets has no update on the emulator). */
async function ensureBudget(ctx: ResourceContext, store: StateStore, state: DeploymentState, input: BudgetInput): Promise<{ created: Created; action: CostBudgetResult['action'] }> {
  const found = await existingBudget(ctx, store, state, input);
  if (found !== undefined && recordedEmail(state) === input.email && (await matches(ctx, found, input))) return { created: found, action: 'unchanged' };
  if (found !== undefined) await deleteJournaled(ctx, store, state, found);
  return { created: await createJournaled(ctx, store, state, input), action: found === undefined ? 'created' : 'replaced' };
}

function notesFor(input: BudgetInput, name: string): string[] {
  const notes = [
    `The budget counts only cost tagged gm:deployment=${name}: activate gm:deployment as a cost-allocation tag in Billing, or it stays at $0.`,
    'AWS Budgets updates a few times a day from billing data that lags about a day; alerts are not instant.',
  ];
  if (input.email === null) notes.push('No alerts: AWS sends budget alerts only to a subscriber. Pass --email ADDR to be told at 80% and 100%.');
  return notes;
}

/** `gm cost budget NAME --monthly USD [--email ADDR]`: one AWS Budgets budget per deployment, journaled so destroy removes it. */
export async function costBudget(options: CostBudgetOptions): Promise<CostBudgetResult> {
  const input = validate(options);
  const store = openStateStore(options.env);
  await readDeployment(store, options.name); // "not found" before a lock would create anything
  const lock = await store.lock(options.name, 'cost budget');
  try {
    const state = await readDeployment(store, options.name);
    const aws = await createAwsContext({ region: state.region, profile: options.connection.profile, endpointUrl: options.connection.endpointUrl ?? state.endpointUrl });
    try {
      const identity = { name: state.name, deploymentId: state.deploymentId, tier: state.tier, userTags: state.spec.tags };
      const ctx: ResourceContext = { aws, identity, wait: { minDelaySeconds: 1, maxDelaySeconds: 2, maxWaitSeconds: 60 }, progress: (detail) => options.reporter.info(detail), warn: options.warn };
      const { created, action } = await ensureBudget(ctx, store, state, input);
      await writeDeployment(store, withStep(state, budgetStep(input), created));
      const notes = notesFor(input, state.name);
      if (input.email === null) options.warn(notes[notes.length - 1] ?? '');
      options.reporter.success(`Budget ${created.ref.id}: $${input.monthlyUsd.toFixed(2)}/month for ${state.name} (${action}).`);
      return {
        name: state.name, budgetName: budgetName(identity), accountId: created.ref.extra?.accountId ?? '', monthlyUsd: input.monthlyUsd,
        tagFilter: deploymentTagFilter(state.name), alertPercents: input.email === null ? [] : [...BUDGET_ALERT_PERCENTS], email: input.email, action, notes,
      };
    } finally {
      aws.destroy();
    }
  } finally {
    await lock.release();
  }
}
