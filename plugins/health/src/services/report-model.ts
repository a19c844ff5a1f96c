import type { DeploymentState } from '@geusemaker/kit/deployment';
import { instanceIdOf, summarize, worstStatus, type Check, type CheckStatus, type CheckSummary } from '@geusemaker/kit/health';

/** Everything `gm report` renders, in every format. */
export interface DeploymentReport {
  generatedAt: string;
  deployment: {
    name: string;
    tier: string;
    region: string;
    status: string;
    createdAt: string;
    updatedAt: string;
    url?: string;
    instanceId?: string;
    instanceType?: string;
    market?: string;
    lastError?: string;
  };
  /** When the checks ran (the stored validation's start and end). */
  checkedAt?: { startedAt: string; finishedAt: string };
  status: CheckStatus | 'not-validated';
  summary: CheckSummary;
  checks: Check[];
}

export function reportFrom(state: DeploymentState): DeploymentReport {
  const checks = state.validation?.checks ?? [];
  const instanceId = instanceIdOf(state);
  return {
    generatedAt: new Date().toISOString(),
    deployment: {
      name: state.name, tier: state.tier, region: state.region, status: state.status, createdAt: state.createdAt, updatedAt: state.updatedAt,
      ...(state.endpoints === undefined ? {} : { url: state.endpoints.url }),
      ...(instanceId === undefined ? {} : { instanceId }),
      ...(state.cost === undefined ? {} : { instanceType: state.cost.instanceType, market: state.cost.market }),
      ...(state.lastError === undefined ? {} : { lastError: `${state.lastError.code} at ${state.lastError.at}` }),
    },
    ...(state.validation === undefined ? {} : { checkedAt: { startedAt: state.validation.startedAt, finishedAt: state.validation.finishedAt } }),
    status: state.validation === undefined ? 'not-validated' : worstStatus(checks),
    summary: summarize(checks),
    checks,
  };
}
