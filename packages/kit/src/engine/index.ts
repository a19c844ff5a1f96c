export type { JournalEntry, StepPhase, StepRecord } from './journal-types.js';
export { replayJournal, MemoryJournal, now, type JournalSink } from './journal.js';
export { topologicalOrder, dependentsOf, criticalPath } from './dag.js';
export { resolveInput, referencedSteps } from './resolve-input.js';
export { runPlan, type RunPlanOptions, type RunOutcome, type StepEvent, type KindRegistry } from './run-plan.js';
export { teardown, withDependencyRetry, type TeardownOptions, type TeardownResult } from './teardown.js';
