import { ConfigError } from '@geusemaker/kit/errors';
import type { CostEstimate } from '@geusemaker/kit/pricing';
import type { DeploymentSpec } from '@geusemaker/kit/spec';

/** --budget (monthly USD): warn at 80% of it, refuse above it unless --force. */
export function checkBudget(spec: DeploymentSpec, cost: CostEstimate, force: boolean, warn: (message: string) => void): void {
  if (spec.budget === undefined) return;
  const monthly = cost.total.monthly;
  const share = Math.round((monthly / spec.budget) * 100);
  if (monthly > spec.budget && !force) {
    throw new ConfigError({
      code: 'OVER_BUDGET',
      message: `The estimate, $${monthly.toFixed(2)}/month, is over the budget of $${spec.budget.toFixed(2)}/month (${share}%).`,
      hint: 'Raise --budget, pick a cheaper --instance-type or --market spot, or pass --force to deploy anyway.',
      issues: [{ pointer: '/budget', message: `estimate $${monthly.toFixed(2)} > budget $${spec.budget.toFixed(2)}`, fix: 'raise the budget or lower the cost' }],
    });
  }
  if (monthly >= spec.budget * 0.8) warn(`The estimate, $${monthly.toFixed(2)}/month, is ${share}% of the $${spec.budget.toFixed(2)} budget.`);
}
