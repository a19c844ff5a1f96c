import { writeDeployment, type DeploymentState } from '@geusemaker/kit/deployment';
import { now } from '@geusemaker/kit/engine';
import { GmError } from '@geusemaker/kit/errors';
import { validateDeployment, validationError } from '@geusemaker/kit/health';
import type { Reporter } from '@geusemaker/kit/io';
import type { ResourceContext, StepOutputs } from '@geusemaker/kit/resources';
import type { StateStore } from '@geusemaker/kit/state';
import { executePlan, failureError, rollBack } from './execute.js';
import { costOfLaunched, launchedInstance, pricePeriodsAfterLaunch } from './launched-cost.js';
import type { PlanView } from './plan-view.js';
import { waitForReadiness, type Readiness } from './readiness.js';

export interface DeployResult {
  name: string;
  deploymentId?: string;
  status: string;
  region: string;
  dryRun: boolean;
  plan?: PlanView;
  resources: { step: string; kind: string; id: string; reused: boolean }[];
  endpoints?: { url: string; publicIp: string };
  readiness?: DeploymentState['readiness'];
  nextSteps: string[];
}

export interface FinishOptions {
  rollback: boolean;
  wait: boolean;
  waitTimeoutSeconds: number;
  reporter: Reporter;
  operation: 'deploy' | 'resume';
}

function resourcesOf(state: DeploymentState, outputs: ReadonlyMap<string, StepOutputs>): DeployResult['resources'] {
  return state.plan.steps.flatMap((step) => {
    const out = outputs.get(step.id);
    const id = out === undefined ? undefined : Object.entries(out).find(([key]) => key.endsWith('Id') || key === 'parameterPrefix' || key === 'roleName')?.[1];
    return id === undefined ? [] : [{ step: step.id, kind: step.kind, id: String(id), reused: step.action === 'reuse' }];
  });
}

function readinessFailure(name: string, readiness: Exclude<Readiness, { kind: 'ready' }>): GmError {
  const tail = readiness.logTail.slice(-15).join('\n');
  const what = readiness.kind === 'failed' ? readiness.detail : `The stack did not become ready in time (last seen: ${readiness.lastSeen}).`;
  return new GmError({
    code: readiness.kind === 'failed' ? 'STACK_BOOT_FAILED' : 'STACK_NOT_READY',
    message: tail === '' ? what : `${what}\nLast lines of /var/log/geusemaker/userdata.log:\n${tail}`,
    hint: `See the whole log with \`gm logs ${name}\`; \`gm destroy ${name}\` removes everything.`,
  });
}

export function nextSteps(name: string): string[] {
  return [`gm info ${name}            # URLs, sign-in, cost, access commands`, `gm inspect ${name}         # every resource id`, `gm destroy ${name} --yes   # remove it all`];
}

/** A launched stack that is not ready or not healthy: recorded as failed, then rolled back unless --no-rollback. */
async function failAfterLaunch(current: DeploymentState, error: GmError, store: StateStore, ctx: ResourceContext, options: FinishOptions): Promise<never> {
  await writeDeployment(store, { ...current, status: 'failed', lastError: { code: error.code, message: error.message, at: now() } });
  if (!options.rollback) throw failureError(current.name, { kind: 'kept', error });
  const teardown = await rollBack(current, store, ctx, options.reporter);
  if (teardown.failures.length === 0) await writeDeployment(store, { ...current, status: 'rolled-back' });
  throw failureError(current.name, { kind: 'rolled-back', error, teardown });
}

/** Runs the plan, then (unless --no-wait) waits for the stack; records the outcome in state; returns or throws. */
export async function finishDeployment(state: DeploymentState, store: StateStore, ctx: ResourceContext, options: FinishOptions, view?: PlanView): Promise<DeployResult> {
  const outcome = await executePlan(state, store, ctx, options.reporter, { rollback: options.rollback, operation: options.operation });
  if (outcome.kind !== 'completed') {
    if (outcome.kind === 'rolled-back' && outcome.teardown.failures.length === 0) await writeDeployment(store, { ...state, status: 'rolled-back', lastError: { code: outcome.error.code, message: outcome.error.message, at: now() } });
    throw failureError(state.name, outcome);
  }
  const instance = outcome.outputs.get('instance') ?? {};
  const publicIp = String(instance.publicIp ?? '');
  const endpoints = { url: `https://${publicIp}/`, publicIp };
  const cost = await costOfLaunched(state, launchedInstance(instance), ctx);
  let current: DeploymentState = { ...state, status: 'deployed', outputs: Object.fromEntries(outcome.outputs), endpoints, readiness: { status: 'not-checked' }, ...(cost === undefined ? {} : { cost }), ...pricePeriodsAfterLaunch(state, cost) };
  if (options.wait) {
    options.reporter.info('Waiting for the stack to boot (docker, EFS, secrets, images, services)…');
    const readiness = await waitForReadiness(ctx.aws, String(instance.instanceId), { timeoutSeconds: options.waitTimeoutSeconds, intervalSeconds: 5, progress: (line) => options.reporter.info(`  ${line}`), signal: ctx.signal });
    if (readiness.kind !== 'ready') {
      const error = readinessFailure(state.name, readiness);
      return failAfterLaunch({ ...current, readiness: { status: readiness.kind, detail: error.message } }, error, store, ctx, options);
    }
    current = { ...current, readiness: { status: 'ready', phases: readiness.phases } };
    // Post-deploy validation (kit/health) from the host checks the readiness probe ran: a stack that booted with an
    // unhealthy container fails here.
    const validation = await validateDeployment({ aws: ctx.aws, state: current, env: process.env, endpoints: false, skipInstance: true, hostOutput: readiness.hostOutput });
    current = { ...current, validation };
    options.reporter.info(`  validation: ${validation.summary.pass} passed, ${validation.summary.warn} warnings, ${validation.summary.fail} failed`);
    if (validation.status === 'fail') return failAfterLaunch(current, validationError(state.name, validation), store, ctx, options);
  }
  await writeDeployment(store, current);
  options.reporter.success(`${state.name} is ${options.wait ? 'up' : 'created (not waiting for the services: --no-wait)'} at ${endpoints.url}`);
  return {
    name: state.name, deploymentId: state.deploymentId, status: 'deployed', region: state.region, dryRun: false,
    ...(view === undefined ? {} : { plan: view }),
    resources: resourcesOf(state, outcome.outputs), endpoints, readiness: current.readiness, nextSteps: nextSteps(state.name),
  };
}
