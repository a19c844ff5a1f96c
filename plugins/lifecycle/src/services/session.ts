import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { createAwsContext, type AwsContext } from '@geusemaker/kit/aws';
import type { Reporter } from '@geusemaker/kit/io';
import type { DeploymentIdentity, ResourceContext, WaitPolicy } from '@geusemaker/kit/resources';

/** The store chosen by --state / GM_STATE (S3 for teams), else the local one under GM_HOME. */
export { openStateStore } from '@geusemaker/kit/state';

/** gm polls every 1–2 s (DESIGN §7); a resource that takes longer than 10 minutes is reported, not waited on forever. */
export const WAIT_POLICY: WaitPolicy = { minDelaySeconds: 1, maxDelaySeconds: 2, maxWaitSeconds: 600 };

export async function openAws(connection: AwsConnectionOptions, region?: string): Promise<AwsContext> {
  return createAwsContext({ region: region ?? connection.region, profile: connection.profile, endpointUrl: connection.endpointUrl });
}

/**
 * What resource kinds need for one run: the clients, who the deployment is, how to wait and where progress goes.
 * `warn` should be the command's own (GmCommand.addWarning): kinds warn about capacity fallbacks and adopted
 * duplicates, which must reach the `--json` envelope's `warnings` — the reporter is silent under --json.
 */
export function resourceContext(
  aws: AwsContext,
  identity: DeploymentIdentity,
  reporter: Reporter,
  signal?: AbortSignal,
  warn: (message: string) => void = (message) => reporter.warn(message),
): ResourceContext {
  return {
    aws,
    identity,
    wait: WAIT_POLICY,
    progress: (detail) => reporter.info(`  ${detail}`),
    warn,
    signal,
  };
}

/**
 * Ctrl-C / SIGTERM during a long operation: the first signal aborts (in-flight AWS calls finish and are journaled,
 * then the run stops with exit 130); a second one exits at once.
 */
export function interruptOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
