import type { AwsContext, GetCostAndUsageCommandInput, GetCostAndUsageCommandOutput } from '@geusemaker/kit/aws';
import { failureReason, roundUsd } from '@geusemaker/kit/pricing';
import { TAG } from '@geusemaker/kit/resources';

/**
 * Actual spend per deployment from Cost Explorer: one GetCostAndUsage call over the deployments' lifetime, grouped by
 * the `gm:deployment` cost-allocation tag, metric UnblendedCost. Cost Explorer only sees the tag once it is activated
 * for cost allocation in Billing, and its data lags about a day — both said in every report.
 */

export type Granularity = 'DAILY' | 'MONTHLY';

export interface SpendQuery {
  readonly deployments: readonly string[];
  /** `YYYY-MM-DD`, inclusive. */
  readonly start: string;
  /** `YYYY-MM-DD`, exclusive. */
  readonly end: string;
  readonly granularity: Granularity;
}

export interface SpendPeriod {
  readonly start: string;
  readonly end: string;
  readonly usd: number;
  /** Cost Explorer's own flag: the amount may still change (the period is not closed yet). */
  readonly estimated: boolean;
}

export interface ActualSpend {
  readonly usd: number;
  readonly currency: string;
  readonly periods: readonly SpendPeriod[];
}

export type SpendOutcome =
  | { readonly kind: 'known'; readonly byDeployment: ReadonlyMap<string, ActualSpend> }
  | { readonly kind: 'unknown'; readonly reason: string };

/** Daily rows for a lifetime up to a month, monthly beyond (Cost Explorer caps DAILY queries at a year of rows). */
const DAILY_LIMIT_DAYS = 31;

const MS_PER_DAY = 86_400_000;
const dateOf = (time: Date): string => time.toISOString().slice(0, 10);

/** The query for deployments created at `createdAt` times, up to and including today. Pure. */
export function spendQuery(deployments: readonly { name: string; createdAt: string }[], now: Date): SpendQuery {
  const earliest = Math.min(...deployments.map((deployment) => Date.parse(deployment.createdAt)).filter(Number.isFinite), now.getTime());
  const start = dateOf(new Date(earliest));
  const end = dateOf(new Date(now.getTime() + MS_PER_DAY));
  const days = (Date.parse(end) - Date.parse(start)) / MS_PER_DAY;
  return { deployments: deployments.map((deployment) => deployment.name), start, end, granularity: days <= DAILY_LIMIT_DAYS ? 'DAILY' : 'MONTHLY' };
}

export function costAndUsageRequest(query: SpendQuery, nextPageToken?: string): GetCostAndUsageCommandInput {
  return {
    TimePeriod: { Start: query.start, End: query.end },
    Granularity: query.granularity,
    Metrics: ['UnblendedCost'],
    Filter: { Tags: { Key: TAG.deployment, Values: [...query.deployments], MatchOptions: ['EQUALS'] } },
    GroupBy: [{ Type: 'TAG', Key: TAG.deployment }],
    ...(nextPageToken === undefined ? {} : { NextPageToken: nextPageToken }),
  };
}

/** `gm:deployment$demo` → `demo` (Cost Explorer's tag group key); the untagged group (`gm:deployment$`) is none. */
function deploymentOfKey(key: string | undefined): string | undefined {
  const prefix = `${TAG.deployment}$`;
  if (key === undefined || !key.startsWith(prefix) || key.length === prefix.length) return undefined;
  return key.slice(prefix.length);
}

/** Sums the pages' groups per deployment; every queried deployment gets an entry (0 when Cost Explorer had none). Pure. */
export function spendByDeployment(pages: readonly GetCostAndUsageCommandOutput[], deployments: readonly string[]): Map<string, ActualSpend> {
  const periods = new Map<string, SpendPeriod[]>(deployments.map((name) => [name, []]));
  const currencies = new Map<string, string>();
  for (const result of pages.flatMap((page) => page.ResultsByTime ?? [])) {
    for (const group of result.Groups ?? []) {
      const name = deploymentOfKey(group.Keys?.[0]);
      const metric = group.Metrics?.UnblendedCost;
      const list = name === undefined ? undefined : periods.get(name);
      if (list === undefined || name === undefined || metric?.Amount === undefined) continue;
      list.push({ start: result.TimePeriod?.Start ?? '', end: result.TimePeriod?.End ?? '', usd: roundUsd(Number(metric.Amount)), estimated: result.Estimated === true });
      if (metric.Unit !== undefined) currencies.set(name, metric.Unit);
    }
  }
  return new Map(
    [...periods].map(([name, list]) => [name, { usd: roundUsd(list.reduce((sum, period) => sum + period.usd, 0)), currency: currencies.get(name) ?? 'USD', periods: list }]),
  );
}

/** Every page of the query; Cost Explorer paginates with NextPageToken. */
async function allPages(aws: AwsContext, query: SpendQuery): Promise<GetCostAndUsageCommandOutput[]> {
  const pages: GetCostAndUsageCommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await aws.costExplorer.getCostAndUsage(costAndUsageRequest(query, token));
    pages.push(page);
    token = page.NextPageToken === '' ? undefined : page.NextPageToken;
  } while (token !== undefined && pages.length < 50);
  return pages;
}

/** Actual spend per deployment, or `unknown` with the reason when Cost Explorer is denied or unreachable (never throws). */
export async function actualSpend(aws: AwsContext, query: SpendQuery): Promise<SpendOutcome> {
  if (query.deployments.length === 0) return { kind: 'known', byDeployment: new Map() };
  try {
    return { kind: 'known', byDeployment: spendByDeployment(await allPages(aws, query), query.deployments) };
  } catch (error) {
    return { kind: 'unknown', reason: `Cost Explorer GetCostAndUsage ${failureReason(error)}` };
  }
}
