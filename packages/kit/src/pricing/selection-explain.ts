import type { Market } from '../spec/types.js';
import { fromMicros } from './money.js';
import type { Candidate, ExcludedCandidate, ExclusionReason, PlacementOption, SelectionInput } from './selection.js';

const REASON_WORDS: Readonly<Record<ExclusionReason, string>> = {
  'unknown-instance-type': 'unknown instance type',
  'not-offered': 'not offered',
  'wrong-architecture': 'wrong architecture',
  'no-gpu': 'no GPU',
  'unwanted-gpu': 'GPU not needed',
  'too-small': 'too small',
  'no-price': 'no price',
  'over-max-price': 'over the max hourly price',
  'dominated-by-on-demand': 'spot no cheaper than on-demand',
};

function usd(micros: number): string {
  return `$${fromMicros(micros)}/h`;
}

function scoreWords(candidate: Pick<Candidate, 'market' | 'score' | 'penaltyPercent'>): string {
  if (candidate.market === 'on-demand') return 'no interruption risk';
  const factor = `×${(candidate.penaltyPercent / 100).toFixed(2)}`;
  return candidate.score === undefined ? `placement score unknown (${factor})` : `placement score ${candidate.score.score} (${factor})`;
}

/** Why a candidate holds its place in the list, in one sentence. */
export function optionReason(candidate: Candidate, cheapestRemaining: Candidate, market: Market): string {
  const price = `${candidate.market} at ${usd(candidate.hourlyMicros)}, ${scoreWords(candidate)}`;
  const fallback = market === 'auto' && candidate.market === 'on-demand' ? 'on-demand fallback after every spot option; ' : '';
  if (candidate === cheapestRemaining) return `${fallback}${price}: the cheapest ${candidate.market} option left`;
  const cheapest = `${cheapestRemaining.instanceType} in ${cheapestRemaining.azId} at ${usd(cheapestRemaining.hourlyMicros)}`;
  return (
    `${fallback}${price}: within 5% of the cheapest ${candidate.market} option left (${cheapest}) and a lower effective ` +
    `price (${usd(candidate.effectiveMicros)} vs ${usd(cheapestRemaining.effectiveMicros)})`
  );
}

/** A multi-line account of one option: price and its provenance, score, penalty, and why it ranks where it does. */
export function explain(option: PlacementOption): string {
  const { price, score } = option;
  const asOf = `${price.asOf}${price.asOfAssumed === true ? ', date assumed' : ''}`;
  const scoreLine =
    option.market === 'on-demand'
      ? 'placement score: not used for on-demand'
      : `placement score: ${score === undefined ? 'unknown' : `${score.score} (${score.source}, ${score.asOf})`} → ×${(option.penaltyPercent / 100).toFixed(2)}`;
  return [
    `#${option.rank} ${option.market} ${option.instanceType} in ${option.region} (AZ ID ${option.azId})`,
    `  price: $${option.hourly}/h (${price.source}, as of ${asOf})`,
    `  ${scoreLine}`,
    `  effective price: $${option.effectivePrice}/h`,
    `  why here: ${option.reason}`,
  ].join('\n');
}

/** One line saying what was ruled out and why. */
export function explainExclusion(excluded: ExcludedCandidate): string {
  const where = `${excluded.region}${excluded.azId === undefined ? '' : ` ${excluded.azId}`}`;
  const market = excluded.market === undefined ? '' : ` ${excluded.market}`;
  return `${excluded.instanceType}${market} in ${where}: ${REASON_WORDS[excluded.reason]} (${excluded.detail})`;
}

/** Why nothing is left, counting each reason; for a price cap, the cheapest price that was over it. */
export function noOptionsWhy(input: SelectionInput, excluded: readonly ExcludedCandidate[]): string {
  if (input.regions.length === 0) return 'No region to choose from.';
  if (excluded.length === 0) return 'No candidate instance types: none given, or the price book knows none in these regions.';
  const counts = new Map<ExclusionReason, number>();
  for (const exclusion of excluded) counts.set(exclusion.reason, (counts.get(exclusion.reason) ?? 0) + 1);
  const parts = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => `${count} ${REASON_WORDS[reason]}`);
  const overMax = excluded
    .filter((exclusion) => exclusion.reason === 'over-max-price' && exclusion.hourly !== undefined)
    .sort((a, b) => (a.hourly ?? 0) - (b.hourly ?? 0))[0];
  const hint =
    overMax === undefined
      ? ''
      : ` The cheapest over the max of $${input.maxHourlyPrice}/h is ${overMax.instanceType} ${overMax.market ?? ''} in ${overMax.region} at $${overMax.hourly}/h.`;
  return `No feasible option (${input.market}): ${parts.join(', ')}.${hint}`;
}
