import { createAwsContext } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { CapacityError, ConfigError } from '@geusemaker/kit/errors';
import type { PlannedPlacement } from '@geusemaker/kit/plan';
import {
  explainExclusion,
  instanceShape,
  livePriceBook,
  priceBookFromSnapshot,
  priceCacheDir,
  requirementsForTier,
  selectPlacement,
  unmetRequirement,
  type Offerings,
  type PlacementOption,
  type PriceBook,
} from '@geusemaker/kit/pricing';
import type { DeploymentSpec } from '@geusemaker/kit/spec';
import type { ZoneInfo } from './preflight.js';

/** How many launch options the instance step may walk on capacity errors before giving up (exit 5). */
const MAX_PLACEMENTS = 10;

export interface PlacementChoice {
  placements: PlannedPlacement[];
  /** The AZ names for the two new subnets: where the best options are. */
  availabilityZones: string[];
  best: PlacementOption;
  /** Cheapest on-demand option of the chosen type (for the cost comparison). */
  options: readonly PlacementOption[];
}

/** The instance types gm considers: the user's, else every type the price data knows that meets tier 1's needs. */
export function candidateTypes(spec: DeploymentSpec, region: string, book: PriceBook = priceBookFromSnapshot()): string[] {
  if (spec.instanceTypes !== undefined && spec.instanceTypes.length > 0) return spec.instanceTypes;
  const requirements = requirementsForTier(spec.tier, 'x86_64');
  return Object.keys(book.regions[region]?.instanceTypes ?? {}).filter((type) => {
    const shape = instanceShape(book, region, type);
    return shape !== undefined && unmetRequirement(shape, requirements) === undefined && shape.vCPUs <= 4;
  });
}

/** Attempts per price call: every price has a snapshot figure to fall back on, so a dead endpoint costs little. */
const PRICE_CALL_ATTEMPTS = 3;

/**
 * The prices deploy ranks with: the same live book as `gm cost estimate` (Price List on-demand, spot history,
 * placement scores — through the GM_HOME price cache), each figure falling back to the bundled snapshot with a
 * warning when its API is unreachable or denied. `--dry-run` does not come here: it makes no AWS call.
 */
export async function livePlacementBook(connection: AwsConnectionOptions, region: string, spec: DeploymentSpec, env: NodeJS.ProcessEnv, warn: (message: string) => void): Promise<PriceBook> {
  const snapshot = priceBookFromSnapshot();
  const aws = await createAwsContext({ region, profile: connection.profile, endpointUrl: connection.endpointUrl, maxAttempts: PRICE_CALL_ATTEMPTS });
  try {
    const { book, warnings } = await livePriceBook(aws, { regions: [region], instanceTypes: candidateTypes(spec, region, snapshot), cacheDir: priceCacheDir(env) }, snapshot);
    warnings.forEach(warn);
    return book;
  } finally {
    aws.destroy();
  }
}

function noOption(why: string, spec: DeploymentSpec): ConfigError | CapacityError {
  const hint = 'Allow more instance types (--instance-type), another region (--region), a higher --max-hourly-price, or --market auto.';
  if (spec.instanceTypes !== undefined || spec.maxHourlyPrice !== undefined) {
    return new ConfigError({ code: 'NO_FEASIBLE_PLACEMENT', message: why, hint, issues: [{ pointer: '/instanceTypes', message: why, fix: hint }] });
  }
  return new CapacityError({ code: 'NO_FEASIBLE_PLACEMENT', message: why, hint });
}

/**
 * Ranks where to launch (pure, over the PriceBook): cheapest effective price first, spot before on-demand for
 * `auto`. The two AZs of the best options get the subnets; the placement list keeps the options in those AZs.
 */
export function choosePlacements(
  spec: DeploymentSpec,
  region: string,
  zones: readonly ZoneInfo[],
  offered: Offerings,
  book: PriceBook,
  /** AZ names the instance must land in (those of reused subnets). */
  onlyZones?: readonly string[],
): PlacementChoice {
  const outcome = selectPlacement(
    {
      regions: [region],
      instanceTypes: candidateTypes(spec, region, book),
      requirements: requirementsForTier(spec.tier, 'x86_64'),
      offerings: offered,
      market: spec.market,
      maxHourlyPrice: spec.maxHourlyPrice,
    },
    book,
  );
  if (outcome.kind === 'none') {
    const details = outcome.excluded.slice(0, 5).map(explainExclusion).join('; ');
    throw noOption(`${outcome.why}${details ? ` (${details})` : ''}`, spec);
  }
  const nameOf = new Map(zones.map((zone) => [zone.zoneId, zone.name]));
  const azName = (azId: string): string => nameOf.get(azId) ?? azId;
  const ranked = onlyZones === undefined ? outcome.options : outcome.options.filter((option) => onlyZones.includes(azName(option.azId)));
  if (ranked.length === 0) throw noOption(`None of the allowed instance types is offered in the reused subnets' zones (${onlyZones?.join(', ')}).`, spec);
  const availabilityZones = onlyZones === undefined ? [...new Set(ranked.map((option) => azName(option.azId)))].slice(0, 2) : [...onlyZones];
  if (availabilityZones.length < 2) {
    const other = zones.map((zone) => zone.name).find((name) => !availabilityZones.includes(name));
    if (other !== undefined) availabilityZones.push(other);
  }
  const placements = ranked
    .filter((option) => availabilityZones.includes(azName(option.azId)))
    .slice(0, MAX_PLACEMENTS)
    .map((option) => ({ availabilityZone: azName(option.azId), instanceType: option.instanceType, market: option.market }));
  const best = ranked[0] as PlacementOption;
  return { placements, availabilityZones, best, options: ranked };
}
