// Turns SDK errors into AwsCallError messages that name the operation, the context (query, window,
// log groups), the settings as they were given (profile, region: where.ts) and a fix.
import { AwsCallError } from "../errors.js";
import { neverReachedHandler, whereOfError } from "./sent-or-not.js";
import { profileText, regionText, type AwsWhere } from "./where.js";

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  hostname?: string;
  $metadata?: { httpStatusCode?: number };
}

export interface CallContext {
  readonly queryName?: string;
  readonly queryId?: string;
  readonly window?: string;
  /** The log groups of the call, as the config gives them. */
  readonly logGroups?: readonly string[];
}

const THROTTLED =
  "AWS throttled the calls even after retries (the rate quotas are per account and region, shared with other tools); run less often or with fewer queries";
const DENIED = "the credentials lack a permission; see the IAM policy in the README";

const HINTS: Readonly<Record<string, string>> = {
  ExpiredTokenException: "the AWS credentials have expired; refresh them (aws sso login)",
  AccessDeniedException: DENIED,
  AccessDenied: DENIED,
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

/** Failures of a request that never left: no credentials, no such host, connection refused. */
const NEVER_SENT = new Set(["CredentialsProviderError", "TokenProviderError", "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/** The request never left the host: it never reached the HTTP handler, or its connection could not be made. */
export function notSent(error: unknown): boolean {
  if (httpStatus(error) !== undefined) return false;
  const code = (error as SdkErrorShape)?.code;
  return (
    neverReachedHandler(error) ||
    NEVER_SENT.has(errorName(error)) ||
    (code !== undefined && NEVER_SENT.has(code)) ||
    /region is missing/i.test(String((error as Error)?.message))
  );
}

/**
 * A 4xx answer (throttling included) or a request that never left: AWS processed nothing. Anything
 * else (a 5xx, a timeout, a reset connection) may have been processed before it failed.
 */
export function notProcessed(error: unknown): boolean {
  const status = httpStatus(error);
  if (status !== undefined) return status >= 400 && status < 500;
  return notSent(error);
}

export function wrapAwsError(operation: string, error: unknown, context: CallContext = {}): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const name = errorName(error);
  const message = (error as SdkErrorShape)?.message ?? String(error);
  const where = [context.queryName, context.window && `window ${context.window}`, context.queryId && `query id ${context.queryId}`]
    .filter(Boolean)
    .join(", ");
  const hint = hintFor(error, name, message, context);
  const outcome = notSent(error) ? "not sent" : "failed";
  return new AwsCallError(
    operation,
    `${operation} ${outcome}${where ? ` (${where})` : ""}: ${name}: ${message}${hint ? `; ${hint}` : ""}`,
    context,
    {
      cause: error,
    },
  );
}

function hintFor(error: unknown, name: string, message: string, context: CallContext): string | undefined {
  const where = whereOfError(error) ?? { envKeys: false };
  const code = (error as SdkErrorShape)?.code;
  if (name === "CredentialsProviderError" || name === "TokenProviderError") return credentialsHint(where);
  if (/region is missing/i.test(message)) return "no AWS Region: set aws.region in the config, --region or AWS_REGION";
  if (/Region not accepted/i.test(message))
    return `the region ${regionText(where)} is not a Region name; write one like us-east-1 or eu-west-1`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return dnsHint(error, where);
  if (name === "ResourceNotFoundException") return notFoundHint(where, context);
  return HINTS[name];
}

function credentialsHint(where: AwsWhere): string {
  if (where.profile !== undefined) {
    const name = where.profile.value;
    return (
      `${profileText(where.profile)} gave no credentials${where.envKeys ? " (the keys in the environment are not used while a profile is set)" : ""}: ` +
      `profiles come from ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE); ` +
      `aws configure list-profiles lists them, aws configure --profile ${name} creates it, aws sso login --profile ${name} renews an SSO one`
    );
  }
  return (
    "no AWS credentials found: set a profile (aws.profile in the config, --profile or AWS_PROFILE; profiles come from ~/.aws/config, " +
    "aws configure creates one), AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run on an instance with a role"
  );
}

function dnsHint(error: unknown, where: AwsWhere): string {
  const host = (error as SdkErrorShape)?.hostname;
  const endpoint = where.endpoint === undefined ? "" : ` (the endpoint ${where.endpoint.value}, from ${where.endpoint.from})`;
  return (
    `the endpoint host ${host === undefined ? "" : `${host} `}could not be resolved${endpoint}, so nothing was sent: is the region right (${regionText(where)})? ` +
    "Does this host reach AWS (DNS, network, a proxy or VPC endpoint it needs)?"
  );
}

function notFoundHint(where: AwsWhere, context: CallContext): string {
  const groups = context.logGroups ?? [];
  const named = groups.length === 0 ? "a log group" : `the log group${groups.length === 1 ? "" : "s"} ${groups.join(", ")}`;
  return (
    `${named} as the config gives ${groups.length === 1 ? "it" : "them"} may not exist in the region ${regionText(where)} for this account: ` +
    "check the name and the region (mail-metrics doctor checks each log group)"
  );
}
