// DescribeAlarms, DeleteAlarms and ListTagsForResource over the alarms PutMetricAlarm stored
// (client-cloudwatch 3.1164.0 DescribeAlarmsCommand.d.ts, DeleteAlarmsCommand.d.ts,
// ListTagsForResourceCommand.d.ts, models_0.d.ts MetricAlarm). What the model leaves open is
// marked in FIDELITY.md, with what mail-metrics does so that either reading is safe.
import type { Handler } from "./handler.js";
import { invalid, missing, optionalInteger, optionalString, requiredString, stringList, type Input } from "./input.js";
import { makeToken, readToken } from "./page-token.js";
import type { StoredAlarm } from "./records.js";
import { ServiceError } from "./service-error.js";

/** Page size when MaxRecords is omitted: UNCONFIRMED (the model gives none). */
const DEFAULT_MAX_RECORDS = 50;

export const describeAlarms: Handler = (input, context) => {
  const names = stringList("cloudwatch", input, "AlarmNames");
  const prefix = optionalString("cloudwatch", input, "AlarmNamePrefix");
  // "If this parameter is specified, you cannot specify AlarmNames" (the exception's name: UNCONFIRMED).
  if (names !== undefined && prefix !== undefined) {
    throw new ServiceError("InvalidParameterCombinationException", "AlarmNamePrefix and AlarmNames cannot be specified together.");
  }
  const types = stringList("cloudwatch", input, "AlarmTypes");
  const max = optionalInteger("cloudwatch", input, "MaxRecords", [1, 100]) ?? DEFAULT_MAX_RECORDS;
  const offset = readToken(optionalString("cloudwatch", input, "NextToken"), `DescribeAlarms:${prefix ?? ""}`, "InvalidNextToken");
  // "If you omit this parameter, only metric alarms are returned"; the stand-in holds metric alarms only.
  const wanted = types === undefined || types.includes("MetricAlarm");
  const matching = [...context.state.alarms.values()].filter(
    (alarm) =>
      wanted && (names === undefined || names.includes(nameOf(alarm))) && (prefix === undefined || nameOf(alarm).startsWith(prefix)),
  );
  const page = matching.slice(offset, offset + max).map(metricAlarm);
  const more = offset + max < matching.length;
  return {
    MetricAlarms: page,
    CompositeAlarms: [],
    ...(more ? { NextToken: makeToken(`DescribeAlarms:${prefix ?? ""}`, offset + max) } : {}),
  };
};

/** "You can delete up to 100 alarms in one operation"; "the alarms you specify with correct names are still deleted". */
export const deleteAlarms: Handler = (input, context) => {
  const names = stringList("cloudwatch", input, "AlarmNames");
  if (names === undefined) throw missing("cloudwatch", "AlarmNames");
  // The exception for more than 100 names: UNCONFIRMED; the code sends at most 100.
  if (names.length > 100) throw invalid("cloudwatch", "AlarmNames", names.length, "at most 100 alarms in one operation");
  if (context.commit) for (const name of names) context.state.alarms.delete(name);
  return {};
};

export const listTagsForResource: Handler = (input, context) => {
  const arn = requiredString("cloudwatch", input, "ResourceARN");
  const alarm = [...context.state.alarms.values()].find((candidate) => candidate.arn === arn);
  if (alarm === undefined) {
    throw new ServiceError("ResourceNotFoundException", `The alarm ${arn} does not exist.`, { ResourceType: "alarm", ResourceId: arn });
  }
  return { Tags: [...alarm.tags].map(([Key, Value]) => ({ Key, Value })) };
};

const nameOf = (alarm: StoredAlarm): string => alarm.input.AlarmName as string;

/**
 * The alarm as DescribeAlarms shows it: the members as put, with the defaults the model documents
 * for those left out (ActionsEnabled TRUE, no actions, no dimensions). A member never put stays
 * absent: whether AWS then returns a default (TreatMissingData "missing", DatapointsToAlarm) is
 * UNCONFIRMED, and alarm-changes.ts reads a missing one as its default.
 */
function metricAlarm(alarm: StoredAlarm): Input {
  const put = alarm.input;
  const copied = Object.fromEntries(
    [
      "AlarmName",
      "AlarmDescription",
      "MetricName",
      "Namespace",
      "Statistic",
      "ExtendedStatistic",
      "Period",
      "Unit",
      "EvaluationPeriods",
      "DatapointsToAlarm",
      "Threshold",
      "ComparisonOperator",
      "TreatMissingData",
      "EvaluateLowSampleCountPercentile",
      "Metrics",
      "ThresholdMetricId",
    ]
      .filter((key) => put[key] !== undefined)
      .map((key) => [key, put[key]]),
  );
  const seconds = alarm.updatedAt / 1000;
  return {
    ...copied,
    AlarmArn: alarm.arn,
    AlarmConfigurationUpdatedTimestamp: seconds,
    ActionsEnabled: put.ActionsEnabled ?? true,
    OKActions: put.OKActions ?? [],
    AlarmActions: put.AlarmActions ?? [],
    InsufficientDataActions: put.InsufficientDataActions ?? [],
    Dimensions: put.Dimensions ?? [],
    StateValue: "INSUFFICIENT_DATA",
    StateReason: "Unchecked: Initial alarm creation",
    StateUpdatedTimestamp: seconds,
  };
}
