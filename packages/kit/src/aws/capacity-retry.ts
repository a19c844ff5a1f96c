import type { AdaptiveRetryStrategy, StandardRetryStrategy } from '@smithy/core/retry';
import { isCapacityError } from '../errors/index.js';
import type { RetryMode } from './retry.js';

type SdkRetryStrategy = StandardRetryStrategy | AdaptiveRetryStrategy;
type RetryErrorInfo = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[1];

/** The three methods the SDK's retry middleware calls (its RetryStrategyV2 shape). */
export interface RetryStrategyV2Like<Token> {
  acquireInitialRetryToken(scope: string): Promise<Token>;
  refreshRetryTokenForRetry(token: Token, errorInfo: RetryErrorInfo): Promise<Token>;
  recordSuccess(token: Token): void;
}

/**
 * EC2 answers InsufficientInstanceCapacity (and its siblings) with HTTP 500, which the SDK classifies as a transient
 * server error and retries within about a second — capacity does not come back that fast, so the retries only delay
 * the fallback to the next AZ / type / market, which is how gm answers them. This wrapper refuses to retry any
 * capacity error (the SDK then throws it at once) and leaves every other retry decision to the SDK's own strategy.
 */
export function withoutCapacityRetries<Token>(inner: RetryStrategyV2Like<Token>): RetryStrategyV2Like<Token> {
  return {
    acquireInitialRetryToken: (scope) => inner.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: (token, errorInfo) =>
      isCapacityError(errorInfo.error) ? Promise.reject(errorInfo.error) : inner.refreshRetryTokenForRetry(token, errorInfo),
    recordSuccess: (token) => inner.recordSuccess(token),
  };
}

/** True when the call may have been performed but its answer never arrived: a network error, or no HTTP status. */
function answerMayBeLost(errorInfo: RetryErrorInfo): boolean {
  if (errorInfo.errorType === 'THROTTLING') return false;
  const status = (errorInfo.error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  return errorInfo.errorType === 'TRANSIENT' || typeof status !== 'number';
}

/**
 * For creates that carry no idempotency token (CreateVpc, AllocateAddress …): when the connection breaks after the
 * request was sent, AWS may have performed it, and a retry would create a second resource. This wrapper refuses to
 * retry such lost answers (the engine then looks for the resource by tag) and keeps every other retry, throttles
 * included.
 */
export function withoutLostAnswerRetries<Token>(inner: RetryStrategyV2Like<Token>): RetryStrategyV2Like<Token> {
  return {
    acquireInitialRetryToken: (scope) => inner.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: (token, errorInfo) =>
      answerMayBeLost(errorInfo) ? Promise.reject(errorInfo.error) : inner.refreshRetryTokenForRetry(token, errorInfo),
    recordSuccess: (token) => inner.recordSuccess(token),
  };
}

/** The SDK's default strategy for a mode, built explicitly so it can be wrapped (the SDK builds the same one itself). */
export async function defaultRetryStrategy(mode: RetryMode, maxAttempts: number): Promise<SdkRetryStrategy> {
  const retry = await import('@smithy/core/retry');
  return mode === 'adaptive' ? new retry.AdaptiveRetryStrategy(maxAttempts) : new retry.StandardRetryStrategy(maxAttempts);
}
