import { createAwsContext, resolveRegion, type AwsContext } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { UsageError } from '@geusemaker/kit/errors';
import { MANAGED_BY_VALUE, TAG } from '@geusemaker/kit/resources';
import { discoveryCachePath, throughCache, type DiscoveryWhat } from './cache.js';

/** What every `gm discover …` takes besides its own filters. */
export interface DiscoveryRequest {
  readonly connection: AwsConnectionOptions;
  /** --refresh: ask AWS even when the cache holds a fresh answer. */
  readonly refresh: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly warn: (message: string) => void;
  readonly now?: () => Date;
}

/** Every `gm discover …` result: the region asked, when the answer was fetched, and whether it came from the cache. */
export interface DiscoveryMeta {
  readonly region: string;
  readonly fetchedAt: string;
  readonly fromCache: boolean;
}

/**
 * One listing through the cache: resolve the region, answer from `GM_HOME/cache/discovery/<region>/<what>.json` when
 * fresh, else build an AWS context (lazy clients: only the services `fetch` calls are loaded) and fetch.
 */
export async function discover<T>(
  request: DiscoveryRequest,
  what: DiscoveryWhat,
  filters: Readonly<Record<string, unknown>>,
  fetch: (aws: AwsContext) => Promise<T>,
): Promise<DiscoveryMeta & { readonly value: T }> {
  const { connection } = request;
  const region = await resolveRegion(connection.region, connection.profile);
  // Another account or endpoint is another answer: the key carries what selects them (flags, else the SDK's variables).
  const profile = connection.profile ?? request.env.AWS_PROFILE ?? null;
  const endpointUrl = connection.endpointUrl ?? request.env.AWS_ENDPOINT_URL ?? null;
  const key = JSON.stringify({ profile, endpointUrl, ...filters });
  const cacheRequest = { path: discoveryCachePath(request.env, region, what), key, refresh: request.refresh, now: request.now ?? (() => new Date()) };
  const cached = await throughCache(
    cacheRequest,
    async () => {
      const aws = await createAwsContext({ region, profile: connection.profile, endpointUrl: connection.endpointUrl });
      try {
        return await fetch(aws);
      } finally {
        aws.destroy();
      }
    },
    request.warn,
  );
  return { region, fetchedAt: cached.fetchedAt, fromCache: cached.fromCache, value: cached.value };
}

const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;

/** --vpc-id must look like a VPC id; AWS would answer a bad one with an error that names no flag. */
export function checkVpcId(vpcId: string | undefined): void {
  if (vpcId !== undefined && !VPC_ID.test(vpcId)) {
    throw new UsageError({ code: 'INVALID_VPC_ID', message: `--vpc-id ${vpcId} is not a VPC id.`, hint: 'VPC ids look like vpc-0123456789abcdef0: see `gm discover vpcs`.' });
  }
}

/** EC2 filters on `vpc-id` when the user named a VPC. */
export const vpcFilters = (vpcId: string | undefined): { Name: string; Values: string[] }[] | undefined =>
  vpcId === undefined ? undefined : [{ Name: 'vpc-id', Values: [vpcId] }];

/** EC2's and EFS's tag lists have the same shape. */
type Tags = readonly { readonly Key?: string | undefined; readonly Value?: string | undefined }[] | undefined;

const tagValue = (tags: Tags, key: string): string | undefined => tags?.find((tag) => tag.Key === key)?.Value;

/** The Name tag, or null. */
export const nameTag = (tags: Tags): string | null => tagValue(tags, 'Name') ?? null;

/** Whether gm created it: tagged `gm:managed-by=geusemaker`. */
export const isGmManaged = (tags: Tags): boolean => tagValue(tags, TAG.managedBy) === MANAGED_BY_VALUE;

/** The `gm:deployment` tag, or null. */
export const gmDeployment = (tags: Tags): string | null => tagValue(tags, TAG.deployment) ?? null;
