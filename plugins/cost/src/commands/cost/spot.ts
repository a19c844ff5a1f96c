import { Flags } from '@oclif/core';
import { GmCommand } from '@geusemaker/kit/command';
import { spotPrices, type SpotPricesResult } from '../../services/spot.js';
import { percent, table, usd } from '../../services/table.js';

export default class CostSpot extends GmCommand<typeof CostSpot, SpotPricesResult> {
  static override summary = 'Show current spot prices per AZ, the on-demand price, the savings and the spot placement score.';
  static override description =
    'One DescribeSpotPriceHistory, one GetSpotPlacementScores and one Price List GetProducts call per region, all regions in ' +
    'parallel; answers are cached (spot for 10 minutes, on-demand for 3 days). Without --instance-type, the instance types ' +
    'tier1 would consider are shown.';
  static override examples = [
    '<%= config.bin %> cost spot',
    '<%= config.bin %> cost spot --instance-type t3.large --instance-type m7i.large --region us-east-1 --region eu-west-1',
    '<%= config.bin %> cost spot --instance-type g4dn.xlarge --json',
  ];

  static override flags = {
    'instance-type': Flags.string({ multiple: true, description: 'Instance type to show (repeatable).' }),
    // Replaces the global --region: this command compares several.
    region: Flags.string({ char: 'r', multiple: true, description: 'Region to show (repeatable; default the configured region).', helpGroup: 'GLOBAL' }),
    offline: Flags.boolean({ description: "Use only gm's bundled price snapshot: no AWS call." }),
  };

  protected async execute(): Promise<SpotPricesResult> {
    // The override of the global --region makes the inferred flag types collide; these are the parsed values.
    const flags = this.flags as unknown as { region?: string[]; 'instance-type'?: string[]; offline: boolean };
    return spotPrices({
      regions: flags.region ?? [],
      instanceTypes: flags['instance-type'] ?? [],
      connection: { ...this.awsConnection, region: undefined },
      offline: flags.offline,
      env: process.env,
      warn: (message) => this.addWarning(message),
    });
  }

  protected override renderText(result: SpotPricesResult): string {
    const rows = result.zones.map((row) => [
      row.region,
      row.instanceType,
      row.azId ?? '-',
      usd(row.spotHourly),
      usd(row.onDemandHourly),
      percent(row.savingsPercent),
      row.placementScore === null ? '-' : String(row.placementScore),
      row.spotSource === null ? (row.onDemandSource?.kind ?? '-') : `${row.spotSource.kind} ${row.spotSource.date}`,
    ]);
    const lines = [table(['REGION', 'TYPE', 'AZ', 'SPOT/H', 'ON-DEMAND/H', 'SAVINGS', 'SCORE', 'SOURCE'], rows, [3, 4, 5, 6])];
    const best = result.cheapest;
    if (best !== null) lines.push('', `cheapest: ${best.instanceType} in ${best.azId} (${best.region}) at ${usd(best.spotHourly)}/h, ${percent(best.savingsPercent)} below on-demand`);
    return lines.join('\n');
  }
}
