import {
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
    expect(standIn.state.alarms.get("dmarc-rejections")).toMatchObject({ MetricName: "550-5_7_26", Threshold: 10 });
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
