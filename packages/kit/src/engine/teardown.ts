import { awsErrorName, GmError, translateAwsError } from '../errors/index.js';
import type { PlanStep } from '../plan/types.js';
import type { Created, ResourceContext, ResourceRef } from '../resources/types.js';
import { topologicalOrder } from './dag.js';
import { now, type JournalSink } from './journal.js';
import { resolveInput } from './resolve-input.js';
import type { StepRecord } from './journal-types.js';
import type { KindRegistry } from './run-plan.js';

export interface TeardownOptions {
  steps: readonly PlanStep[];
  records: ReadonlyMap<string, StepRecord>;
  kinds: KindRegistry;
  journal: JournalSink;
  ctx: ResourceContext;
  concurrency: number;
  /** Steps to leave in place (e.g. EFS with --keep-efs). */
  keep?: ReadonlySet<string>;
  onStep?: (event: { type: 'deleting' | 'deleted' | 'kept' | 'failed'; stepId: string; ref?: ResourceRef; error?: GmError }) => void;
  /** Retry policy for dependency errors (a dependent resource AWS has not finished removing). */
  dependencyRetry?: { attempts: number; delayMs: number };
}

export interface TeardownResult {
  deleted: ResourceRef[];
  kept: ResourceRef[];
  failures: { stepId: string; ref?: ResourceRef; error: GmError }[];
}

/**
 * Deletes what the journal says gm created, in reverse dependency order (a step goes only after every step that
 * depends on it is gone), independent deletions in parallel. Reused resources are never touched. A step that only
 * reached `intent` is looked up by tag, since a crash may have left it unjournaled. Each deletion is verified.
 */
export async function teardown(options: TeardownOptions): Promise<TeardownResult> {
  const result: TeardownResult = { deleted: [], kept: [], failures: [] };
  const order = topologicalOrder(options.steps).reverse();
  const done = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const blockedBy = (step: PlanStep): boolean =>
    options.steps.some((other) => other.dependsOn.includes(step.id) && !done.has(other.id));
  const pending = [...order];
  while (pending.length > 0 || running.size > 0) {
    for (const step of pending.filter((candidate) => !blockedBy(candidate))) {
      if (running.size >= options.concurrency) break;
      pending.splice(pending.indexOf(step), 1);
      const work = removeStep(step, options, result).finally(() => {
        done.add(step.id);
        running.delete(step.id);
      });
      running.set(step.id, work);
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  return result;
}

async function removeStep(step: PlanStep, options: TeardownOptions, result: TeardownResult): Promise<void> {
  const record = options.records.get(step.id);
  if (record === undefined || record.phase === 'deleted' || record.phase === 'reused' || step.action === 'reuse') return;
  try {
    const target = record.ref ?? (await adoptOrphan(step, record, options))?.ref;
    if (target === undefined) return;
    if (options.keep?.has(step.id) === true) {
      result.kept.push(target);
      options.onStep?.({ type: 'kept', stepId: step.id, ref: target });
      return;
    }
    await deleteVerified(step, target, options, result);
    await sweepDuplicates(step, record, target, options, result);
  } catch (error) {
    const gmError = translateAwsError(error, `delete ${step.title}`);
    result.failures.push({ stepId: step.id, ref: record.ref, error: gmError });
    options.onStep?.({ type: 'failed', stepId: step.id, ref: record.ref, error: gmError });
  }
}

async function deleteVerified(step: PlanStep, target: ResourceRef, options: TeardownOptions, result: TeardownResult): Promise<void> {
  const kind = options.kinds(step.kind);
  options.onStep?.({ type: 'deleting', stepId: step.id, ref: target });
  await options.journal.append({ type: 'deleting', at: now(), stepId: step.id, ref: target });
  await withDependencyRetry(() => kind.delete(options.ctx, target), options.dependencyRetry);
  if (await kind.exists(options.ctx, target)) {
    throw new GmError({ code: 'DELETE_NOT_VERIFIED', message: `${step.title}: ${target.id} still exists after deletion.`, hint: 'Run `gm destroy` again in a minute.' });
  }
  await options.journal.append({ type: 'deleted', at: now(), stepId: step.id, ref: target });
  result.deleted.push(target);
  options.onStep?.({ type: 'deleted', stepId: step.id, ref: target });
}

/**
 * After the journaled resource is gone, looks once more by tag: a create call whose answer was lost and that the SDK
 * retried leaves a second resource with this step's tags that the journal never heard of — and it bills. Each one
 * found is deleted the same way (a few at most, so a misbehaving lookup cannot loop).
 */
async function sweepDuplicates(step: PlanStep, record: StepRecord, first: ResourceRef, options: TeardownOptions, result: TeardownResult): Promise<void> {
  const seen = new Set([first.id]);
  for (let round = 0; round < 3; round++) {
    const found = await options.kinds(step.kind).findByTag(options.ctx, { stepId: step.id, token: record.token ?? '' }, bestEffortInput(step, options.records));
    if (found === undefined || seen.has(found.ref.id)) return;
    seen.add(found.ref.id);
    options.ctx.warn(`Found ${step.kind} ${found.ref.id} tagged for step ${step.id} but not in the journal (a retried create call); deleting it too.`);
    await deleteVerified(step, found.ref, options, result);
  }
}

/** The step's input as far as its dependencies' journaled outputs allow (some kinds need it to tell siblings apart). */
function bestEffortInput(step: PlanStep, records: ReadonlyMap<string, StepRecord>): Record<string, unknown> {
  const outputs = new Map([...records].map(([id, record]) => [id, record.outputs]));
  try {
    return resolveInput(step.input, outputs);
  } catch {
    return {};
  }
}

async function adoptOrphan(step: PlanStep, record: StepRecord, options: TeardownOptions): Promise<Created | undefined> {
  if (record.token === undefined) return undefined;
  return options.kinds(step.kind).findByTag(options.ctx, { stepId: step.id, token: record.token }, bestEffortInput(step, options.records));
}

const DEPENDENCY_ERRORS = new Set(['DependencyViolation', 'FileSystemInUse', 'DeleteConflict', 'ResourceInUse', 'InvalidGroup.InUse', 'MountTargetConflict']);

/**
 * Runs a deletion, retrying the errors AWS gives while a dependent resource is still on its way out
 * (DependencyViolation, FileSystemInUse …) with a growing delay; any other error, or the last attempt's, is thrown.
 * Shared by teardown and `gm cleanup`.
 */
export async function withDependencyRetry(action: () => Promise<void>, policy = { attempts: 8, delayMs: 1500 }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const name = awsErrorName(error) ?? '';
      if (!DEPENDENCY_ERRORS.has(name) || attempt >= policy.attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, policy.delayMs * Math.min(attempt, 4)));
    }
  }
}
