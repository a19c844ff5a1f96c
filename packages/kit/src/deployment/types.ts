import type { CheckReport } from '../health/checks.js';
import type { Plan } from '../plan/types.js';
import type { StepOutputs } from '../resources/types.js';
import type { DeploymentSpec } from '../spec/types.js';

export type DeploymentStatus =
  | 'deploying'
  | 'deployed'
  | 'failed'
  | 'rolled-back'
  | 'interrupted'
  | 'destroying'
  | 'destroy-failed'
  | 'destroyed';

export interface DeploymentCost {
  instanceType: string;
  market: 'spot' | 'on-demand';
  hourly: number;
  monthly: number;
  source: { kind: string; date: string };
}

/**
 * The price of one running period of the instance (gm cost report sums them): opened when the instance launches,
 * closed when it is destroyed (or replaced). `hourly` is the deployment's whole hourly estimate at launch, in USD.
 */
export interface PricePeriod {
  startedAt: string;
  endedAt?: string;
  instanceType: string;
  market: 'spot' | 'on-demand';
  hourly: number;
  source: { kind: string; date: string };
}

/** The state document of one deployment (schemaVersion 2; see kit state migrations). Secrets never appear here — only their SSM names. */
export interface DeploymentState {
  schemaVersion: 2;
  name: string;
  deploymentId: string;
  tier: 'tier1' | 'tier2' | 'tier3';
  region: string;
  status: DeploymentStatus;
  createdAt: string;
  updatedAt: string;
  /** The endpoint the user would use (`--endpoint-url`), so resume/destroy talk to the same place. */
  endpointUrl?: string;
  spec: DeploymentSpec;
  plan: Plan;
  /** Published outputs of each ready step (ids, addresses). */
  outputs: Record<string, StepOutputs>;
  cost?: DeploymentCost;
  /** One entry per running period of the instance, oldest first (absent in documents written before it existed). */
  pricePeriods?: PricePeriod[];
  endpoints?: { url: string; publicIp: string };
  readiness?: { status: 'ready' | 'not-checked' | 'timed-out' | 'failed'; detail?: string; phases?: Record<string, string> };
  lastError?: { code: string; message: string; at: string };
  /** The last post-deploy validation (gm deploy, gm validate): every check with its verdict; see kit/health. */
  validation?: CheckReport;
}
