import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readDeployment, writeDeployment } from '@geusemaker/kit/deployment';
import type { Reporter } from '@geusemaker/kit/io';
import { finishDeployment, nextSteps, type DeployResult } from './finish.js';
import { interruptOnSignals, openAws, openStateStore, resourceContext } from './session.js';

export interface ResumeOptions {
  name: string;
  wait: boolean;
  rollback: boolean;
  waitTimeoutSeconds: number;
  env: NodeJS.ProcessEnv;
  connection: AwsConnectionOptions;
  reporter: Reporter;
  /** The command's warnings (capacity fallbacks, adopted duplicates): shown and carried in the envelope. */
  warn: (message: string) => void;
}

/**
 * `gm resume NAME`: continues an interrupted or failed deploy from its journal. Steps already ready are skipped,
 * created ones are finished, and a step that only reached its intent is first looked for by tag (a crash may have
 * come right after AWS created it), so nothing is created twice.
 */
export async function resumeDeployment(options: ResumeOptions): Promise<DeployResult> {
  const store = openStateStore(options.env);
  const lock = await store.lock(options.name, 'resume');
  const interrupt = interruptOnSignals();
  try {
    const state = await readDeployment(store, options.name);
    if (state.status === 'deployed') {
      options.reporter.info(`${options.name} is already deployed; nothing to resume.`);
      return { name: state.name, deploymentId: state.deploymentId, status: 'deployed', region: state.region, dryRun: false, resources: [], ...(state.endpoints ? { endpoints: state.endpoints } : {}), nextSteps: nextSteps(state.name) };
    }
    const aws = await openAws({ ...options.connection, endpointUrl: options.connection.endpointUrl ?? state.endpointUrl }, state.region);
    try {
      const deploying = { ...state, status: 'deploying' as const };
      await writeDeployment(store, deploying);
      const identity = { name: state.name, deploymentId: state.deploymentId, tier: state.tier, userTags: state.spec.tags };
      const ctx = resourceContext(aws, identity, options.reporter, interrupt.signal, options.warn);
      return await finishDeployment(deploying, store, ctx, { ...options, operation: 'resume' });
    } finally {
      aws.destroy();
    }
  } finally {
    interrupt.dispose();
    await lock.release();
  }
}
