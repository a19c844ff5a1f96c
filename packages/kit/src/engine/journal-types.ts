import type { ResourceRef, StepOutputs } from '../resources/types.js';

/**
 * The journal records each step's life, in order, saved after every transition (DESIGN §3 engine):
 * intent (before the API call, with its token) → created (the id, right after the call returns) → ready.
 * Teardown adds deleting → deleted. Reused resources get `reused` and are never deleted.
 */
export type JournalEntry =
  | { type: 'intent'; at: string; stepId: string; token: string }
  | { type: 'created'; at: string; stepId: string; ref: ResourceRef; outputs: StepOutputs; adopted?: boolean }
  | { type: 'reused'; at: string; stepId: string; ref: ResourceRef; outputs: StepOutputs }
  | { type: 'ready'; at: string; stepId: string; outputs: StepOutputs }
  | { type: 'failed'; at: string; stepId: string; code: string; message: string }
  | { type: 'deleting'; at: string; stepId: string; ref: ResourceRef }
  | { type: 'deleted'; at: string; stepId: string; ref: ResourceRef }
  | { type: 'run'; at: string; operation: 'deploy' | 'resume' | 'destroy' | 'rollback'; pid: number };

export type StepPhase = 'pending' | 'intent' | 'created' | 'ready' | 'reused' | 'deleting' | 'deleted';

/** What the journal says about one step after replay. */
export interface StepRecord {
  stepId: string;
  phase: StepPhase;
  token?: string;
  ref?: ResourceRef;
  outputs: StepOutputs;
  lastError?: { code: string; message: string };
}
