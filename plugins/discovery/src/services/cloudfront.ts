import type { AwsContext, DistributionSummary } from '@geusemaker/kit/aws';
import { discover, type DiscoveryMeta, type DiscoveryRequest } from './discovery.js';

/** One row of `gm discover cloudfront`. */
export interface DistributionRow {
  readonly distributionId: string;
  readonly domainName: string | null;
  /** Deployed or InProgress. */
  readonly status: string | null;
  readonly enabled: boolean;
  readonly aliases: readonly string[];
  /** The domain name of each origin. */
  readonly origins: readonly string[];
  readonly comment: string | null;
}

export interface DistributionsResult extends DiscoveryMeta {
  readonly distributions: readonly DistributionRow[];
}

const distributionRow = (distribution: DistributionSummary): DistributionRow => ({
  distributionId: distribution.Id ?? '',
  domainName: distribution.DomainName ?? null,
  status: distribution.Status ?? null,
  enabled: distribution.Enabled === true,
  aliases: distribution.Aliases?.Items ?? [],
  origins: (distribution.Origins?.Items ?? []).map((origin) => origin.DomainName ?? '?'),
  comment: distribution.Comment === undefined || distribution.Comment === '' ? null : distribution.Comment,
});

async function fetchDistributions(aws: AwsContext): Promise<DistributionRow[]> {
  const distributions = await aws.cloudfront.listDistributions();
  return distributions.map(distributionRow).sort((a, b) => a.distributionId.localeCompare(b.distributionId));
}

/** `gm discover cloudfront` (distributions are global; the cache file still sits under the region asked). */
export async function discoverDistributions(options: DiscoveryRequest): Promise<DistributionsResult> {
  const { value, ...meta } = await discover(options, 'cloudfront', {}, fetchDistributions);
  return { ...meta, distributions: value };
}
