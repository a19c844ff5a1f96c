import { Args } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { costReport, type CostReportResult, type DeploymentCostReport } from '../../services/report.js';
import { table, usd } from '../../services/table.js';

function actualText(report: DeploymentCostReport): string {
  if (report.actual === 'unknown') return 'unknown';
  return report.actual.currency === 'USD' ? usd(report.actual.usd, 2) : `${report.actual.usd.toFixed(2)} ${report.actual.currency}`;
}

export default class CostReport extends GmCommand<typeof CostReport, CostReportResult> {
  static override summary = 'Estimated cost to date and actual spend (Cost Explorer, by the gm:deployment tag) of deployments.';
  static override description =
    'The estimate to date sums the hourly estimate recorded in state for each period the instance ran. The actual spend ' +
    'comes from Cost Explorer GetCostAndUsage grouped by the gm:deployment cost-allocation tag (daily rows over a month ' +
    'or less, else monthly): the tag must be activated in Billing, and the data lags about a day. When Cost Explorer is ' +
    'denied or unreachable, the actual spend is "unknown" and the command still succeeds.';
  static override examples = ['<%= config.bin %> cost report', '<%= config.bin %> cost report demo --json'];
  static override args = { name: Args.string({ description: 'Deployment name (every deployment when omitted).' }) };

  protected async execute(): Promise<CostReportResult> {
    return costReport({ name: this.args.name, env: process.env, connection: this.awsConnection, warn: (message) => this.addWarning(message) });
  }

  protected override renderText(result: CostReportResult): string {
    if (result.deployments.length === 0) return ['No deployments in this state store.', '', ...result.notes.map((note) => `note: ${note}`)].join('\n');
    const rows = result.deployments.map((report) => [
      report.name,
      report.status,
      report.region,
      report.estimated.hours.toFixed(1),
      report.estimated.hourly === null ? '-' : usd(report.estimated.hourly),
      usd(report.estimated.usd, 2),
      actualText(report),
    ]);
    const since = result.query === null ? '' : `actual: Cost Explorer ${result.query.granularity.toLowerCase()}, ${result.query.start} to ${result.query.end} (end exclusive)`;
    return [table(['NAME', 'STATUS', 'REGION', 'HOURS', 'NOW/H', 'ESTIMATED', 'ACTUAL'], rows, [3, 4, 5, 6]), '', since, ...result.notes.map((note) => `note: ${note}`)].join('\n');
  }
}
