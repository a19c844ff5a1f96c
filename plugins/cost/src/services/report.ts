import { createAwsContext } from '@geusemaker/kit/aws';
import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readDeployment, type DeploymentState, type PricePeriod } from '@geusemaker/kit/deployment';
import { costToDate, type PeriodCost } from '@geusemaker/kit/pricing';
import { openStateStore, type StateStore } from '@geusemaker/kit/state';
import { actualSpend, spendQuery, type ActualSpend, type Granularity } from './actual-spend.js';

export interface CostReportOptions {
  /** One deployment, or every deployment in the state store when undefined. */
  readonly name: string | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly connection: AwsConnectionOptions;
  readonly warn: (message: string) => void;
  readonly now?: Date;
}

export interface EstimatedToDate {
  readonly usd: number;
  readonly hours: number;
  /** The current hourly rate (the open period's), or null when nothing runs. */
  readonly hourly: number | null;
  readonly periods: readonly PeriodCost[];
}

export interface DeploymentCostReport {
  readonly name: string;
  readonly region: string;
  readonly status: string;
  readonly createdAt: string;
  readonly estimated: EstimatedToDate;
  /** From Cost Explorer, by the deployment's tag; `unknown` when Cost Explorer is denied or unreachable. */
  readonly actual: ActualSpend | 'unknown';
}

export interface CostReportResult {
  readonly deployments: readonly DeploymentCostReport[];
  /** The Cost Explorer query: dates (end exclusive) and granularity; null when nothing was asked. */
  readonly query: { readonly start: string; readonly end: string; readonly granularity: Granularity } | null;
  readonly notes: readonly string[];
}

/** Attempts per Cost Explorer call: actual spend is optional, so gm gives up quickly. */
const SPEND_CALL_ATTEMPTS = 3;

const REPORT_NOTES = [
  'Actual spend comes from Cost Explorer grouped by the gm:deployment tag: activate gm:deployment as a cost-allocation tag ' +
    '(Billing → Cost allocation tags) or Cost Explorer shows nothing for it; activation applies from then on, not to earlier usage.',
  'Cost Explorer data lags about a day (up to 24 h), so the actual figure trails the estimate for recent usage.',
  'The estimate to date is Σ hours × the hourly estimate recorded for each running period (instance, disks, EFS, addresses), ' +
    'not a bill; spot prices move and usage-based charges (data transfer, EFS access) vary.',
];

/** Deployments that no longer run stop counting when their state last changed. */
const ENDED = new Set(['destroyed', 'rolled-back']);

/** Periods recorded in state; for a deployment written before periods existed, one from its creation at its cost. */
function periodsOf(state: DeploymentState): { periods: PricePeriod[]; note?: string } {
  if (state.pricePeriods !== undefined) return { periods: state.pricePeriods };
  if (state.cost === undefined || state.status !== 'deployed') return { periods: [] };
  const { instanceType, market, hourly, source } = state.cost;
  return {
    periods: [{ startedAt: state.createdAt, instanceType, market, hourly, source }],
    note: `${state.name}: no price periods recorded (deployed by an older gm); estimated from its creation at its recorded cost.`,
  };
}

function estimatedOf(state: DeploymentState, now: Date, warn: (message: string) => void): EstimatedToDate {
  const { periods, note } = periodsOf(state);
  if (note !== undefined) warn(note);
  const ended = ENDED.has(state.status);
  const result = costToDate(periods, ended ? state.updatedAt : now.toISOString());
  const open = ended ? undefined : periods.find((period) => period.endedAt === undefined);
  return { usd: result.usd, hours: result.hours, hourly: open?.hourly ?? null, periods: result.periods };
}

async function readStates(store: StateStore, name: string | undefined): Promise<DeploymentState[]> {
  if (name !== undefined) return [await readDeployment(store, name)];
  const names = await store.list();
  return Promise.all(names.map((each) => readDeployment(store, each)));
}

/** `gm cost report [NAME]`: estimated cost to date from the recorded price periods, and actual spend from Cost Explorer. */
export async function costReport(options: CostReportOptions): Promise<CostReportResult> {
  const now = options.now ?? new Date();
  const states = await readStates(openStateStore(options.env), options.name);
  if (states.length === 0) return { deployments: [], query: null, notes: REPORT_NOTES };
  const query = spendQuery(states, now);
  const aws = await createAwsContext({
    region: 'us-east-1',
    profile: options.connection.profile,
    endpointUrl: options.connection.endpointUrl ?? states.find((state) => state.endpointUrl !== undefined)?.endpointUrl,
    maxAttempts: SPEND_CALL_ATTEMPTS,
  });
  try {
    const spend = await actualSpend(aws, query);
    if (spend.kind === 'unknown') options.warn(`${spend.reason}: actual spend is unknown; the estimate to date is shown alone.`);
    const deployments = states.map((state) => ({
      name: state.name,
      region: state.region,
      status: state.status,
      createdAt: state.createdAt,
      estimated: estimatedOf(state, now, options.warn),
      actual: spend.kind === 'known' ? (spend.byDeployment.get(state.name) ?? { usd: 0, currency: 'USD', periods: [] }) : ('unknown' as const),
    }));
    return { deployments, query: { start: query.start, end: query.end, granularity: query.granularity }, notes: REPORT_NOTES };
  } finally {
    aws.destroy();
  }
}
