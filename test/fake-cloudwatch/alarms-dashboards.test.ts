import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  type CloudWatchClient,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metricsClient } from "./sdk-clients.js";
import { startStandIn, type StandIn } from "./start-stand-in.js";

let standIn: StandIn;
let cw: CloudWatchClient;

beforeEach(async () => {
  standIn = await startStandIn();
  cw = metricsClient(standIn.endpoint);
});
afterEach(async () => {
  cw.destroy();
  await standIn.close();
});

const alarm: PutMetricAlarmCommandInput = {
  AlarmName: "dmarc-rejections",
  Namespace: "Mail/Postfix",
  MetricName: "550-5_7_26",
  Dimensions: [{ Name: "Domain", Value: "example.com" }],
  Statistic: "Sum",
  Period: 300,
  EvaluationPeriods: 1,
  Threshold: 10,
  ComparisonOperator: "GreaterThanThreshold",
};

describe("PutMetricAlarm", () => {
  it("stores the alarm as sent", async () => {
    await cw.send(new PutMetricAlarmCommand(alarm));
    expect(standIn.state.alarms.get("dmarc-rejections")?.input).toMatchObject({ MetricName: "550-5_7_26", Threshold: 10 });
  });

  it.each([
    ["without a metric", { MetricName: undefined }],
    ["without EvaluationPeriods", { EvaluationPeriods: undefined }],
    ["without ComparisonOperator", { ComparisonOperator: undefined }],
    ["without Period", { Period: undefined }],
  ])("refuses an alarm %s with MissingRequiredParameterException", async (_, change) => {
    await expect(cw.send(new PutMetricAlarmCommand({ ...alarm, ...change }))).rejects.toMatchObject({
      name: "MissingRequiredParameterException",
    });
    expect(standIn.state.alarms.size).toBe(0);
  });
});

describe("PutDashboard", () => {
  it("stores a dashboard with a widgets list", async () => {
    const body = JSON.stringify({ widgets: [] });
    const answer = await cw.send(new PutDashboardCommand({ DashboardName: "mail", DashboardBody: body }));
    expect(answer.DashboardValidationMessages).toEqual([]);
    expect(standIn.state.dashboards.get("mail")).toBe(body);
  });

  it("refuses a body without widgets with DashboardInvalidInputError and its validation messages", async () => {
    const put = cw.send(new PutDashboardCommand({ DashboardName: "mail", DashboardBody: "{}" }));
    await expect(put).rejects.toMatchObject({ name: "DashboardInvalidInputError", dashboardValidationMessages: [expect.anything()] });
  });

  it("refuses a name outside A-Z a-z 0-9 - _", async () => {
    const put = cw.send(new PutDashboardCommand({ DashboardName: "mail metrics", DashboardBody: '{"widgets":[]}' }));
    await expect(put).rejects.toMatchObject({ name: "InvalidParameterValueException" });
  });
});

describe("DescribeAlarms", () => {
  const put = (name: string, tags?: { Key: string; Value: string }[]) =>
    cw.send(new PutMetricAlarmCommand({ ...alarm, AlarmName: name, ...(tags ? { Tags: tags } : {}) }));

  it("returns the metric alarms under a prefix as put, with an ARN of the request's Region and the documented defaults", async () => {
    await put("mail-metrics/prod/a");
    await put("other/b");
    const answer = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "mail-metrics/" }));
    expect(answer.MetricAlarms).toEqual([
      expect.objectContaining({
        AlarmName: "mail-metrics/prod/a",
        AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:mail-metrics/prod/a",
        MetricName: "550-5_7_26",
        Dimensions: [{ Name: "Domain", Value: "example.com" }],
        Threshold: 10,
        ActionsEnabled: true,
        AlarmActions: [],
        StateValue: "INSUFFICIENT_DATA",
        AlarmConfigurationUpdatedTimestamp: expect.any(Date),
      }),
    ]);
  });

  it("pages with NextToken at MaxRecords (1-100) and refuses AlarmNames with AlarmNamePrefix", async () => {
    for (const n of [1, 2, 3]) await put(`p/${n}`);
    const first = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "p/", MaxRecords: 2 }));
    const second = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "p/", MaxRecords: 2, NextToken: first.NextToken }));
    expect([...first.MetricAlarms!, ...second.MetricAlarms!].map((a) => a.AlarmName)).toEqual(["p/1", "p/2", "p/3"]);
    expect(second.NextToken).toBeUndefined();
    await expect(cw.send(new DescribeAlarmsCommand({ MaxRecords: 101 }))).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    await expect(cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "p/", NextToken: "bm9wZToy" }))).rejects.toMatchObject({
      name: "InvalidNextToken",
    });
    const both = cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "p/", AlarmNames: ["p/1"] }));
    await expect(both).rejects.toMatchObject({ name: "InvalidParameterCombinationException" });
  });

  it("keeps the tags of the creating PutMetricAlarm and ignores those of an update", async () => {
    await put("t", [{ Key: "mail-metrics:config", Value: "prod" }]);
    await put("t", [{ Key: "mail-metrics:config", Value: "other" }]);
    const [described] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ["t"] }))).MetricAlarms!;
    const tags = await cw.send(new ListTagsForResourceCommand({ ResourceARN: described!.AlarmArn }));
    expect(tags.Tags).toEqual([{ Key: "mail-metrics:config", Value: "prod" }]);
  });
});

describe("DeleteAlarms and ListTagsForResource", () => {
  it("deletes the named alarms, passing over names that do not exist", async () => {
    await cw.send(new PutMetricAlarmCommand({ ...alarm, AlarmName: "x" }));
    await cw.send(new PutMetricAlarmCommand({ ...alarm, AlarmName: "y" }));
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ["x", "nope"] }));
    expect([...standIn.state.alarms.keys()]).toEqual(["y"]);
    const many = Array.from({ length: 101 }, (_, i) => `n${i}`);
    await expect(cw.send(new DeleteAlarmsCommand({ AlarmNames: many }))).rejects.toMatchObject({ name: "InvalidParameterValueException" });
  });

  it("answers ResourceNotFoundException (HTTP 404) for an ARN that names no alarm", async () => {
    const missing = cw.send(new ListTagsForResourceCommand({ ResourceARN: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:none" }));
    await expect(missing).rejects.toMatchObject({ name: "ResourceNotFoundException", $metadata: { httpStatusCode: 404 } });
  });
});
