import { readDeployment, readStepRecords, type DeploymentState } from '@geusemaker/kit/deployment';
import type { StateStore } from '@geusemaker/kit/state';
import { launchedInstance, type LaunchedInstance } from './launched-cost.js';

export interface DeploymentSummary {
  name: string;
  tier: string;
  region: string;
  status: string;
  createdAt: string;
  hourly: number | null;
  monthly: number | null;
  url: string | null;
}

export interface ListFilters {
  tier?: string;
  status?: string;
  region?: string;
  sort: 'name' | 'created' | 'cost';
}

function summary(state: DeploymentState): DeploymentSummary {
  return {
    name: state.name,
    tier: state.tier,
    region: state.region,
    status: state.status,
    createdAt: state.createdAt,
    hourly: state.cost?.hourly ?? null,
    monthly: state.cost?.monthly ?? null,
    url: state.endpoints?.url ?? null,
  };
}

const SORTERS: Record<ListFilters['sort'], (a: DeploymentSummary, b: DeploymentSummary) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  created: (a, b) => a.createdAt.localeCompare(b.createdAt),
  cost: (a, b) => (b.hourly ?? 0) - (a.hourly ?? 0),
};

/** Every deployment in the state store, filtered and sorted. Reads state only: no AWS call. */
export async function listDeployments(store: StateStore, filters: ListFilters): Promise<DeploymentSummary[]> {
  const names = await store.list();
  const states = await Promise.all(names.map((name) => store.read(name)));
  return states
    .filter((doc): doc is NonNullable<typeof doc> => doc !== undefined && typeof doc.deploymentId === 'string')
    .map((doc) => summary(doc as unknown as DeploymentState))
    .filter((s) => (filters.tier === undefined || s.tier === filters.tier) && (filters.status === undefined || s.status === filters.status) && (filters.region === undefined || s.region === filters.region))
    .sort(SORTERS[filters.sort]);
}

export interface InspectResult {
  deployment: DeploymentSummary & { deploymentId: string; updatedAt: string; lastError?: DeploymentState['lastError'] };
  spec: DeploymentState['spec'];
  resources: { step: string; kind: string; id: string | null; phase: string; reused: boolean; title: string }[];
  endpoints: DeploymentState['endpoints'] | null;
  /** Where the instance runs: type, market and AZ as launched (capacity fallback may differ from the plan's first choice). */
  instance: LaunchedInstance | null;
  cost: DeploymentState['cost'] | null;
  readiness: DeploymentState['readiness'] | null;
  journal: { entries: number; byPhase: Record<string, number>; warnings: string[] };
}

/** Everything gm knows about one deployment: ids, endpoints, config, cost and the journal summary. */
export async function inspectDeployment(store: StateStore, name: string): Promise<InspectResult> {
  const state = await readDeployment(store, name);
  const [{ records, warnings }, journal] = await Promise.all([readStepRecords(store, name), store.readJournal(name)]);
  const byPhase: Record<string, number> = {};
  for (const record of records.values()) byPhase[record.phase] = (byPhase[record.phase] ?? 0) + 1;
  return {
    deployment: { ...summary(state), deploymentId: state.deploymentId, updatedAt: state.updatedAt, ...(state.lastError ? { lastError: state.lastError } : {}) },
    spec: state.spec,
    resources: state.plan.steps.map((step) => {
      const record = records.get(step.id);
      return { step: step.id, kind: step.kind, title: step.title, id: record?.ref?.id ?? null, phase: record?.phase ?? 'pending', reused: step.action === 'reuse' };
    }),
    endpoints: state.endpoints ?? null,
    instance: launchedInstance(records.get('instance')?.outputs ?? state.outputs.instance) ?? null,
    cost: state.cost ?? null,
    readiness: state.readiness ?? null,
    journal: { entries: journal.entries.length, byPhase, warnings },
  };
}
