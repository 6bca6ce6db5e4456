// A retry strategy for the SDK's retry middleware (RetryStrategyV2) that sleeps on our Clock, so
// tests never wait, and that retries only the error types a call allows. PutMetricData and StartQuery
// are not idempotent: a retried PutMetricData that had in fact landed would double the sums, a
// retried StartQuery that had in fact started a query would start a second one whose id is lost, so
// nobody stops it. They retry only throttling and refused connections, known not to be processed.
import { backoffDelay } from "../util/backoff.js";
import type { Clock } from "../util/clock.js";

type ErrorType = "THROTTLING" | "TRANSIENT" | "SERVER_ERROR" | "CLIENT_ERROR";

interface ErrorInfo {
  readonly errorType: ErrorType;
  readonly error?: unknown;
}

interface Token {
  getRetryCount(): number;
  getRetryDelay(): number;
  getRetryCost(): number | undefined;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly retryable: (info: ErrorInfo) => boolean;
  /** First backoff in ms; doubles each attempt, capped at 20 s, drawn from its upper half (util/backoff.ts). */
  readonly baseDelay: number;
}

const token = (count: number): Token => ({ getRetryCount: () => count, getRetryDelay: () => 0, getRetryCost: () => undefined });

export function retryStrategy(policy: RetryPolicy, clock: Clock) {
  return {
    mode: "standard",
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous: Token, info: ErrorInfo): Promise<Token> => {
      const attempt = previous.getRetryCount() + 1;
      if (attempt >= policy.maxAttempts || !policy.retryable(info)) throw new Error("not retried");
      await clock.sleep(backoffDelay({ first: policy.baseDelay, factor: 2, max: 20_000 }, attempt - 1, () => clock.random()));
      return token(attempt);
    },
    recordSuccess: () => undefined,
  };
}

/** Idempotent reads and query control: retry throttling, transient network errors and 5xx. */
export const readPolicy: RetryPolicy = { maxAttempts: 5, retryable: (info) => info.errorType !== "CLIENT_ERROR", baseDelay: 500 };

/**
 * PutMetricData and StartQuery: retry only what certainly was not processed, never a 5xx, a timeout
 * or a reset connection. The SDK classifies CloudWatch's `Throttling`, CloudWatch Logs'
 * `ThrottlingException` and `LimitExceededException` as THROTTLING (THROTTLING_ERROR_CODES in
 * @smithy/core's retry module).
 */
export const nonIdempotentPolicy: RetryPolicy = {
  maxAttempts: 5,
  retryable: (info) => info.errorType === "THROTTLING" || errorCode(info.error) === "ECONNREFUSED",
  baseDelay: 500,
};

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : undefined;
}
