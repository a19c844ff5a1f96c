import { budgetMatches, budgetName, createBudgetRequest, deploymentTagFilter } from '@geusemaker/kit/resources';

const identity = { name: 'demo', deploymentId: '0123abcd-0000-4000-8000-000000000000', tier: 'tier1' as const, userTags: {} };

describe('budget kind (pure parts)', () => {
  it('asks for a monthly cost budget filtered by the deployment tag, with alerts at 80% and 100% of actual spend', () => {
    const request = createBudgetRequest('123456789012', identity, { monthlyUsd: 12.5, email: 'ops@example.com' });
    expect(request).toEqual({
      AccountId: '123456789012',
      Budget: {
        BudgetName: 'gm-demo-budget-0123abcd',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: '12.50', Unit: 'USD' },
        CostFilters: { TagKeyValue: ['user:gm:deployment$demo'] },
      },
      NotificationsWithSubscribers: [80, 100].map((Threshold) => ({
        Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold, ThresholdType: 'PERCENTAGE' },
        Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ops@example.com' }],
      })),
    });
    expect(createBudgetRequest('1', identity, { monthlyUsd: 5, email: null }).NotificationsWithSubscribers).toEqual([]);
    expect(budgetName(identity)).toBe('gm-demo-budget-0123abcd');
    expect(deploymentTagFilter('demo')).toBe('user:gm:deployment$demo');
  });

  it('matches an existing budget only when limit, tag filter and alert thresholds are all as asked', () => {
    const budget = { BudgetName: 'b', BudgetLimit: { Amount: '40.0', Unit: 'USD' }, CostFilters: { TagKeyValue: ['user:gm:deployment$demo'] }, TimeUnit: 'MONTHLY' as const, BudgetType: 'COST' as const };
    const alerts = [100, 80].map((Threshold) => ({ NotificationType: 'ACTUAL' as const, ComparisonOperator: 'GREATER_THAN' as const, Threshold }));
    expect(budgetMatches(budget, alerts, identity, { monthlyUsd: 40, email: 'a@b.co' })).toBe(true);
    expect(budgetMatches(budget, alerts, identity, { monthlyUsd: 41, email: 'a@b.co' })).toBe(false);
    expect(budgetMatches(budget, [], identity, { monthlyUsd: 40, email: 'a@b.co' })).toBe(false);
    expect(budgetMatches(budget, [], identity, { monthlyUsd: 40, email: null })).toBe(true);
    expect(budgetMatches({ ...budget, CostFilters: {} }, alerts, identity, { monthlyUsd: 40, email: 'a@b.co' })).toBe(false);
  });
});
