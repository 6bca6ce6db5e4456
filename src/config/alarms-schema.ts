// The `alarms:` section of a run config: CloudWatch alarms on the metrics the config publishes, put
// by `mail-metrics alarms sync`. Names and limits follow PutMetricAlarm (client-cloudwatch
// PutMetricAlarmCommand.d.ts); what each alarm watches is checked against the queries in
// config/rules/alarm-rules.ts.
import { z } from "zod";
import { duration } from "../util/duration.js";

/** An SNS topic ARN: the only alarm action mail-metrics writes (PutMetricAlarm also takes EC2, Lambda, SSM). */
const snsTopic = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
    "use an SNS topic ARN, e.g. arn:aws:sns:eu-west-1:123456789012:mail-alerts",
  )
  .describe("SNS topic ARN");

const topics = z.array(snsTopic).max(5, "PutMetricAlarm takes at most 5 actions per state").optional();

export const alarmActionsSchema = z
  .strictObject({
    alarm: topics.describe("SNS topics notified when the alarm goes to ALARM"),
    ok: topics.describe("SNS topics notified when it goes back to OK"),
    insufficientData: topics.describe("SNS topics notified when it goes to INSUFFICIENT_DATA"),
  })
  .describe("SNS topics per alarm state");

/** Written as people say them; alarm-input.ts turns them into PutMetricAlarm's ComparisonOperator. */
export const COMPARISONS = [">=", ">", "<", "<="] as const;
export const STATISTICS = ["Maximum", "Sum", "Average", "Minimum", "SampleCount"] as const;
export const MISSING_DATA = ["breaching", "notBreaching", "ignore", "missing"] as const;

const alarmEntry = z
  .strictObject({
    metric: z.string().min(1).max(255).optional().describe("The metric name to watch, e.g. 550-5_7_26 or mail-metrics-window-age"),
    query: z
      .string()
      .min(1)
      .optional()
      .describe("A query name instead of metric: one alarm for each of its zeroFill names (the names known before any line is counted)"),
    name: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\p{Cc}]+$/u, "no control characters")
      .optional()
      .describe("Alarm name after alarms.namePrefix; default: the metric name. Only with metric"),
    dimensions: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .describe("The series to watch; default: the static dimensions of the query that publishes the metric"),
    statistic: z
      .enum(STATISTICS)
      .default("Maximum")
      .describe("Maximum (default) equals each window's count, and a point sent twice cannot change it"),
    period: duration.optional().describe("Length of each evaluated period, a multiple of 1m; default: schedule.period"),
    threshold: z.number().describe("The value compared with the statistic"),
    comparison: z.enum(COMPARISONS).default(">=").describe("statistic <comparison> threshold means breaching"),
    evaluationPeriods: z.int().min(1).default(1).describe("Periods looked at for each evaluation (the N of M out of N)"),
    datapointsToAlarm: z
      .int()
      .min(1)
      .optional()
      .describe("Breaching periods among them that set off the alarm (the M); default: evaluationPeriods"),
    treatMissingData: z
      .enum(MISSING_DATA)
      .optional()
      .describe(
        "A period without a datum; default: for a query's metric what a count of 0 would be (no line counted), for mail-metrics-* metrics breaching",
      ),
    description: z
      .string()
      .max(600)
      .optional()
      .describe("Text for people; alarms sync appends the command that shows the log lines behind it"),
    actions: alarmActionsSchema.optional().describe("SNS topics for this alarm instead of alarms.actions"),
  })
  .refine((entry) => (entry.metric === undefined) !== (entry.query === undefined), {
    message: "give exactly one of metric: (one metric name) or query: (that query's zeroFill names)",
  })
  .refine((entry) => entry.name === undefined || entry.metric !== undefined, {
    message: "name: is only for a metric: alarm (a query: alarm is named after each metric)",
    path: ["name"],
  });

export const alarmsSchema = z
  .strictObject({
    namePrefix: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\p{Cc}]+$/u, "no control characters")
      .optional()
      .describe(
        "Start of every alarm name; alarms sync --prune deletes only alarms under it that also carry its tag. Default: mail-metrics/<config name>/",
      ),
    actions: alarmActionsSchema.optional().describe("SNS topics for every alarm that names none of its own"),
    metrics: z.array(alarmEntry).min(1).describe("The alarms: each watches one metric (or each zeroFill name of a query)"),
  })
  .describe("CloudWatch alarms on the published metrics, created and updated by `mail-metrics alarms sync`");

export type AlarmsConfig = z.output<typeof alarmsSchema>;
export type AlarmEntry = z.output<typeof alarmEntry>;
export type AlarmActions = z.output<typeof alarmActionsSchema>;
