// The CloudWatch calls of `alarms sync` and `dashboard`, each failure wrapped with the operation and
// the alarm it concerns. Shapes and limits: client-cloudwatch DescribeAlarmsCommand.d.ts,
// DeleteAlarmsCommand.d.ts ("up to 100 alarms in one operation"), ListTagsForResourceCommand.d.ts.
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  PutDashboardCommand,
  PutMetricAlarmCommand,
  type CloudWatchClient,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
} from "@aws-sdk/client-cloudwatch";
import { wrapAwsError } from "../aws/errors.js";

export type MetricsClient = Pick<CloudWatchClient, "send">;

/** Every metric alarm whose name starts with `prefix`, following NextToken. */
export async function describeAlarms(client: MetricsClient, prefix: string): Promise<MetricAlarm[]> {
  const alarms: MetricAlarm[] = [];
  let token: string | undefined;
  do {
    const page = await client
      .send(
        new DescribeAlarmsCommand({
          AlarmNamePrefix: prefix,
          AlarmTypes: ["MetricAlarm"],
          MaxRecords: 100,
          ...(token ? { NextToken: token } : {}),
        }),
      )
      .catch((error: unknown) => {
        throw wrapAwsError("DescribeAlarms", error);
      });
    alarms.push(...(page.MetricAlarms ?? []));
    token = page.NextToken;
  } while (token);
  return alarms;
}

/** The alarm's tags; DescribeAlarms does not return them. */
export async function tagsOf(client: MetricsClient, alarm: MetricAlarm): Promise<ReadonlyMap<string, string>> {
  const answer = await client.send(new ListTagsForResourceCommand({ ResourceARN: alarm.AlarmArn })).catch((error: unknown) => {
    throw wrapAwsError("ListTagsForResource", error, { queryName: alarm.AlarmName });
  });
  return new Map((answer.Tags ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""]));
}

export async function putAlarm(client: MetricsClient, input: PutMetricAlarmCommandInput): Promise<void> {
  await client.send(new PutMetricAlarmCommand(input)).catch((error: unknown) => {
    throw wrapAwsError("PutMetricAlarm", error, { queryName: input.AlarmName });
  });
}

export async function deleteAlarms(client: MetricsClient, names: readonly string[]): Promise<void> {
  for (let start = 0; start < names.length; start += 100) {
    const chunk = names.slice(start, start + 100);
    await client.send(new DeleteAlarmsCommand({ AlarmNames: chunk })).catch((error: unknown) => {
      throw wrapAwsError("DeleteAlarms", error, { queryName: chunk.join(", ") });
    });
  }
}

/** PutDashboard; its DashboardValidationMessages are warnings about a body it accepted. */
export async function putDashboard(client: MetricsClient, name: string, body: string): Promise<string[]> {
  const answer = await client.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: body })).catch((error: unknown) => {
    throw wrapAwsError("PutDashboard", error, { queryName: name });
  });
  return (answer.DashboardValidationMessages ?? []).map((message) => `${message.DataPath ?? ""}: ${message.Message ?? ""}`);
}
