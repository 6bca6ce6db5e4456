// The dashboard `mail-metrics dashboard` puts, as a DashboardBody (CloudWatch API reference,
// "Dashboard Body Structure and Syntax": a JSON object with a `widgets` array of 0–500 widgets on a
// grid 24 units wide; a metric widget's `properties` hold `metrics` (arrays, or `{expression, id}`
// objects), `region` (required), `view`, `stacked`, `stat`, `period`; an alarm status widget's
// `properties.alarms` holds 1–100 alarm ARNs; a text widget's `properties.markdown`). Every metric
// it names lives in the config's namespace.
import type { LoadedConfig, ResolvedQuery } from "../config/resolved.js";
import { configName, HEARTBEAT_DIMENSION, HEARTBEAT_METRICS } from "../metrics/heartbeat-names.js";
import { metricSearch } from "./metric-search.js";

export interface DashboardInput {
  readonly loaded: LoadedConfig;
  readonly namespace: string;
  readonly region: string;
  /** ARNs of the alarms under the config's prefix, for the alarm status widget. */
  readonly alarmArns: readonly string[];
}

export interface Dashboard {
  readonly body: { readonly widgets: readonly Widget[] } & Readonly<Record<string, unknown>>;
  /** Things the person should know: queries a graph cannot keep apart. */
  readonly warnings: readonly string[];
}

interface Widget {
  readonly type: "metric" | "alarm" | "text";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

export function dashboardBody(input: DashboardInput): Dashboard {
  const { loaded } = input;
  const rows: Omit<Widget, "x" | "y">[][] = [headerRow(input), ...pairs(queryWidgets(input)), healthRow(input)];
  const widgets: Widget[] = [];
  let y = 0;
  for (const row of rows) {
    let x = 0;
    for (const widget of row) {
      widgets.push({ ...widget, x, y });
      x += widget.width;
    }
    y += Math.max(...row.map((widget) => widget.height));
  }
  const warnings = loaded.queries.flatMap((query) =>
    metricSearch(input.namespace, query, loaded.queries, "Sum", 60).mixedWith.map(
      (other) =>
        `queries[${query.index}] ${query.name} and queries[${other.index}] ${other.name} publish with the same dimensions, so the dashboard's graph of ${query.name} also shows ${other.name}'s metrics; ` +
        `to keep them apart, give one a dimension of its own (e.g. under queries[${other.index}]: dimensions: { Query: ${other.name} })`,
    ),
  );
  return { body: { start: "-PT6H", periodOverride: "auto", widgets }, warnings };
}

function headerRow({ loaded, alarmArns }: DashboardInput): Omit<Widget, "x" | "y">[] {
  const config = loaded.path;
  const markdown =
    `# mail-metrics: ${configName(config)}\n` +
    `Alarms: \`mail-metrics alarms sync --config ${config}\` · the log lines behind a metric: \`mail-metrics explain METRIC --config ${config}\``;
  const text = { type: "text" as const, width: alarmArns.length === 0 ? 24 : 8, height: 4, properties: { markdown } };
  // An alarm status widget takes at most 100 ARNs; more alarms get more widgets.
  const groups = chunks(alarmArns, 100);
  const alarms = groups.map((arns, index) => ({
    type: "alarm" as const,
    width: groups.length === 1 ? 16 : 24,
    height: 4,
    properties: {
      title: groups.length === 1 ? "Alarms" : `Alarms (${index + 1}/${groups.length})`,
      alarms: arns,
      sortBy: "stateUpdatedTimestamp",
    },
  }));
  return [text, ...alarms];
}

function queryWidgets({ loaded, namespace, region }: DashboardInput): Omit<Widget, "x" | "y">[] {
  return loaded.queries.map((query) => {
    const period = binSeconds(query, loaded.config.schedule.period);
    // Sum: a graph zoomed out to hours adds each window's count into the hour. (An alarm uses
    // Maximum over one window, which a point sent twice cannot change: README, "Residual risk".)
    const search = metricSearch(namespace, query, loaded.queries, "Sum", period);
    return {
      type: "metric" as const,
      width: 12,
      height: 8,
      properties: {
        title: `${query.name}: ${titleOf(query)}`,
        view: "timeSeries",
        stacked: true,
        region,
        stat: "Sum",
        period,
        metrics: [[{ expression: search.expression, id: `q${query.index}`, label: "" }]],
      },
    };
  });
}

function healthRow({ loaded, namespace, region }: DashboardInput): Omit<Widget, "x" | "y">[] {
  const series = (metric: string) => [namespace, metric, HEARTBEAT_DIMENSION, configName(loaded.path)];
  const period = loaded.config.schedule.period / 1000;
  const widget = (title: string, metric: string, stat: string) => ({
    type: "metric" as const,
    width: 6,
    height: 6,
    properties: { title, view: "timeSeries", stacked: false, region, stat, period, metrics: [series(metric)] },
  });
  return [
    widget("mail-metrics: age of the newest published window (s)", HEARTBEAT_METRICS.windowAge, "Maximum"),
    widget("mail-metrics: datums awaiting read-back", HEARTBEAT_METRICS.unknownFate, "Maximum"),
    widget("mail-metrics: bytes scanned by Logs Insights", HEARTBEAT_METRICS.bytesScanned, "Sum"),
    widget("mail-metrics: age of a lock held past state.stuckAfter (s)", HEARTBEAT_METRICS.stuckLockAge, "Maximum"),
  ];
}

/** The query's bin in seconds (the period one datum per series covers); the schedule's when it has none. */
function binSeconds(query: ResolvedQuery, schedulePeriod: number): number {
  const bins = query.compiled.binPeriods.filter((bin) => bin > 0);
  return (bins.length === 0 ? schedulePeriod : Math.max(...bins)) / 1000;
}

/** The definition's description up to its first comma or full stop: a short graph title. */
function titleOf(query: ResolvedQuery): string {
  const first = query.definition.description.split(/[,.]\s/)[0]?.trim() ?? "";
  return first === "" ? query.mapping.name : first;
}

function pairs<T>(items: readonly T[]): T[][] {
  return chunks(items, 2);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
