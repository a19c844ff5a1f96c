import { GmCommand } from '@geusemaker/kit/command';
import { refreshFlag } from '../../flags.js';
import { discoverDistributions, type DistributionsResult } from '../../services/cloudfront.js';
import { orDash, table, yesNo } from '../../services/table.js';

export default class DiscoverCloudFront extends GmCommand<typeof DiscoverCloudFront, DistributionsResult> {
  static override summary = 'List CloudFront distributions: domain, status, enabled, aliases, origins.';
  static override description =
    'CloudFront is global: every distribution of the account is listed whatever the region. Cached for 5 minutes; --refresh ' +
    'asks AWS again.';
  static override examples = ['<%= config.bin %> discover cloudfront', '<%= config.bin %> discover cloudfront --json'];

  static override flags = {
    refresh: refreshFlag,
  };

  protected async execute(): Promise<DistributionsResult> {
    return discoverDistributions({ refresh: this.flags.refresh, connection: this.awsConnection, env: process.env, warn: (message) => this.addWarning(message) });
  }

  protected override renderText(result: DistributionsResult): string {
    if (result.distributions.length === 0) return 'No CloudFront distribution.';
    const rows = result.distributions.map((d) => [
      d.distributionId,
      orDash(d.domainName),
      orDash(d.status),
      yesNo(d.enabled),
      orDash(d.aliases.join(',')),
      orDash(d.origins.join(',')),
    ]);
    return table(['ID', 'DOMAIN', 'STATUS', 'ENABLED', 'ALIASES', 'ORIGINS'], rows);
  }
}
