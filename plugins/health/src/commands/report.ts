import { Args, Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { deploymentReport, type ReportResult } from '../services/report.js';

export default class Report extends GmCommand<typeof Report, ReportResult> {
  static override summary = "Render a deployment's checks as JSON, Markdown or a single self-contained HTML file.";
  static override description =
    'Every check of the last validation (gm deploy or gm validate) with its detail, remediation, log lines and timestamp, the ' +
    "deployment's facts and a summary. --refresh validates first. Without --output the document goes to stdout.";
  static override examples = [
    '<%= config.bin %> report demo --format md',
    '<%= config.bin %> report demo --format html --output demo.html',
    '<%= config.bin %> report demo --refresh --json',
  ];
  static override args = { name: Args.string({ required: true, description: 'Deployment name' }) };
  static override flags = {
    format: Flags.option({ options: ['json', 'md', 'html'] as const, default: 'md' as const, description: 'Document format.' })(),
    output: Flags.string({ description: 'Write the document to this file instead of stdout.' }),
    refresh: Flags.boolean({ description: 'Run gm validate first (and store it) instead of using the last validation.' }),
  };

  protected async execute(): Promise<ReportResult> {
    return deploymentReport({
      name: this.args.name, format: this.flags.format, refresh: this.flags.refresh, connection: this.awsConnection, env: process.env,
      ...(this.flags.output === undefined ? {} : { output: this.flags.output }),
    });
  }

  protected override renderText(result: ReportResult): string {
    if (result.document !== undefined) return result.document;
    return `Wrote the ${result.report.deployment.name} report (${result.report.status}, ${result.report.checks.length} checks) to ${result.output ?? ''}`;
  }
}
