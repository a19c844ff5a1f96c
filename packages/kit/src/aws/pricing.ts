import type * as PricingSdk from '@aws-sdk/client-pricing';
import type { GetProductsCommandInput } from '@aws-sdk/client-pricing';
import { callAws, type ClientHandle } from './lazy-client.js';
import { collectPages } from './paginate.js';

export type { Filter as PricingFilter, GetProductsCommandInput } from '@aws-sdk/client-pricing';

/** The Price List Query API operations gm uses (the client is pinned to us-east-1 by the factory). */
export interface PricingApi {
  /**
   * Every matching product of every page, each a Price List JSON document as a string (AWS sends them as strings;
   * parse with JSON.parse). See ../../shared/pricing/README.md for where the price sits inside.
   */
  getProducts(input: GetProductsCommandInput): Promise<string[]>;
}

export type PricingHandle = ClientHandle<typeof PricingSdk, PricingSdk.PricingClient>;

/** The SDK types PriceList entries loosely (string or auto-converted JSON); gm always hands on the JSON text. */
function asJsonText(entry: unknown): string {
  return typeof entry === 'string' || entry instanceof String ? entry.toString() : JSON.stringify(entry);
}

export function createPricingApi(handle: PricingHandle): PricingApi {
  return {
    getProducts: (input) =>
      callAws('Pricing GetProducts', async () => {
        const { sdk, client } = await handle.load();
        const entries = await collectPages(sdk.paginateGetProducts({ client, pageSize: 100 }, input), (page) =>
          page.PriceList === undefined ? undefined : Array.from(page.PriceList as Iterable<unknown>),
        );
        return entries.map(asJsonText);
      }),
  };
}
