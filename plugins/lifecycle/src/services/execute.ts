import { readStepRecords, storeJournal, writeDeployment, type DeploymentState } from '@geusemaker/kit/deployment';
import { now, runPlan, teardown, type StepEvent, type TeardownResult } from '@geusemaker/kit/engine';
import { GmError, PartialError, type InterruptedError } from '@geusemaker/kit/errors';
import type { Reporter } from '@geusemaker/kit/io';
import { kindFor, type ResourceContext, type StepOutputs } from '@geusemaker/kit/resources';
import type { StateStore } from '@geusemaker/kit/state';

/** Independent steps (EFS, IAM, secrets, network) run together; a small bound keeps AWS throttling away. */
export const CONCURRENCY = 6;

export type ExecuteOutcome =
  | { kind: 'completed'; outputs: Map<string, StepOutputs> }
  | { kind: 'rolled-back'; error: GmError; teardown: TeardownResult }
  | { kind: 'kept'; error: GmError }
  | { kind: 'interrupted'; error: InterruptedError };

function logStep(reporter: Reporter): (event: StepEvent) => void {
  return (event) => {
    if (event.type === 'start') reporter.info(`▸ ${event.step.title}${event.resuming ? ' (resuming)' : ''}`);
    if (event.type === 'done') reporter.info(`✔ ${event.step.title} (${(event.ms / 1000).toFixed(1)}s)`);
    if (event.type === 'failed') reporter.error(`✖ ${event.step.title}: ${event.error.message}`);
  };
}

/** Deletes what this deployment's journal shows gm created (never reused resources), reporting each deletion. */
export async function rollBack(state: DeploymentState, store: StateStore, ctx: ResourceContext, reporter: Reporter, keep?: ReadonlySet<string>): Promise<TeardownResult> {
  const { records } = await readStepRecords(store, state.name);
  return teardown({
    steps: state.plan.steps,
    records,
    kinds: kindFor,
    journal: storeJournal(store, state.name),
    ctx,
    concurrency: CONCURRENCY,
    keep,
    onStep: (event) => {
      if (event.type === 'deleted') reporter.info(`✔ deleted ${event.ref?.kind} ${event.ref?.id}`);
      if (event.type === 'kept') reporter.info(`• kept ${event.ref?.kind} ${event.ref?.id}`);
      if (event.type === 'failed') reporter.error(`✖ could not delete ${event.ref?.kind ?? event.stepId} ${event.ref?.id ?? ''}: ${event.error?.message ?? ''}`);
    },
  });
}

/**
 * Runs (or continues) the deployment's plan from its journal. On failure the default is rollback — delete what
 * was created, in reverse order — unless `rollback` is false, which keeps everything for `gm resume`/`gm destroy`.
 */
export async function executePlan(
  state: DeploymentState,
  store: StateStore,
  ctx: ResourceContext,
  reporter: Reporter,
  options: { rollback: boolean; operation: 'deploy' | 'resume' },
): Promise<ExecuteOutcome> {
  const journal = storeJournal(store, state.name);
  await journal.append({ type: 'run', at: now(), operation: options.operation, pid: process.pid });
  const { records } = await readStepRecords(store, state.name);
  const outcome = await runPlan({
    plan: state.plan,
    records,
    kinds: kindFor,
    journal,
    ctx,
    concurrency: CONCURRENCY,
    onStep: logStep(reporter),
    tokenFor: (step) => `gm-${state.deploymentId.slice(0, 8)}-${step.id}`.slice(0, 64),
  });
  if (outcome.kind === 'completed') return { kind: 'completed', outputs: outcome.outputs };
  await writeDeployment(store, { ...state, outputs: Object.fromEntries(outcome.outputs), status: outcome.kind === 'interrupted' ? 'interrupted' : 'failed', lastError: { code: outcome.error.code, message: outcome.error.message, at: now() } });
  if (outcome.kind === 'interrupted') return { kind: 'interrupted', error: outcome.error };
  if (!options.rollback) return { kind: 'kept', error: outcome.error };
  reporter.warn(`${outcome.error.message} — rolling back what this deployment created`);
  await journal.append({ type: 'run', at: now(), operation: 'rollback', pid: process.pid });
  return { kind: 'rolled-back', error: outcome.error, teardown: await rollBack(state, store, ctx, reporter) };
}

/** The error a failed run ends with: exit 1 when the rollback removed everything, 6 when something remains. */
export function failureError(name: string, outcome: Exclude<ExecuteOutcome, { kind: 'completed' }>): GmError {
  if (outcome.kind === 'interrupted') return outcome.error;
  if (outcome.kind === 'kept') {
    return new PartialError({
      code: 'DEPLOY_FAILED_KEPT',
      message: `${outcome.error.message} (resources kept: --no-rollback)`,
      hint: `Fix the cause, then \`gm resume ${name}\` to continue, or \`gm destroy ${name}\` to remove what was created.`,
      cause: outcome.error,
    });
  }
  if (outcome.teardown.failures.length > 0) {
    return new PartialError({
      code: 'ROLLBACK_INCOMPLETE',
      message: `${outcome.error.message}; the rollback could not delete ${outcome.teardown.failures.map((f) => f.ref?.id ?? f.stepId).join(', ')}.`,
      hint: `Run \`gm destroy ${name}\` to retry the deletion.`,
      cause: outcome.error,
    });
  }
  return new GmError({
    code: outcome.error.code,
    message: `${outcome.error.message} — rolled back: ${outcome.teardown.deleted.length} resources deleted, nothing left behind.`,
    hint: outcome.error.hint,
    exitCode: outcome.error.exitCode === 5 || outcome.error.exitCode === 4 || outcome.error.exitCode === 3 ? outcome.error.exitCode : 1,
    cause: outcome.error,
  });
}
