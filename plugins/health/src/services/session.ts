import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { createAwsContext, type AwsContext } from '@geusemaker/kit/aws';
import { readDeployment, type DeploymentState } from '@geusemaker/kit/deployment';
import { openStateStore, type StateStore } from '@geusemaker/kit/state';

// The store GM_STATE / --state selects (local GM_HOME or S3), like every other command.
export { openStateStore };

/** A deployment and an AWS context for its region and endpoint (the one it was deployed with, unless overridden). */
export interface Opened {
  store: StateStore;
  state: DeploymentState;
  aws: AwsContext;
}

export async function openDeployment(name: string, connection: AwsConnectionOptions, env: NodeJS.ProcessEnv = process.env): Promise<Opened> {
  const store = openStateStore(env);
  const state = await readDeployment(store, name);
  const aws = await createAwsContext({ region: state.region, profile: connection.profile, endpointUrl: connection.endpointUrl ?? state.endpointUrl });
  return { store, state, aws };
}

/** Runs `work` with an opened deployment and always closes the AWS sockets, so the CLI exits at once. */
export async function withDeployment<T>(name: string, connection: AwsConnectionOptions, work: (opened: Opened) => Promise<T>): Promise<T> {
  const opened = await openDeployment(name, connection);
  try {
    return await work(opened);
  } finally {
    opened.aws.destroy();
  }
}
