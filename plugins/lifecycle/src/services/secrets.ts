import type { AwsConnectionOptions } from '@geusemaker/kit/command';
import { readDeployment } from '@geusemaker/kit/deployment';
import { ssmPrefixFor } from '@geusemaker/kit/stack';
import type { StateStore } from '@geusemaker/kit/state';
import { openAws } from './session.js';

/**
 * `gm info NAME --show-secrets`: the deployment's secrets, read from SSM Parameter Store (SecureString, decrypted) only
 * when asked. They are never stored locally; this prints them once, to stdout.
 */
export async function readSecrets(store: StateStore, name: string, connection: AwsConnectionOptions): Promise<Record<string, string>> {
  const state = await readDeployment(store, name);
  const aws = await openAws({ ...connection, endpointUrl: connection.endpointUrl ?? state.endpointUrl }, state.region);
  try {
    const prefix = ssmPrefixFor(name);
    const parameters = await aws.ssm.getParametersByPath({ Path: prefix, Recursive: true, WithDecryption: true });
    return Object.fromEntries(parameters.map((parameter) => [(parameter.Name ?? '').slice(prefix.length), parameter.Value ?? '']).sort());
  } finally {
    aws.destroy();
  }
}
