import type { AdaptiveRetryStrategy, StandardRetryStrategy } from '@smithy/core/retry';

export type RetryMode = 'standard' | 'adaptive';

/** The SDK's cap on one backoff delay (20 s), kept for the custom base below. */
const MAX_BACKOFF_MS = 20_000;

/**
 * The SDK's full-jitter exponential backoff with one base for every retryable error. The SDK's default uses 50 ms for
 * transient errors but 1 s for throttles; tests that inject throttles set a small base to stay fast.
 */
function backoffWithBase(baseMs: number): { computeNextBackoffDelay(attempt: number): number; setDelayBase(): void } {
  return {
    computeNextBackoffDelay: (attempt) => Math.floor(Math.random() * Math.min(baseMs * 2 ** attempt, MAX_BACKOFF_MS)),
    setDelayBase: () => undefined,
  };
}

/**
 * The SDK's own retry strategy (standard or adaptive), built explicitly only when a custom backoff base is wanted;
 * otherwise the client builds it from `retryMode` + `maxAttempts`. One instance per client: it holds the retry quota.
 */
export async function retryStrategyWithBase(
  mode: RetryMode,
  maxAttempts: number,
  baseDelayMs: number,
): Promise<StandardRetryStrategy | AdaptiveRetryStrategy> {
  const retry = await import('@smithy/core/retry');
  const options = { maxAttempts, baseDelay: baseDelayMs, backoff: backoffWithBase(baseDelayMs) };
  return mode === 'adaptive' ? new retry.AdaptiveRetryStrategy(maxAttempts, options) : new retry.StandardRetryStrategy(options);
}
