import type { InputValue, ResourceKindName } from '../resources/types.js';

/** A step either creates a resource or records one the user passed by id (reused: never modified or deleted). */
export type StepAction = 'create' | 'reuse';

export interface PlanStep {
  id: string;
  kind: ResourceKindName;
  action: StepAction;
  title: string;
  dependsOn: string[];
  input: Record<string, InputValue>;
  /** For `reuse`: the id the user gave. */
  reuseId?: string;
}

/** A plan is data: `gm deploy … --dry-run --json` prints it; the engine runs it; the state keeps it for destroy. */
export interface Plan {
  deploymentName: string;
  deploymentId: string;
  tier: 'tier1' | 'tier2' | 'tier3';
  region: string;
  steps: PlanStep[];
}
