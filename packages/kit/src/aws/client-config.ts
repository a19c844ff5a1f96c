import { GM_VERSION } from '../version.js';
import type { CredentialProvider } from './credentials.js';
import { retryStrategyWithBase, type RetryMode } from './retry.js';

/** What every client of one AwsContext shares. */
export interface ClientSettings {
  readonly region: string;
  readonly credentials: CredentialProvider;
  /** Explicit endpoint (--endpoint-url). Undefined lets the SDK honour AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>. */
  readonly endpointUrl: string | undefined;
  readonly maxAttempts: number;
  readonly retryMode: RetryMode;
  readonly retryBaseDelayMs: number | undefined;
}

/** The constructor options gm passes to every SDK client (a subset every client config accepts). */
export interface BaseClientConfig {
  region: string;
  credentials: CredentialProvider;
  endpoint?: string;
  maxAttempts: number;
  retryMode: RetryMode;
  retryStrategy?: Awaited<ReturnType<typeof retryStrategyWithBase>>;
  /** Appended to the SDK's User-Agent as `geusemaker/<version>` (an appId would be rewritten to `app/geusemaker-x`). */
  customUserAgent: Array<[string, string]>;
}

/** Services whose API lives in one region whatever the deployment region (DESIGN §3). */
export const PINNED_REGION = { pricing: 'us-east-1', costExplorer: 'us-east-1', budgets: 'us-east-1', cloudfront: 'us-east-1' } as const;

export async function baseClientConfig(settings: ClientSettings, region = settings.region): Promise<BaseClientConfig> {
  const config: BaseClientConfig = {
    region,
    credentials: settings.credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
    customUserAgent: [['geusemaker', GM_VERSION]],
  };
  if (settings.endpointUrl !== undefined) config.endpoint = settings.endpointUrl;
  if (settings.retryBaseDelayMs !== undefined) {
    config.retryStrategy = await retryStrategyWithBase(settings.retryMode, settings.maxAttempts, settings.retryBaseDelayMs);
  }
  return config;
}

/**
 * S3 needs path-style addressing against any custom endpoint (the emulator has no per-bucket DNS names), whether the
 * endpoint came from the option or from the SDK's environment variables.
 */
export function s3NeedsPathStyle(settings: ClientSettings, env: NodeJS.ProcessEnv = process.env): boolean {
  return settings.endpointUrl !== undefined || Boolean(env.AWS_ENDPOINT_URL_S3) || Boolean(env.AWS_ENDPOINT_URL);
}
