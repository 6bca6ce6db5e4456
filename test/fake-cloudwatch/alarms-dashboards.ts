// PutMetricAlarm and PutDashboard: the minimal checks CloudWatch makes on required members, then
// store and answer success. PutMetricAlarm creates or replaces the alarm of that name; its Tags are
// applied when it creates the alarm and ignored when it updates one (PutMetricAlarmCommand.d.ts:
// "If you are using this operation to update an existing alarm, any tags you specify in this
// parameter are ignored"). The ARN is arn:aws:cloudwatch:Region:account-id:alarm:alarm-name
// (ListTagsForResourceCommand.d.ts), the Region that of the request's credential scope.
import type { Handler, HandlerContext } from "./handler.js";
import { asObject, invalid, missing, optionalArray, optionalNumber, optionalString, requiredString, type Input } from "./input.js";
import { ServiceError } from "./service-error.js";

const DASHBOARD_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const COMPARISONS = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
  "LessThanLowerOrGreaterThanUpperThreshold",
  "LessThanLowerThreshold",
  "GreaterThanUpperThreshold",
];

export const putMetricAlarm: Handler = (input, context) => {
  const name = requiredString("cloudwatch", input, "AlarmName");
  if (name.length > 255) throw invalid("cloudwatch", "AlarmName", name, "must be 1 to 255 characters");
  const metrics = optionalArray("cloudwatch", input, "Metrics");
  const metricName = optionalString("cloudwatch", input, "MetricName");
  if (metrics === undefined && metricName === undefined) throw missing("cloudwatch", "MetricName");
  if (metrics !== undefined && metricName !== undefined) {
    throw new ServiceError("InvalidParameterCombinationException", "MetricName and Metrics are mutually exclusive.");
  }
  if (metricName !== undefined) {
    requiredString("cloudwatch", input, "Namespace");
    if (optionalNumber("cloudwatch", input, "Period") === undefined) throw missing("cloudwatch", "Period");
    if (input.Statistic === undefined && input.ExtendedStatistic === undefined) throw missing("cloudwatch", "Statistic");
  }
  if (input.EvaluationCriteria === undefined) {
    const periods = optionalNumber("cloudwatch", input, "EvaluationPeriods");
    if (periods === undefined) throw missing("cloudwatch", "EvaluationPeriods");
    if (!Number.isInteger(periods) || periods < 1) throw invalid("cloudwatch", "EvaluationPeriods", periods, "must be an integer ≥ 1");
    const comparison = requiredString("cloudwatch", input, "ComparisonOperator");
    if (!COMPARISONS.includes(comparison)) throw invalid("cloudwatch", "ComparisonOperator", comparison, "unknown operator");
  }
  const existing = context.state.alarms.get(name);
  const tags = existing?.tags ?? tagsOf(input);
  if (context.commit) context.state.alarms.set(name, { input, arn: alarmArn(context, name), tags, updatedAt: context.options.now() });
  return {};
};

export function alarmArn(context: HandlerContext, name: string): string {
  return `arn:aws:cloudwatch:${context.request.region ?? "us-east-1"}:${context.options.accountId}:alarm:${name}`;
}

/** At most 50 tags, each a Key and a Value (PutMetricAlarmCommand.d.ts: "as many as 50 tags with an alarm"). */
function tagsOf(input: Input): Map<string, string> {
  const list = optionalArray("cloudwatch", input, "Tags") ?? [];
  if (list.length > 50) throw invalid("cloudwatch", "Tags", list.length, "at most 50 tags");
  return new Map(
    list.map((item, i) => {
      const tag = asObject("cloudwatch", item, `Tags[${i}]`);
      return [requiredString("cloudwatch", tag, "Key", `Tags[${i}].Key`), requiredString("cloudwatch", tag, "Value", `Tags[${i}].Value`)];
    }),
  );
}

export const putDashboard: Handler = (input, context) => {
  const name = requiredString("cloudwatch", input, "DashboardName");
  if (!DASHBOARD_NAME.test(name)) throw invalid("cloudwatch", "DashboardName", name, "1 to 255 of A-Z a-z 0-9 - _");
  const body = requiredString("cloudwatch", input, "DashboardBody");
  const problem = dashboardProblem(body);
  if (problem !== undefined) {
    throw new ServiceError("DashboardInvalidInputError", "The dashboard body is invalid, there are 1 validation errors.", {
      dashboardValidationMessages: [{ dataPath: "", message: problem }],
    });
  }
  if (context.commit) context.state.dashboards.set(name, body);
  return { DashboardValidationMessages: [] };
};

function dashboardProblem(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const widgets = (parsed as { widgets?: unknown } | null)?.widgets;
    return Array.isArray(widgets) ? undefined : "Should have required property 'widgets'";
  } catch {
    return "Dashboard body is not valid JSON";
  }
}
