// The text table every command uses lives in kit (plugins never import each other).
export { table } from '@geusemaker/kit/io';

/** USD with enough decimals for hourly prices ($0.0416) and two for larger amounts ($30.37). */
export function usd(amount: number | null, decimals = 4): string {
  return amount === null ? '-' : `$${amount.toFixed(decimals)}`;
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : `${value.toFixed(1)}%`;
}
