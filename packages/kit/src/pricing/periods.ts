import type { PricePeriod } from '../deployment/types.js';
import { fromMicros, toMicros } from './money.js';

/**
 * Per-period price recording (pure). A deployment's state keeps one PricePeriod per stretch of time its instance ran
 * at one price: opened when the instance launches, closed when it is destroyed or replaced. The estimated cost to
 * date is Σ hours × hourly, an open period counting up to now.
 */

export type PricedRun = Pick<PricePeriod, 'instanceType' | 'market' | 'hourly' | 'source'>;

const MS_PER_HOUR = 3_600_000;

function samePrice(period: PricePeriod, run: PricedRun): boolean {
  return period.instanceType === run.instanceType && period.market === run.market && toMicros(period.hourly) === toMicros(run.hourly);
}

/** Every open period ended at `at` (a destroyed or replaced instance). */
export function closePricePeriods(periods: readonly PricePeriod[] | undefined, at: string): PricePeriod[] {
  return (periods ?? []).map((period) => (period.endedAt === undefined ? { ...period, endedAt: at } : period));
}

/**
 * The periods after an instance (re)started at `at` with `run`'s price: unchanged when the open period already has
 * that price (a resume that launched nothing new), else the open one is closed and a new one starts.
 */
export function openPricePeriod(periods: readonly PricePeriod[] | undefined, run: PricedRun, at: string): PricePeriod[] {
  const existing = periods ?? [];
  const open = existing.filter((period) => period.endedAt === undefined);
  if (open.length === 1 && open[0] !== undefined && samePrice(open[0], run)) return [...existing];
  return [...closePricePeriods(existing, at), { startedAt: at, instanceType: run.instanceType, market: run.market, hourly: run.hourly, source: run.source }];
}

export interface PeriodCost extends PricePeriod {
  /** Hours counted (an open period up to `until`), 3 decimals. */
  readonly hours: number;
  /** hours × hourly, USD to 6 decimals. */
  readonly usd: number;
}

export interface CostToDate {
  readonly usd: number;
  readonly hours: number;
  readonly periods: readonly PeriodCost[];
}

function hoursBetween(start: string, end: string): number {
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms > 0 ? ms / MS_PER_HOUR : 0;
}

/** Estimated cost to date: Σ hours × hourly; an open period runs to `until` (now, or when the deployment ended). */
export function costToDate(periods: readonly PricePeriod[] | undefined, until: string): CostToDate {
  const priced = (periods ?? []).map((period): PeriodCost => {
    const hours = hoursBetween(period.startedAt, period.endedAt ?? until);
    return { ...period, hours: Math.round(hours * 1000) / 1000, usd: fromMicros(Math.round(hours * toMicros(period.hourly))) };
  });
  const usd = fromMicros(priced.reduce((sum, period) => sum + toMicros(period.usd), 0));
  const hours = Math.round(priced.reduce((sum, period) => sum + period.hours, 0) * 1000) / 1000;
  return { usd, hours, periods: priced };
}
