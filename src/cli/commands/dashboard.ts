// `mail-metrics dashboard --config FILE [--print]`: puts the config's CloudWatch dashboard
// (monitoring/dashboard-body.ts), or with --print writes its body to stdout and puts nothing.
// Warnings (queries one graph cannot keep apart, PutDashboard's validation messages) go to stderr.
import { ConfigError } from "../../errors.js";
import type { LoadedConfig } from "../../config/resolved.js";
import { configName } from "../../metrics/heartbeat-names.js";
import { isStatic } from "../../metrics/template.js";
import { UNSEARCHABLE } from "../../monitoring/metric-search.js";
import { commandContext, type AwsOverrides } from "../command-context.js";

export interface DashboardOptions extends AwsOverrides {
  readonly config: string;
  readonly print?: boolean;
}

export async function dashboard(options: DashboardOptions): Promise<number> {
  const { loaded, aws, clock } = await commandContext(options.config, options);
  const namespace = searchableNamespace(loaded);
  const { describeAlarms, putDashboard } = await import("../../monitoring/cloudwatch-calls.js");
  const { dashboardBody } = await import("../../monitoring/dashboard-body.js");
  const { alarmNamePrefix } = await import("../../monitoring/desired-alarms.js");
  const clients = (await import("../../aws/clients.js")).createClients(aws, clock);
  try {
    const region = await clients.metrics.config.region();
    const alarms = await describeAlarms(clients.metrics, alarmNamePrefix(loaded));
    const alarmArns = alarms.flatMap((alarm) => (alarm.AlarmArn === undefined ? [] : [alarm.AlarmArn]));
    const { body, warnings } = dashboardBody({ loaded, namespace, region, alarmArns });
    for (const warning of warnings) process.stderr.write(`mail-metrics: warning: ${warning}\n`);
    const name = dashboardName(loaded);
    if (options.print) {
      process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return 0;
    }
    const messages = await putDashboard(clients.metrics, name, JSON.stringify(body));
    for (const message of messages) process.stderr.write(`mail-metrics: warning: PutDashboard: ${message}\n`);
    process.stdout.write(`dashboard ${name}: put (${body.widgets.length} widgets, ${alarmArns.length} alarms, region ${region})\n`);
    return 0;
  } finally {
    clients.destroy();
  }
}

/** PutDashboard's name rule: A-Z a-z 0-9 - _ (PutDashboardCommand.d.ts). */
function dashboardName(loaded: LoadedConfig): string {
  return loaded.config.dashboard?.name ?? `mail-metrics-${configName(loaded.path)}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255);
}

/** The namespace, once no name or value a SEARCH expression would quote holds a quote or backslash. */
function searchableNamespace(loaded: LoadedConfig): string {
  const { sink } = loaded.config;
  if (sink.type !== "cloudwatch") {
    throw new ConfigError(loaded.path, [
      {
        path: "sink.type",
        message: `the dashboard graphs CloudWatch metrics, but this config's sink is ${sink.type}; use sink type cloudwatch`,
      },
    ]);
  }
  const bad = UNSEARCHABLE;
  const issues = [
    ...(bad.test(sink.namespace) ? [{ path: "sink.namespace", text: sink.namespace }] : []),
    ...loaded.queries.flatMap((query) =>
      Object.entries(query.mapping.dimensions)
        .filter(([key, value]) => bad.test(key) || (isStatic(value) && bad.test(value)))
        .map(([key, value]) => ({ path: `queries[${query.index}].dimensions.${key}`, text: `${key}: ${value}` })),
    ),
  ];
  if (issues.length > 0) {
    throw new ConfigError(
      loaded.path,
      issues.map((issue) => ({
        path: issue.path,
        message: `${JSON.stringify(issue.text)} holds a quote or backslash, which a dashboard SEARCH expression cannot carry; use other characters`,
      })),
    );
  }
  return sink.namespace;
}
