import type { Budget, CreateBudgetCommandInput, Notification, NotificationWithSubscribers } from '../../aws/index.js';
import { ignoreMissing, required, unlessMissing } from '../compute/common.js';
import { resourceName, TAG } from '../tags.js';
import type { Created, DeploymentIdentity, ResourceContext, ResourceKind, ResourceRef } from '../types.js';

/**
 * An AWS Budgets budget for one deployment (`gm cost budget NAME --monthly USD`): monthly, on cost, filtered by the
 * deployment's cost-allocation tag, with ACTUAL-spend alerts at 80% and 100% of the limit. Budgets cannot carry
 * gm's tags the way EC2 resources do, so the budget is found by its deterministic name instead.
 */

/** A type alias (not an interface) so it stays assignable to the engine's `Record<string, unknown>` inputs. */
export type BudgetInput = { monthlyUsd: number; email: string | null };

/** Alert thresholds, in percent of the monthly limit, on actual (not forecast) spend. */
export const BUDGET_ALERT_PERCENTS = [80, 100] as const;

/** The budget's name: gm-<deployment>-budget-<first 8 of the deployment id>, so a reused name never collides. */
export function budgetName(identity: DeploymentIdentity): string {
  return resourceName(identity, `budget-${identity.deploymentId.slice(0, 8)}`);
}

/** Cost Explorer / Budgets spell a user cost-allocation tag filter as `user:<key>$<value>`. */
export function deploymentTagFilter(deployment: string): string {
  return `user:${TAG.deployment}$${deployment}`;
}

/** Budgets wants a decimal string; two decimals is what the console shows. */
function budgetAmount(usd: number): string {
  return usd.toFixed(2);
}

function alerts(email: string | null): NotificationWithSubscribers[] {
  if (email === null) return [];
  return BUDGET_ALERT_PERCENTS.map((percent) => ({
    Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: percent, ThresholdType: 'PERCENTAGE' },
    Subscribers: [{ SubscriptionType: 'EMAIL', Address: email }],
  }));
}

/** The CreateBudget request for a deployment's budget. Pure. */
export function createBudgetRequest(accountId: string, identity: DeploymentIdentity, input: BudgetInput): CreateBudgetCommandInput {
  return {
    AccountId: accountId,
    Budget: {
      BudgetName: budgetName(identity),
      BudgetType: 'COST',
      TimeUnit: 'MONTHLY',
      BudgetLimit: { Amount: budgetAmount(input.monthlyUsd), Unit: 'USD' },
      CostFilters: { TagKeyValue: [deploymentTagFilter(identity.name)] },
    },
    NotificationsWithSubscribers: alerts(input.email),
  };
}

/** Whether an existing budget already says what `input` asks (limit, tag filter, alert thresholds). Pure. */
export function budgetMatches(budget: Budget, notifications: readonly Notification[], identity: DeploymentIdentity, input: BudgetInput): boolean {
  const sameLimit = Number(budget.BudgetLimit?.Amount) === Number(budgetAmount(input.monthlyUsd));
  const sameFilter = JSON.stringify(budget.CostFilters?.TagKeyValue ?? []) === JSON.stringify([deploymentTagFilter(identity.name)]);
  const thresholds = notifications.filter((n) => n.NotificationType === 'ACTUAL').map((n) => n.Threshold).sort((a, b) => (a ?? 0) - (b ?? 0));
  const wanted = input.email === null ? [] : [...BUDGET_ALERT_PERCENTS];
  return sameLimit && sameFilter && JSON.stringify(thresholds) === JSON.stringify(wanted);
}

async function accountIdOf(ctx: ResourceContext): Promise<string> {
  return required((await ctx.aws.sts.getCallerIdentity()).Account, 'an account id (STS GetCallerIdentity)');
}

function budgetCreated(accountId: string, name: string, monthlyUsd: number): Created {
  return { ref: { kind: 'budget', id: name, extra: { accountId } }, outputs: { budgetName: name, accountId, monthlyUsd } };
}

async function describe(ctx: ResourceContext, accountId: string, name: string): Promise<Budget | undefined> {
  return unlessMissing(() => ctx.aws.budgets.describeBudget({ AccountId: accountId, BudgetName: name }));
}

function accountOf(ref: ResourceRef): string {
  return required(ref.extra?.accountId, `the account id of budget ${ref.id} in the journal`);
}

export const budgetKind: ResourceKind<BudgetInput> = {
  kind: 'budget',
  iamActions: ['budgets:ModifyBudget', 'budgets:ViewBudget', 'sts:GetCallerIdentity'],

  async create(ctx, input) {
    const accountId = await accountIdOf(ctx);
    const request = createBudgetRequest(accountId, ctx.identity, input);
    await ctx.aws.budgets.createBudget(request);
    return budgetCreated(accountId, budgetName(ctx.identity), input.monthlyUsd);
  },

  async findByTag(ctx, _meta, input) {
    const accountId = await accountIdOf(ctx);
    const found = await describe(ctx, accountId, budgetName(ctx.identity));
    return found === undefined ? undefined : budgetCreated(accountId, budgetName(ctx.identity), Number(found.BudgetLimit?.Amount ?? input.monthlyUsd));
  },

  async describe(ctx, id) {
    const accountId = await accountIdOf(ctx);
    const found = await describe(ctx, accountId, id);
    return found === undefined ? undefined : budgetCreated(accountId, id, Number(found.BudgetLimit?.Amount ?? 0));
  },

  async exists(ctx, ref) {
    return (await describe(ctx, accountOf(ref), ref.id)) !== undefined;
  },

  delete: (ctx, ref) => ignoreMissing(() => ctx.aws.budgets.deleteBudget({ AccountId: accountOf(ref), BudgetName: ref.id })),
};
