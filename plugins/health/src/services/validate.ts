import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readDeployment, writeDeployment } from '@geusemaker/kit/deployment';
import { validateDeployment, type CheckReport } from '@geusemaker/kit/health';
import type { StateStore } from '@geusemaker/kit/state';
import { withDeployment } from './session.js';

export interface ValidateRequest {
  name: string;
  connection: AwsConnectionOptions;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

export interface ValidateResult extends CheckReport {
  name: string;
}

/** Records the report in the deployment's state, under its lock (another gm may be writing it). */
async function storeValidation(store: StateStore, name: string, report: CheckReport): Promise<void> {
  const lock = await store.lock(name, 'validate');
  try {
    await writeDeployment(store, { ...(await readDeployment(store, name)), validation: report });
  } finally {
    await lock.release();
  }
}

/** `gm validate NAME`: every post-deploy check, endpoints included, stored in state. */
export async function validate(request: ValidateRequest): Promise<ValidateResult> {
  return withDeployment(request.name, request.connection, async ({ store, state, aws }) => {
    const report = await validateDeployment({ aws, state, env: request.env, endpoints: true, timeoutMs: request.timeoutMs });
    await storeValidation(store, state.name, report);
    return { name: state.name, ...report };
  });
}
