import type * as QuotasSdk from '@aws-sdk/client-service-quotas';
import type { GetServiceQuotaCommandInput, GetServiceQuotaCommandOutput } from '@aws-sdk/client-service-quotas';
import { callAws, type ClientHandle } from './lazy-client.js';

export type { GetServiceQuotaCommandInput, GetServiceQuotaCommandOutput } from '@aws-sdk/client-service-quotas';

/** The Service Quotas operations gm uses: one applied quota by service and quota code (preflight). */
export interface ServiceQuotasApi {
  getServiceQuota(input: GetServiceQuotaCommandInput): Promise<GetServiceQuotaCommandOutput>;
}

export type ServiceQuotasHandle = ClientHandle<typeof QuotasSdk, QuotasSdk.ServiceQuotasClient>;

export function createServiceQuotasApi(handle: ServiceQuotasHandle): ServiceQuotasApi {
  return {
    getServiceQuota: (input) =>
      callAws('Service Quotas GetServiceQuota', async () => {
        const { sdk, client } = await handle.load();
        return client.send(new sdk.GetServiceQuotaCommand(input));
      }),
  };
}
