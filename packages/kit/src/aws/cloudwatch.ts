import type * as CloudWatchSdk from '@aws-sdk/client-cloudwatch';
import type { Datapoint, GetMetricStatisticsCommandInput } from '@aws-sdk/client-cloudwatch';
import { callAws, type ClientHandle } from './lazy-client.js';

export type { Datapoint as CloudWatchDatapoint, GetMetricStatisticsCommandInput } from '@aws-sdk/client-cloudwatch';

/** The CloudWatch operations gm uses: instance metrics for `gm status` and `gm monitor`. */
export interface CloudWatchApi {
  /** The datapoints of one metric over a period (unordered, as CloudWatch returns them). */
  getMetricStatistics(input: GetMetricStatisticsCommandInput): Promise<Datapoint[]>;
}

export type CloudWatchHandle = ClientHandle<typeof CloudWatchSdk, CloudWatchSdk.CloudWatchClient>;

export function createCloudWatchApi(handle: CloudWatchHandle): CloudWatchApi {
  return {
    getMetricStatistics: (input) =>
      callAws('CloudWatch GetMetricStatistics', async () => {
        const { sdk, client } = await handle.load();
        return (await client.send(new sdk.GetMetricStatisticsCommand(input))).Datapoints ?? [];
      }),
  };
}
