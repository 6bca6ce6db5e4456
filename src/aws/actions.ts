// Every AWS call mail-metrics makes, per command, with the IAM action that allows it: the one list
// from which `doctor` says what a config needs, and against which the README's IAM policy and the
// code are tested (test/aws/actions.test.ts: every SDK command the code sends is listed here).
// Resources, from the Service Authorization Reference (CloudWatch Logs: StartQuery acts on the
// log-group ARN; GetQueryResults and StopQuery take a query id and no resource; CloudWatch:
// PutMetricData allows the cloudwatch:namespace condition key; GetMetricData and the alarm and
// dashboard reads take "*"). GetCallerIdentity needs no permission (GetCallerIdentityCommand.d.ts).

export type CommandName = "run" | "backfill" | "doctor" | "alarms sync" | "dashboard";

/** When a config makes the call: with a CloudWatch Logs source, a CloudWatch sink, or whatever the config. */
export type Needs = "cloudwatch-logs source" | "cloudwatch sink" | "any";

export interface AwsCall {
  /** The SDK command, without `Command`. */
  readonly operation: string;
  /** The IAM action; null for a call that needs none. */
  readonly action: string | null;
  readonly commands: readonly CommandName[];
  readonly needs: Needs;
  /** What the policy's Resource (or condition) is: the configured log groups, the sink's namespace, or any. */
  readonly resource: "log-group" | "namespace" | "*";
  readonly why: string;
}

export const AWS_CALLS: readonly AwsCall[] = [
  {
    operation: "StartQuery",
    action: "logs:StartQuery",
    commands: ["run", "backfill", "doctor"],
    needs: "cloudwatch-logs source",
    resource: "log-group",
    why: "runs the queries",
  },
  {
    operation: "GetQueryResults",
    action: "logs:GetQueryResults",
    commands: ["run", "backfill", "doctor"],
    needs: "cloudwatch-logs source",
    resource: "*",
    why: "reads their results",
  },
  {
    operation: "StopQuery",
    action: "logs:StopQuery",
    commands: ["run", "backfill", "doctor"],
    needs: "cloudwatch-logs source",
    resource: "*",
    why: "stops a query given up on (timeout, Ctrl-C)",
  },
  {
    operation: "DescribeLogGroups",
    action: "logs:DescribeLogGroups",
    commands: ["doctor"],
    needs: "cloudwatch-logs source",
    resource: "*",
    why: "checks that each log group exists",
  },
  {
    operation: "PutMetricData",
    action: "cloudwatch:PutMetricData",
    commands: ["run", "backfill"],
    needs: "cloudwatch sink",
    resource: "namespace",
    why: "publishes the datums and the heartbeat",
  },
  {
    operation: "GetMetricData",
    action: "cloudwatch:GetMetricData",
    commands: ["run", "backfill", "doctor"],
    needs: "cloudwatch sink",
    resource: "*",
    why: "reads back batches of unknown fate",
  },
  {
    operation: "GetCallerIdentity",
    action: null,
    commands: ["doctor"],
    needs: "any",
    resource: "*",
    why: "says which identity the credentials are",
  },
  {
    operation: "PutMetricAlarm",
    action: "cloudwatch:PutMetricAlarm",
    commands: ["alarms sync"],
    needs: "cloudwatch sink",
    resource: "*",
    why: "creates and updates the alarms",
  },
  {
    operation: "DescribeAlarms",
    action: "cloudwatch:DescribeAlarms",
    commands: ["alarms sync"],
    needs: "cloudwatch sink",
    resource: "*",
    why: "finds the alarms it made",
  },
  {
    operation: "ListTagsForResource",
    action: "cloudwatch:ListTagsForResource",
    commands: ["alarms sync"],
    needs: "cloudwatch sink",
    resource: "*",
    why: "tells its alarms from others",
  },
  {
    operation: "DeleteAlarms",
    action: "cloudwatch:DeleteAlarms",
    commands: ["alarms sync"],
    needs: "cloudwatch sink",
    resource: "*",
    why: "--prune deletes alarms it made",
  },
  {
    operation: "PutDashboard",
    action: "cloudwatch:PutDashboard",
    commands: ["dashboard"],
    needs: "cloudwatch sink",
    resource: "*",
    why: "puts the dashboard",
  },
];

export interface ConfigShape {
  readonly source: { readonly type: string };
  readonly sink: { readonly type: string };
}

/** The calls `command` makes with this config. */
export function callsOf(command: CommandName, config: ConfigShape): AwsCall[] {
  return AWS_CALLS.filter(
    (call) =>
      call.commands.includes(command) &&
      (call.needs === "any" ||
        (call.needs === "cloudwatch-logs source" && config.source.type === "cloudwatch-logs") ||
        (call.needs === "cloudwatch sink" && config.sink.type === "cloudwatch")),
  );
}
