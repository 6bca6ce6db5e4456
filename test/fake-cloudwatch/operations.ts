// The operations the stand-in speaks, per service, with the X-Amz-Target prefix each service uses
// (client-cloudwatch-logs runtimeConfig.shared.js serviceTarget "Logs_20140328";
// client-cloudwatch "GraniteServiceVersion20100801").
import type { Service } from "./service-error.js";

export const LOGS_OPERATIONS = [
  "CreateLogGroup",
  "CreateLogStream",
  "PutLogEvents",
  "StartQuery",
  "GetQueryResults",
  "StopQuery",
  "DescribeQueries",
  "DescribeLogGroups",
] as const;

export const CLOUDWATCH_OPERATIONS = [
  "PutMetricData",
  "GetMetricData",
  "PutMetricAlarm",
  "PutDashboard",
  "DescribeAlarms",
  "DeleteAlarms",
  "ListTagsForResource",
] as const;

export type LogsOperation = (typeof LOGS_OPERATIONS)[number];
export type CloudWatchOperation = (typeof CLOUDWATCH_OPERATIONS)[number];
export type OperationName = LogsOperation | CloudWatchOperation;

export const TARGET_PREFIX: Readonly<Record<Service, string>> = {
  logs: "Logs_20140328",
  cloudwatch: "GraniteServiceVersion20100801",
};

export function serviceOf(operation: OperationName): Service {
  return (LOGS_OPERATIONS as readonly string[]).includes(operation) ? "logs" : "cloudwatch";
}

/** `Logs_20140328.StartQuery` → { service: "logs", operation: "StartQuery" }; unknown → undefined. */
export function parseTarget(target: string | undefined): { service: Service; operation: OperationName } | undefined {
  const [prefix, operation] = (target ?? "").split(".");
  if (prefix === TARGET_PREFIX.logs && (LOGS_OPERATIONS as readonly string[]).includes(operation ?? "")) {
    return { service: "logs", operation: operation as LogsOperation };
  }
  if (prefix === TARGET_PREFIX.cloudwatch && (CLOUDWATCH_OPERATIONS as readonly string[]).includes(operation ?? "")) {
    return { service: "cloudwatch", operation: operation as CloudWatchOperation };
  }
  return undefined;
}
