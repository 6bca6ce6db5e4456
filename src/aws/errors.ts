// Turns SDK errors into AwsCallError messages that name the operation, the context and a fix.
import { AwsCallError } from "../errors.js";

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export interface CallContext {
  readonly queryName?: string;
  readonly queryId?: string;
  readonly window?: string;
}

const THROTTLED =
  "AWS throttled the calls even after retries (the rate quotas are per account and region, shared with other tools); run less " +
  "often or with fewer queries";

const ACCESS_DENIED = "the credentials lack a permission; see the IAM policy in the README";

const HINTS: Readonly<Record<string, string>> = {
  CredentialsProviderError:
    "no AWS credentials found; set AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run on an instance with a role",
  ExpiredTokenException: "the AWS credentials have expired; refresh them (aws sso login)",
  AccessDeniedException: ACCESS_DENIED,
  // CloudWatch does not model the exception; its awsQuery code is AccessDenied.
  AccessDenied: ACCESS_DENIED,
  ResourceNotFoundException: "check the log group names and the region",
  // CloudWatch Logs throttles with ThrottlingException; CloudWatch (PutMetricData, GetMetricData) with
  // the awsQuery code Throttling, which its JSON protocol keeps (x-amzn-query-error) and the SDK uses
  // as the error's name (https://repost.aws/knowledge-center/cloudwatch-400-error-throttling).
  ThrottlingException: THROTTLED,
  Throttling: THROTTLED,
  // The account's concurrent-query quota counts every Logs Insights query in the region. `run` starts
  // one query per configured query, all at once; only `backfill` has a setting for how many.
  LimitExceededException:
    "too many Logs Insights queries are running in this account, counting dashboards, scheduled queries and other tools " +
    "(run starts one per configured query at once; backfill up to --concurrency, default schedule.concurrency); " +
    "let them finish, lower backfill's --concurrency, or ask AWS for a higher quota",
};

export function errorName(error: unknown): string {
  const shape = error as SdkErrorShape;
  return shape?.name ?? shape?.code ?? "Error";
}

export function httpStatus(error: unknown): number | undefined {
  return (error as SdkErrorShape)?.$metadata?.httpStatusCode;
}

/** Failures before a request could leave: no credentials, no region, no such host, connection refused. */
const NEVER_SENT = new Set(["CredentialsProviderError", "TokenProviderError", "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * A 4xx answer (throttling included) or a request that never left: AWS processed nothing. Anything
 * else (a 5xx, a timeout, a reset connection) may have been processed before it failed.
 */
export function notProcessed(error: unknown): boolean {
  const status = httpStatus(error);
  if (status !== undefined) return status >= 400 && status < 500;
  const code = (error as SdkErrorShape)?.code;
  return (
    NEVER_SENT.has(errorName(error)) ||
    (code !== undefined && NEVER_SENT.has(code)) ||
    /region is missing/i.test(String((error as Error)?.message))
  );
}

export function wrapAwsError(operation: string, error: unknown, context: CallContext = {}): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const name = errorName(error);
  const message = (error as SdkErrorShape)?.message ?? String(error);
  const where = [context.queryName, context.window && `window ${context.window}`, context.queryId && `query id ${context.queryId}`]
    .filter(Boolean)
    .join(", ");
  const regionHint = /region is missing/i.test(message) ? "; set aws.region in the config, --region or AWS_REGION" : "";
  const hint = HINTS[name] ? `; ${HINTS[name]}` : regionHint;
  return new AwsCallError(operation, `${operation} failed${where ? ` (${where})` : ""}: ${name}: ${message}${hint}`, context, {
    cause: error,
  });
}
