import { awsErrorName, GmError, InterruptedError, translateAwsError } from '../errors/index.js';
import type { Plan, PlanStep } from '../plan/types.js';
import type { Created, ResourceContext, ResourceKind, ResourceKindName, StepOutputs } from '../resources/types.js';
import { topologicalOrder } from './dag.js';
import { now, type JournalSink } from './journal.js';
import type { StepRecord } from './journal-types.js';
import { resolveInput } from './resolve-input.js';

export type KindRegistry = (kind: ResourceKindName) => ResourceKind;

export interface RunPlanOptions {
  plan: Plan;
  /** The journal replayed so far (empty for a fresh deploy; the journal's state for resume). */
  records: ReadonlyMap<string, StepRecord>;
  kinds: KindRegistry;
  journal: JournalSink;
  ctx: ResourceContext;
  /** Independent steps run together, at most this many at once. */
  concurrency: number;
  /** Called as each step starts and ends, for progress. */
  onStep?: (event: StepEvent) => void;
  /** Deterministic idempotency token per step (recorded with the intent). */
  tokenFor: (step: PlanStep) => string;
}

export type StepEvent =
  | { type: 'start'; step: PlanStep; resuming: boolean }
  | { type: 'done'; step: PlanStep; outputs: StepOutputs; ms: number }
  | { type: 'failed'; step: PlanStep; error: GmError; ms: number };

export type RunOutcome =
  | { kind: 'completed'; outputs: Map<string, StepOutputs> }
  | { kind: 'failed'; error: GmError; failedStep: string; outputs: Map<string, StepOutputs> }
  | { kind: 'interrupted'; error: InterruptedError; outputs: Map<string, StepOutputs> };

/**
 * Runs a plan as a DAG with bounded parallelism. Steps the journal already shows as ready/reused are skipped; steps
 * created but not ready are configured and awaited; steps with only an intent are adopted by tag or created again.
 * The first failure stops new steps from starting; steps already running finish (their ids are journaled) before
 * the outcome is returned, so rollback sees everything that exists.
 */
export async function runPlan(options: RunPlanOptions): Promise<RunOutcome> {
  const order = topologicalOrder(options.plan.steps);
  const outputs = new Map<string, StepOutputs>();
  for (const [stepId, record] of options.records) {
    if (record.phase === 'ready' || record.phase === 'reused') outputs.set(stepId, record.outputs);
  }
  const pending = order.filter((step) => !outputs.has(step.id));
  const running = new Map<string, Promise<void>>();
  let failure: { error: GmError; stepId: string } | undefined;

  const ready = (step: PlanStep): boolean => step.dependsOn.every((id) => outputs.has(id));
  while (failure === undefined && (pending.length > 0 || running.size > 0)) {
    if (options.ctx.signal?.aborted === true) break;
    for (const step of pending.filter(ready)) {
      if (running.size >= options.concurrency) break;
      pending.splice(pending.indexOf(step), 1);
      const work = runStep(step, options, outputs).then(
        (stepOutputs) => void outputs.set(step.id, stepOutputs),
        (error: unknown) => void (failure ??= { error: translateAwsError(error), stepId: step.id }),
      );
      running.set(step.id, work.finally(() => running.delete(step.id)));
    }
    if (running.size === 0) break;
    await Promise.race([...running.values(), abortPromise(options.ctx.signal)]);
  }
  await Promise.allSettled(running.values());
  // Ctrl-C wins over a failure it caused (a waiter gives up when the signal fires): an interrupted run is resumed,
  // never rolled back.
  if (options.ctx.signal?.aborted === true) return { kind: 'interrupted', error: new InterruptedError(), outputs };
  if (failure !== undefined) return { kind: 'failed', error: failure.error, failedStep: failure.stepId, outputs };
  if (pending.length > 0) return { kind: 'interrupted', error: new InterruptedError(), outputs };
  return { kind: 'completed', outputs };
}

function abortPromise(signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return new Promise(() => undefined);
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}

async function runStep(step: PlanStep, options: RunPlanOptions, outputs: ReadonlyMap<string, StepOutputs>): Promise<StepOutputs> {
  const record = options.records.get(step.id);
  const started = Date.now();
  options.onStep?.({ type: 'start', step, resuming: record !== undefined && record.phase !== 'pending' });
  try {
    const result = await bringUp(step, record, options, resolveInput(step.input, outputs));
    options.onStep?.({ type: 'done', step, outputs: result, ms: Date.now() - started });
    return result;
  } catch (error) {
    const gmError = translateAwsError(error, step.title);
    await options.journal.append({ type: 'failed', at: now(), stepId: step.id, code: gmError.code, message: gmError.message });
    options.onStep?.({ type: 'failed', step, error: gmError, ms: Date.now() - started });
    throw gmError;
  }
}

async function bringUp(step: PlanStep, record: StepRecord | undefined, options: RunPlanOptions, input: Record<string, unknown>): Promise<StepOutputs> {
  const kind = options.kinds(step.kind);
  const { ctx, journal } = options;
  if (step.action === 'reuse') return reuse(step, kind, ctx, journal);
  let created = record?.ref === undefined || record.phase === 'deleted' ? undefined : { ref: record.ref, outputs: record.outputs };
  const token = record?.token ?? options.tokenFor(step);
  if (created === undefined && record?.phase === 'intent') {
    // A crash may have come between the create call and the journal entry: look for it by tag before creating.
    created = await kind.findByTag(ctx, { stepId: step.id, token }, input);
    if (created !== undefined) await journal.append({ type: 'created', at: now(), stepId: step.id, ref: created.ref, outputs: created.outputs, adopted: true });
  }
  if (created === undefined) {
    await journal.append({ type: 'intent', at: now(), stepId: step.id, token });
    const meta = { stepId: step.id, token };
    let adopted = false;
    try {
      created = await kind.create(ctx, input, meta);
    } catch (error) {
      // The answer may have been lost after AWS performed the create (creates without an idempotency token are not
      // retried by the SDK then): adopt what it made, or create once more.
      if (!answerMayBeLost(error)) throw error;
      created = await kind.findByTag(ctx, meta, input);
      adopted = created !== undefined;
      created ??= await kind.create(ctx, input, meta);
    }
    // `observed` stays in memory (see Created): a resume must not skip checks on what an earlier process saw.
    await journal.append({ type: 'created', at: now(), stepId: step.id, ref: created.ref, outputs: created.outputs, ...(adopted ? { adopted } : {}) });
  }
  return finish(step, kind, input, created, options);
}

/** A network error, a server error, or an error without an AWS name: the call may have been performed. */
function answerMayBeLost(error: unknown): boolean {
  if (error instanceof InterruptedError) return false;
  const gmError = translateAwsError(error);
  if (gmError.code === 'AWS_UNREACHABLE' || gmError.code === 'AWS_SERVICE_ERROR') return true;
  return gmError.code === 'AWS_ERROR' && awsErrorName(error) === undefined;
}

/** configure and waitReady get the very object create returned: what configure adds to `observed` reaches waitReady. */
async function finish(step: PlanStep, kind: ResourceKind, input: Record<string, unknown>, created: Created, options: RunPlanOptions): Promise<StepOutputs> {
  const configured = (await kind.configure?.(options.ctx, input, created)) ?? {};
  const waited = (await kind.waitReady?.(options.ctx, created)) ?? {};
  const outputs = { ...created.outputs, ...configured, ...waited };
  await options.journal.append({ type: 'ready', at: now(), stepId: step.id, outputs });
  return outputs;
}

async function reuse(step: PlanStep, kind: ResourceKind, ctx: ResourceContext, journal: JournalSink): Promise<StepOutputs> {
  const found = step.reuseId === undefined ? undefined : await kind.describe(ctx, step.reuseId);
  if (found === undefined) {
    throw new GmError({
      code: 'REUSE_NOT_FOUND',
      message: `${step.title}: ${step.reuseId ?? '(no id)'} was not found.`,
      hint: 'Check the id and --region (gm discover lists what exists).',
      exitCode: 3,
    });
  }
  await journal.append({ type: 'reused', at: now(), stepId: step.id, ref: found.ref, outputs: found.outputs });
  return found.outputs;
}
