import { Args } from '@oclif/core';
import { deploySpecFlags, GmCommand, specInputFromFlags } from '@geusemaker/kit/command';
import { assertPreflight } from '@geusemaker/kit/health';
import { TIERS } from '@geusemaker/kit/spec';
import { checkTable, summaryLine } from '../services/check-table.js';
import { preflight, type PreflightResult } from '../services/preflight.js';

export default class Preflight extends GmCommand<typeof Preflight, PreflightResult> {
  static override summary = 'Check that a deployment can succeed before creating anything (read-only).';
  static override description =
    'Reads the deploy flags like `gm deploy`, then checks: credentials (STS); permission for exactly the IAM actions the plan ' +
    'calls (iam:SimulatePrincipalPolicy, or one probing call per service when that is denied); quotas (Service Quotas: ' +
    'vCPUs of the market and family, VPCs, Elastic IPs; "unknown" when the API cannot say); the instance types offered in ' +
    "the region's AZs and matching the AMI architecture, with a GPU for tier3; the name unused (local state and tags); spec " +
    'sanity. Prints a pass/warn/fail table with a remediation per failure; exits 3 when any check fails.';
  static override examples = [
    '<%= config.bin %> preflight tier1 --name demo',
    '<%= config.bin %> preflight tier3 --name gpu --instance-type g5.xlarge --json',
  ];

  static override args = { tier: Args.string({ description: 'The tier to check.', options: [...TIERS], required: true }) };
  static override flags = { ...deploySpecFlags };

  protected async execute(): Promise<PreflightResult> {
    const tier = this.args.tier as (typeof TIERS)[number];
    const result = await preflight({ specInput: specInputFromFlags(this.flags, tier), configFile: this.flags.config, env: process.env, connection: this.awsConnection });
    for (const c of result.checks.filter((item) => item.status === 'warn')) this.addWarning(`${c.title}: ${c.detail}`);
    if (result.status === 'fail') this.reporter.info(`${checkTable(result.checks)}\n`);
    assertPreflight(result);
    return result;
  }

  protected override renderText(result: PreflightResult): string {
    return [`Preflight of ${result.name} (${result.tier}, ${result.region}): ${summaryLine(result.checks)}`, '', checkTable(result.checks)].join('\n');
  }
}
