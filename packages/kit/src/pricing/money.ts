/**
 * Money rules, used by every figure gm computes (not by prices it merely passes on):
 *
 * - Amounts are USD with at most 6 decimals (micro-dollars). All arithmetic happens on integer micro-dollars, so a
 *   sum of amounts is exact in decimal — the total of an estimate is exactly the sum of its components.
 * - The hourly amount is primary. monthly = hoursPerMonth × hourly, exactly (integer micros × integer hours).
 * - Items priced per month (GB-month, GB transferred per month, requests per month) are turned into an hourly amount
 *   by dividing by hoursPerMonth and rounding half up to 6 decimals; their monthly figure is then 730 × that hourly
 *   amount and may differ from quantity × list price by at most 730 × 0.5 µ$ ≈ $0.0004.
 * - Compare amounts with `toMicros` (or `sumUsd`), never with float `+`: 0.1 + 0.2 !== 0.3.
 */

export const MICROS_PER_USD = 1_000_000;
/** AWS's own convention (and the issue's): a month is 730 hours (8,760 h / 12). */
export const HOURS_PER_MONTH = 730;

/** Integer micro-dollars, rounded half up (amounts are never negative). */
export function toMicros(usd: number): number {
  return Math.round(usd * MICROS_PER_USD);
}

export function fromMicros(micros: number): number {
  return micros / MICROS_PER_USD;
}

/** USD rounded to 6 decimals. */
export function roundUsd(usd: number): number {
  return fromMicros(toMicros(usd));
}

/** Exact decimal sum of amounts that have at most 6 decimals. */
export function sumUsd(amounts: readonly number[]): number {
  return fromMicros(amounts.reduce((micros, amount) => micros + toMicros(amount), 0));
}

/** A monthly charge spread over the hours of a month, in micro-dollars (see the rules above). */
export function hourlyMicrosFromMonthly(monthlyUsd: number, hoursPerMonth: number): number {
  return Math.round((monthlyUsd * MICROS_PER_USD) / hoursPerMonth);
}

/** Hourly and monthly amounts for an hourly rate in micro-dollars. */
export function amountsFromHourlyMicros(hourlyMicros: number, hoursPerMonth: number): { hourly: number; monthly: number } {
  return { hourly: fromMicros(hourlyMicros), monthly: fromMicros(hourlyMicros * hoursPerMonth) };
}

/** How much cheaper `price` is than `reference`, in percent with one decimal (0 when reference is 0). */
export function savingsPercent(referenceUsd: number, priceUsd: number): number {
  const reference = toMicros(referenceUsd);
  if (reference === 0) return 0;
  return Math.round(((reference - toMicros(priceUsd)) * 1000) / reference) / 10;
}
