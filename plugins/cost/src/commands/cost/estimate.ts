import { Args, Flags } from '@oclif/core';
import { deploySpecFlags, GmCommand, specInputFromFlags } from '@geusemaker/kit/command';
import { TIERS } from '@geusemaker/kit/spec';
import { costEstimate, type CostEstimateResult } from '../../services/estimate.js';
import { percent, table, usd } from '../../services/table.js';

export default class CostEstimate extends GmCommand<typeof CostEstimate, CostEstimateResult> {
  static override summary = 'Estimate what a deployment of a tier costs per hour and per month (730 h).';
  static override description =
    'Reads the deploy flags like `gm deploy`, picks the cheapest option among the allowed instance types (spot first with ' +
    '--market auto), and prices every component: compute, EBS, EFS, public IPv4, data transfer, and for tier2/tier3 the ALB ' +
    'and CloudFront. Live prices come from the AWS Price List and spot APIs (cached under GM_HOME/cache/prices); when they ' +
    'are unreachable or denied, the bundled snapshot is used and labelled as such.';
  static override examples = [
    '<%= config.bin %> cost estimate tier1',
    '<%= config.bin %> cost estimate tier1 --instance-type t3.large --on-demand --json',
    '<%= config.bin %> cost estimate tier3 --region us-west-2 --offline',
  ];

  static override args = {
    tier: Args.string({ description: 'The tier to price.', options: [...TIERS], required: true }),
  };

  static override flags = {
    ...deploySpecFlags,
    offline: Flags.boolean({ description: "Use only gm's bundled price snapshot: no AWS call." }),
  };

  protected async execute(): Promise<CostEstimateResult> {
    const tier = this.args.tier as (typeof TIERS)[number];
    return costEstimate({
      tier,
      specInput: specInputFromFlags(this.flags, tier),
      configFile: this.flags.config,
      env: process.env,
      connection: this.awsConnection,
      offline: this.flags.offline,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: CostEstimateResult): string {
    const where = result.azId === null ? result.region : `${result.region} (${result.azId})`;
    const rows = result.components.map((part) =>
      part.unknown === undefined
        ? [part.kind, usd(part.hourly), usd(part.monthly, 2), `${part.source.kind} ${part.source.date}`, part.assumption]
        : [part.kind, 'unknown', 'unknown', '-', part.unknown],
    );
    const excluded = result.total.excludes === undefined ? '' : `excludes ${result.total.excludes.join(', ')} (price unknown)`;
    const lines = [
      `${result.tier} on ${result.instanceType}, ${result.market}, in ${where}`,
      '',
      table(['COMPONENT', 'HOURLY', 'MONTHLY', 'SOURCE', 'ASSUMPTION'], [...rows, ['total', usd(result.total.hourly), usd(result.total.monthly, 2), '', excluded]], [1, 2]),
      '',
      `on-demand: ${usd(result.onDemandTotal.hourly)}/h  ${usd(result.onDemandTotal.monthly, 2)}/month`,
      result.spotTotal === undefined
        ? 'spot:      no spot price known'
        : `spot:      ${usd(result.spotTotal.hourly)}/h  ${usd(result.spotTotal.monthly, 2)}/month  (saves ${percent(result.savingsPercent)})`,
      `prices:    ${result.source.kind}, as of ${result.source.date} (the least live source among all figures)`,
    ];
    return lines.join('\n');
  }
}
