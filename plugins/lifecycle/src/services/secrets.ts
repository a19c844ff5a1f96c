import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readDeployment } from '@geusemaker/kit/deployment';
import { readStackSecrets } from '@geusemaker/kit/resources';
import type { StateStore } from '@geusemaker/kit/state';
import { openAws } from './session.js';

/**
 * `gm info NAME --show-secrets`: the deployment's secrets, read from its one SSM SecureString
 * (`/geusemaker/<name>/stack-secrets`, decrypted) only when asked, keyed by secret id. They are never stored locally;
 * this prints them once, to stdout.
 */
export async function readSecrets(store: StateStore, name: string, connection: AwsConnectionOptions): Promise<Record<string, string>> {
  const state = await readDeployment(store, name);
  const aws = await openAws({ ...connection, endpointUrl: connection.endpointUrl ?? state.endpointUrl }, state.region);
  try {
    return Object.fromEntries(Object.entries(await readStackSecrets(aws, name)).sort());
  } finally {
    aws.destroy();
  }
}
