import type { MetricAlarm, PutMetricAlarmCommandInput } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import { alarmChanges } from "../../src/monitoring/alarm-changes.js";

const desired: PutMetricAlarmCommandInput = {
  AlarmName: "a",
  AlarmDescription: "d",
  ActionsEnabled: true,
  AlarmActions: ["arn:aws:sns:eu-west-1:123456789012:x", "arn:aws:sns:eu-west-1:123456789012:y"],
  OKActions: [],
  InsufficientDataActions: [],
  Namespace: "Mail/Postfix",
  MetricName: "550-5_7_26",
  Dimensions: [
    { Name: "Environment", Value: "prod" },
    { Name: "Relay", Value: "mx" },
  ],
  Statistic: "Maximum",
  Period: 300,
  EvaluationPeriods: 2,
  DatapointsToAlarm: 2,
  Threshold: 1,
  ComparisonOperator: "GreaterThanOrEqualToThreshold",
  TreatMissingData: "missing",
};

describe(alarmChanges.name, () => {
  it("reads members DescribeAlarms may leave out as their documented defaults, and lists as sets", () => {
    const described: MetricAlarm = {
      ...desired,
      ActionsEnabled: undefined,
      TreatMissingData: undefined,
      DatapointsToAlarm: undefined,
      OKActions: undefined,
      AlarmActions: [...desired.AlarmActions!].reverse(),
      Dimensions: [...desired.Dimensions!].reverse(),
      StateValue: "ALARM",
    };
    expect(alarmChanges(desired, described)).toEqual([]);
  });

  it("reports what a Put would change, also members the sync leaves unset", () => {
    const described: MetricAlarm = { ...desired, Threshold: 5, Unit: "Count", AlarmActions: [] };
    expect(alarmChanges(desired, described)).toEqual([
      { field: "AlarmActions", from: "(none)", to: "arn:aws:sns:eu-west-1:123456789012:x, arn:aws:sns:eu-west-1:123456789012:y" },
      { field: "Unit", from: '"Count"', to: "(none)" },
      { field: "Threshold", from: "5", to: "1" },
    ]);
  });

  it("shows long descriptions around where they differ", () => {
    const long = (path: string) =>
      `Gmail rejects mail as unauthenticated. The log lines behind it: mail-metrics explain 550-5_7_26 --config ${path}`;
    const [change] = alarmChanges(
      { ...desired, AlarmDescription: long("/etc/mail-metrics/prod.yaml") },
      { ...desired, AlarmDescription: long("/root/prod.yaml") },
    );
    expect(change).toEqual({
      field: "AlarmDescription",
      from: '…50-5_7_26 --config /root/prod.yaml"',
      to: '…50-5_7_26 --config /etc/mail-metrics/prod.yaml"',
    });
  });
});
