import type * as StsSdk from '@aws-sdk/client-sts';
import type { GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import { callAws, type ClientHandle } from './lazy-client.js';

export type { GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';

/** The STS operations gm uses. */
export interface StsApi {
  /** Who the credentials belong to (account, ARN): the cheapest proof that credentials work. */
  getCallerIdentity(): Promise<GetCallerIdentityCommandOutput>;
}

export type StsHandle = ClientHandle<typeof StsSdk, StsSdk.STSClient>;

export function createStsApi(handle: StsHandle): StsApi {
  return {
    getCallerIdentity: () =>
      callAws('STS GetCallerIdentity', async () => {
        const { sdk, client } = await handle.load();
        return client.send(new sdk.GetCallerIdentityCommand({}));
      }),
  };
}
