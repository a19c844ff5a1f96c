import type * as CostExplorerSdk from '@aws-sdk/client-cost-explorer';
import type {
  GetCostAndUsageCommandInput,
  GetCostAndUsageCommandOutput,
  GetCostForecastCommandInput,
  GetCostForecastCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { callAws, type ClientHandle, type LoadedClient } from './lazy-client.js';

export type {
  GetCostAndUsageCommandInput,
  GetCostAndUsageCommandOutput,
  GetCostForecastCommandInput,
  GetCostForecastCommandOutput,
} from '@aws-sdk/client-cost-explorer';

/** The Cost Explorer operations gm uses (the client is pinned to us-east-1 by the factory). */
export interface CostExplorerApi {
  getCostAndUsage(input: GetCostAndUsageCommandInput): Promise<GetCostAndUsageCommandOutput>;
  getCostForecast(input: GetCostForecastCommandInput): Promise<GetCostForecastCommandOutput>;
}

export type CostExplorerHandle = ClientHandle<typeof CostExplorerSdk, CostExplorerSdk.CostExplorerClient>;
type CostExplorer = LoadedClient<typeof CostExplorerSdk, CostExplorerSdk.CostExplorerClient>;

export function createCostExplorerApi(handle: CostExplorerHandle): CostExplorerApi {
  const call = <T>(operation: string, run: (ce: CostExplorer) => Promise<T>): Promise<T> =>
    callAws(`Cost Explorer ${operation}`, async () => run(await handle.load()));
  return {
    getCostAndUsage: (input) => call('GetCostAndUsage', ({ sdk, client }) => client.send(new sdk.GetCostAndUsageCommand(input))),
    getCostForecast: (input) => call('GetCostForecast', ({ sdk, client }) => client.send(new sdk.GetCostForecastCommand(input))),
  };
}
