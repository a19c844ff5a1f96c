import type * as CloudFrontSdk from '@aws-sdk/client-cloudfront';
import type {
  CreateDistributionCommandInput,
  CreateDistributionCommandOutput,
  DistributionSummary,
  ListDistributionsCommandInput,
} from '@aws-sdk/client-cloudfront';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type { CreateDistributionCommandInput, DistributionConfig, DistributionSummary } from '@aws-sdk/client-cloudfront';

/** The CloudFront operations gm uses (CloudFront is global: the factory pins the client to us-east-1). */
export interface CloudFrontApi {
  /** Every distribution of every page. */
  listDistributions(input?: ListDistributionsCommandInput): Promise<DistributionSummary[]>;
  createDistribution(input: CreateDistributionCommandInput): Promise<CreateDistributionCommandOutput>;
}

export type CloudFrontHandle = ClientHandle<typeof CloudFrontSdk, CloudFrontSdk.CloudFrontClient>;
type CloudFront = LoadedClient<typeof CloudFrontSdk, CloudFrontSdk.CloudFrontClient>;

export function createCloudFrontApi(handle: CloudFrontHandle): CloudFrontApi {
  const call = <T>(operation: string, run: (cloudfront: CloudFront) => Promise<T>): Promise<T> =>
    callAws(`CloudFront ${operation}`, async () => run(await handle.load()));
  return {
    listDistributions: (input = {}) =>
      call('ListDistributions', ({ sdk, client }) =>
        collectPages(sdk.paginateListDistributions({ client }, input), (page) => page.DistributionList?.Items),
      ),
    createDistribution: (input) => call('CreateDistribution', ({ sdk, client }) => client.send(new sdk.CreateDistributionCommand(input))),
  };
}
