import { resolveRegion } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { ConfigError } from '@geusemaker/kit/errors';
import {
  estimate,
  explainExclusion,
  instanceShape,
  offeringsFromPriceBook,
  placementScore,
  requirementsForTier,
  selectPlacement,
  unmetRequirement,
  type CostEstimate,
  type PlacementOption,
  type PlacementScoreFigure,
  type PriceBook,
} from '@geusemaker/kit/pricing';
import { loadSpec, type DeploymentSpec, type Tier } from '@geusemaker/kit/spec';
import { defaultCandidateTypes, loadPriceBook } from './prices.js';

export interface CostEstimateOptions {
  readonly tier: Tier;
  /** Spec values from the deploy flags (specInputFromFlags). */
  readonly specInput: Partial<DeploymentSpec>;
  readonly configFile: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly connection: AwsConnectionOptions;
  readonly offline: boolean;
  readonly warn: (message: string) => void;
}

/** The estimate (its warnings go to the envelope instead), with where the instance would run. */
export type CostEstimateResult = Omit<CostEstimate, 'warnings'> & {
  /** The AZ (ID) whose spot price the estimate uses, when spot. */
  readonly azId: string | null;
  /** The spot placement score there (1–10), when known. */
  readonly placementScore: PlacementScoreFigure | null;
  /** The instance types that were compared. */
  readonly candidates: readonly string[];
};

/** A name is required by the spec but means nothing to an estimate. */
const PLACEHOLDER_NAME = 'cost-estimate';

function chooseOption(spec: DeploymentSpec, tier: Tier, region: string, types: readonly string[], explicit: boolean, book: PriceBook): PlacementOption {
  const outcome = selectPlacement(
    {
      regions: [region],
      instanceTypes: types,
      // Named types are estimated as asked (a warning says when one is below the tier's needs).
      ...(explicit ? {} : { requirements: requirementsForTier(tier, 'x86_64') }),
      offerings: offeringsFromPriceBook(book, [region]),
      market: spec.market,
      maxHourlyPrice: spec.maxHourlyPrice,
    },
    book,
  );
  if (outcome.kind === 'options' && outcome.options[0] !== undefined) return outcome.options[0];
  const details = outcome.excluded.slice(0, 5).map(explainExclusion).join('; ');
  const why = outcome.kind === 'none' ? outcome.why : 'No option is left.';
  throw new ConfigError({
    code: 'NO_FEASIBLE_PLACEMENT',
    message: `${why}${details === '' ? '' : ` (${details})`}`,
    hint: 'Name instance types the region offers (--instance-type), another --region, a higher --max-hourly-price, or --market auto.',
    issues: [{ pointer: '/instanceTypes', message: why, fix: 'allow other instance types, markets or regions' }],
  });
}

function belowRequirements(tier: Tier, region: string, types: readonly string[], book: PriceBook): string[] {
  return types.flatMap((type) => {
    const shape = instanceShape(book, region, type);
    const unmet = shape === undefined ? undefined : unmetRequirement(shape, requirementsForTier(tier, 'x86_64'));
    return unmet === undefined ? [] : [`${type} (${unmet.detail}) is below what ${tier}'s stack needs; the estimate is for it as asked.`];
  });
}

/** `gm cost estimate tierN`: the spec → candidate types → live prices (or the snapshot) → the cheapest option → its cost. */
export async function costEstimate(options: CostEstimateOptions): Promise<CostEstimateResult> {
  const flags = options.specInput.name === undefined && options.env.GM_NAME === undefined ? { ...options.specInput, name: PLACEHOLDER_NAME } : options.specInput;
  const { spec } = await loadSpec({ flags: { ...flags, tier: options.tier }, env: options.env, configFile: options.configFile });
  const region = await resolveRegion(spec.region ?? options.connection.region, options.connection.profile);
  const explicit = spec.instanceTypes !== undefined && spec.instanceTypes.length > 0;
  const candidates = explicit ? [...new Set(spec.instanceTypes)] : defaultCandidateTypes(options.tier, region);
  const { book, warnings } = await loadPriceBook({ regions: [region], instanceTypes: candidates, connection: options.connection, offline: options.offline, env: options.env });
  warnings.forEach(options.warn);
  if (explicit) belowRequirements(options.tier, region, candidates, book).forEach(options.warn);
  const best = chooseOption(spec, options.tier, region, candidates, explicit, book);
  const azId = best.market === 'spot' ? best.azId : undefined;
  const { warnings: estimateWarnings, ...result } = estimate({ tier: options.tier, region, instanceType: best.instanceType, market: best.market, azId }, book);
  estimateWarnings.forEach(options.warn);
  return { ...result, azId: azId ?? null, placementScore: azId === undefined ? null : (placementScore(book, region, azId, best.instanceType) ?? null), candidates };
}
