import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { costBudget, type CostBudgetResult } from '../../services/budget.js';

export default class CostBudget extends GmCommand<typeof CostBudget, CostBudgetResult> {
  static override summary = 'Create (or update) an AWS Budgets monthly cost budget for a deployment, with alerts at 80% and 100%.';
  static override description =
    'The budget counts only cost tagged gm:deployment=NAME (activate that tag for cost allocation in Billing). With ' +
    '--email, AWS e-mails the address when actual spend passes 80% and 100% of the limit. Running it again with other ' +
    'values replaces the budget; with the same values it changes nothing. `gm destroy NAME` deletes the budget.';
  static override examples = [
    '<%= config.bin %> cost budget demo --monthly 40 --email ops@example.com',
    '<%= config.bin %> cost budget demo --monthly 25 --json',
  ];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = {
    monthly: Flags.string({ required: true, description: 'Monthly limit in USD, e.g. 40 or 12.50.' }),
    email: Flags.string({ description: 'E-mail address to alert at 80% and 100% of actual spend.' }),
  };

  protected async execute(): Promise<CostBudgetResult> {
    return costBudget({
      name: this.args.name,
      monthlyUsd: Number(this.flags.monthly),
      email: this.flags.email,
      env: process.env,
      connection: this.awsConnection,
      reporter: this.reporter,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: CostBudgetResult): string {
    const alerts = result.alertPercents.length === 0 ? 'none (no --email)' : `${result.alertPercents.join('% and ')}% of actual spend, to ${result.email ?? ''}`;
    return [
      `Budget ${result.budgetName} (${result.action}): $${result.monthlyUsd.toFixed(2)}/month in account ${result.accountId}`,
      `Counts:  cost tagged ${result.tagFilter}`,
      `Alerts:  ${alerts}`,
      ...result.notes.map((note) => `note: ${note}`),
    ].join('\n');
  }
}
