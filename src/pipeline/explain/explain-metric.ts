// `mail-metrics explain`: from a published metric to the log lines behind it. Finds the query that
// publishes it, derives the query of its events (config/explain-query.ts), runs that on the config's
// source for a range of whole windows, compares the count with what was published, and sums the
// events up: relays, recipient and sender domains, reply texts, samples, a console link.
import type { Publisher } from "../../config/find-publisher.js";
import { explainQueries } from "../../config/explain-query.js";
import { findPublisher, type MetricSelector } from "../../config/find-publisher.js";
import type { LoadedConfig } from "../../config/resolved.js";
import { compileQuery } from "../../insights/compile.js";
import { allRows } from "../../insights/row-table.js";
import type { ResultRow } from "../../insights/types.js";
import { parseBinTime } from "../../metrics/bin-time.js";
import type { Unit } from "../../metrics/datum.js";
import type { Interval } from "../../windows/intervals.js";
import { floorTo, lastDueEnd, windowsOf } from "../../windows/windows.js";
import type { Source, SourceQuery } from "../../sources/source.js";
import { seriesJob } from "../jobs.js";
import { queryRange, type QueryTally } from "../query-range.js";
import { breakdown, type Breakdown, type ExplainEvent } from "./breakdown.js";
import { comparePublished, type Comparison } from "./compare-published.js";
import { logsInsightsConsoleUrl } from "./console-url.js";
import { readDeliveryLine } from "./delivery-line.js";
import { SENDER_LOOKBACK_MS, senderQueries, sendersOf } from "./senders.js";

/** Events listed per explain: enough for the breakdown, small enough for one GetQueryResults page. */
export const EVENT_LIMIT = 10_000;

export interface ExplainDeps {
  readonly loaded: LoadedConfig;
  readonly source: Source;
  /** What CloudWatch holds for a series per window, when the sink is CloudWatch. */
  readonly publishedSums?: (
    series: { readonly name: string; readonly dimensions: Readonly<Record<string, string>>; readonly unit: Unit },
    range: Interval,
  ) => Promise<Map<number, number>>;
  /** The windows the state says query `name` published (any definition of it); null without a state. */
  readonly publishedWindows: (name: string) => Interval[] | null;
  readonly now: number;
  readonly signal: AbortSignal;
  /** For the console link of a CloudWatch Logs source; no link without it. */
  readonly region?: string;
}

export interface ExplainRequest {
  readonly selector: MetricSelector;
  /** Whole windows. */
  readonly range: Interval;
  readonly maskRecipients: boolean;
}

export interface ExplainReport {
  readonly metric: string;
  readonly query: { readonly name: string; readonly file: string };
  /** Dimensions whose value is known (given, or static). */
  readonly dimensions: Readonly<Record<string, string>>;
  /** Dimensions not given: the events of every value are listed. */
  readonly open: readonly string[];
  readonly range: Interval;
  /** The derived queries, as the source ran them (without the window cut). */
  readonly queries: { readonly events: string; readonly senders: readonly string[] };
  readonly comparison: Comparison;
  /** Events listed (the newest EVENT_LIMIT when there are more). */
  readonly listed: number;
  readonly breakdown: Breakdown;
  readonly consoleUrl?: string;
  readonly notes: readonly string[];
  /** Bytes Logs Insights scanned (and billed), for a CloudWatch Logs source. */
  readonly bytesScanned?: number;
}

export async function explainMetric(deps: ExplainDeps, request: ExplainRequest): Promise<ExplainReport> {
  const { config } = deps.loaded;
  const period = config.schedule.period;
  const publisher = findPublisher(deps.loaded, request.selector);
  const { query } = publisher;
  const metric = request.selector.metric;
  const derived = explainQueries(publisher, metric, period);
  const tally: QueryTally = { queries: 0, bytesScanned: 0 };
  const sourceQuery = (text: string, suffix: string, limit?: number): SourceQuery => ({
    name: `${query.name} (explain ${suffix})`,
    compiled: compileQuery(text),
    logGroups: query.logGroups,
    ...(limit === undefined ? {} : { queryLimit: limit }),
  });

  const listed = await deps.source.query(sourceQuery(derived.events, "events", EVENT_LIMIT), request.range, deps.signal);
  tally.bytesScanned += listed.bytesScanned;
  const events = allRows(listed.rows)
    .map(eventOf)
    .filter((event): event is ExplainEvent => event !== undefined);
  const perWindow = listed.truncated
    ? countsOf(allRows(await queryRange(deps.source, sourceQuery(derived.count, "count"), request.range, period, deps.signal, tally)))
    : windowCounts(events, period);

  const reference = await referenceValues(deps, publisher, metric, request.range, tally);
  const comparison = comparePublished({
    windows: windowsOf(request.range, period),
    events: perWindow,
    reference: reference.kind,
    values: reference.values,
    publishedWindows: config.state.enabled ? deps.publishedWindows(query.name) : null,
    dueEnd: lastDueEnd(deps.now, { period, lag: config.schedule.lag, maxCatchUp: config.schedule.maxCatchUp }),
    lag: config.schedule.lag,
    comparable: derived.valueIsEventCount,
  });

  const senderTexts = events.length === 0 ? [] : senderQueries(events.flatMap((event) => readDeliveryLine(event.message).queueId ?? []));
  const senders = new Map<string, string>();
  for (const text of senderTexts) {
    const result = await deps.source.query(
      sourceQuery(text, "senders"),
      { from: request.range.from - SENDER_LOOKBACK_MS, to: request.range.to },
      deps.signal,
    );
    tally.bytesScanned += result.bytesScanned;
    for (const [id, sender] of sendersOf(allRows(result.rows))) senders.set(id, sender);
  }

  const notes = [...derived.notes];
  if (listed.truncated) notes.push(`the breakdown covers the newest ${events.length} events; the count covers all of them`);
  if (config.source.type === "cloudwatch-logs" && deps.region === undefined)
    notes.push("no console link: set aws.region (or pass --region)");
  return {
    metric,
    query: { name: query.name, file: query.displayFile },
    dimensions: publisher.dimensions,
    open: publisher.open,
    range: request.range,
    queries: { events: derived.events, senders: senderTexts },
    comparison,
    listed: events.length,
    breakdown: breakdown(events, { senders: events.length === 0 ? null : senders, maskRecipients: request.maskRecipients }),
    ...(config.source.type === "cloudwatch-logs" && deps.region !== undefined
      ? {
          consoleUrl: logsInsightsConsoleUrl({
            region: deps.region,
            logGroups: query.logGroups,
            range: request.range,
            query: derived.events,
          }),
        }
      : {}),
    notes,
    ...(config.source.type === "cloudwatch-logs" ? { bytesScanned: tally.bytesScanned } : {}),
  };
}

/**
 * CloudWatch's sums when the sink is CloudWatch and the series is fully known; else what `run`
 * publishes for these windows: the query's own rows, mapped to datums as a run maps them.
 */
async function referenceValues(deps: ExplainDeps, publisher: Publisher, metric: string, range: Interval, tally: QueryTally) {
  const { config } = deps.loaded;
  if (config.sink.type === "cloudwatch" && publisher.open.length === 0 && deps.publishedSums !== undefined) {
    const series = { name: metric, dimensions: orderedDimensions(publisher), unit: publisher.query.mapping.unit };
    return { kind: "cloudwatch" as const, values: await deps.publishedSums(series, range) };
  }
  const { query } = publisher;
  const job = seriesJob(config, query);
  const rows = await queryRange(
    deps.source,
    {
      name: query.name,
      compiled: query.compiled,
      logGroups: query.logGroups,
      ...(query.queryLimit === undefined ? {} : { queryLimit: query.queryLimit }),
    },
    range,
    config.schedule.period,
    deps.signal,
    tally,
  );
  const values = new Map<number, number>();
  for (const datum of job.toDatums(rows, range, tally)) {
    if (datum.name !== metric || Object.entries(publisher.dimensions).some(([name, value]) => datum.dimensions[name] !== value)) continue;
    const window = floorTo(datum.timestamp, config.schedule.period);
    values.set(window, (values.get(window) ?? 0) + datum.value);
  }
  return { kind: "run" as const, values };
}

/** The series' dimensions in the mapping's order, as they were published. */
function orderedDimensions(publisher: Publisher): Record<string, string> {
  return Object.fromEntries(Object.keys(publisher.query.mapping.dimensions).map((name) => [name, publisher.dimensions[name]!]));
}

function eventOf(row: ResultRow): ExplainEvent | undefined {
  const cell = (field: string) => row.find((candidate) => candidate.field === field)?.value;
  const timestamp = parseBinTime(cell("@timestamp") ?? "");
  const message = cell("@message");
  if (timestamp === undefined || message === undefined) return undefined;
  const logStream = cell("@logStream");
  return { timestamp, message, ...(logStream === undefined ? {} : { logStream }) };
}

function windowCounts(events: readonly ExplainEvent[], period: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const event of events) counts.set(floorTo(event.timestamp, period), (counts.get(floorTo(event.timestamp, period)) ?? 0) + 1);
  return counts;
}

/** Rows of the count query: binStart and count. */
function countsOf(rows: readonly ResultRow[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const bin = parseBinTime(row.find((cell) => cell.field === "binStart")?.value ?? "");
    const count = Number(row.find((cell) => cell.field === "count")?.value);
    if (bin !== undefined && Number.isFinite(count)) counts.set(bin, (counts.get(bin) ?? 0) + count);
  }
  return counts;
}
