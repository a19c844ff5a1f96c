import { createAwsContext } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import {
  instanceShape,
  livePriceBook,
  priceCacheDir,
  priceBookFromSnapshot,
  readBundledSnapshot,
  requirementsForTier,
  unmetRequirement,
  type PriceBook,
} from '@geusemaker/kit/pricing';
import type { Tier } from '@geusemaker/kit/spec';

/**
 * Attempts per AWS call for price look-ups. Every price has a snapshot to fall back on, so gm gives up quickly (an
 * unreachable endpoint costs well under a second) rather than making the user wait through five attempts.
 */
const PRICE_CALL_ATTEMPTS = 3;

export interface PriceBookRequest {
  readonly regions: readonly string[];
  readonly instanceTypes: readonly string[];
  readonly connection: AwsConnectionOptions;
  /** Use the bundled snapshot only: no AWS call, no cache. */
  readonly offline: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export interface LoadedPriceBook {
  readonly book: PriceBook;
  readonly warnings: readonly string[];
}

/** The price book for the request: live (through the cache) over the snapshot, or the snapshot alone offline. */
export async function loadPriceBook(request: PriceBookRequest): Promise<LoadedPriceBook> {
  const snapshot = priceBookFromSnapshot();
  if (request.offline) {
    return { book: snapshot, warnings: [`--offline: every price comes from gm's bundled snapshot (as of ${readBundledSnapshot().snapshotDate}).`] };
  }
  const [firstRegion] = request.regions;
  const aws = await createAwsContext({
    region: firstRegion ?? request.connection.region,
    profile: request.connection.profile,
    endpointUrl: request.connection.endpointUrl,
    maxAttempts: PRICE_CALL_ATTEMPTS,
  });
  try {
    return await livePriceBook(aws, { regions: request.regions, instanceTypes: request.instanceTypes, cacheDir: priceCacheDir(request.env) }, snapshot);
  } finally {
    aws.destroy();
  }
}

/** The most vCPUs a default candidate may have, per tier: the cheapest sizes that run the stack, not the biggest. */
const MAX_DEFAULT_VCPUS: Readonly<Record<Tier, number>> = { tier1: 4, tier2: 4, tier3: 8 };

/** The instance types gm considers when the user names none: those the snapshot knows that meet the tier's needs. */
export function defaultCandidateTypes(tier: Tier, region: string, book: PriceBook = priceBookFromSnapshot()): string[] {
  const requirements = requirementsForTier(tier, 'x86_64');
  return Object.keys(book.regions[region]?.instanceTypes ?? {})
    .filter((type) => {
      const shape = instanceShape(book, region, type);
      return shape !== undefined && unmetRequirement(shape, requirements) === undefined && shape.vCPUs <= MAX_DEFAULT_VCPUS[tier];
    })
    .sort();
}
