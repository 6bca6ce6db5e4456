// How `explain` prints its report: sections for people (table), one JSON document (json), or one
// record a line with a `kind` (ndjson: summary, window, relay, recipientDomain, senderDomain, reply,
// sample, note, query) for programs.
import type { Publisher } from "../config/find-publisher.js";
import { formatScanCost } from "../pipeline/cost.js";
import type { Tally } from "../pipeline/explain/breakdown.js";
import type { Comparison, WindowReport } from "../pipeline/explain/compare-published.js";
import type { ExplainReport } from "../pipeline/explain/explain-metric.js";
import { formatInterval } from "../windows/intervals.js";
import { isoTime } from "../util/iso-time.js";
import type { OutputFormat } from "../sinks/stdout/format.js";

/** Rows shown per tally in the table; json and ndjson carry all of them. */
const TOP = 10;

export function formatExplainReport(report: ExplainReport, format: OutputFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(jsonOf(report), null, 2)}\n`;
    case "ndjson":
      return records(report)
        .map((record) => `${JSON.stringify(record)}\n`)
        .join("");
    case "table":
      return table(report);
  }
}

export interface ShownQueries {
  readonly publisher: Publisher;
  readonly metric: string;
  readonly events: string;
  readonly count: string;
  readonly senders: string;
}

/** --show-query: the queries explain runs, each a valid Logs Insights query (`#` lines are comments). */
export function formatExplainQueries(shown: ShownQueries, format: OutputFormat): string {
  const { name, displayFile } = shown.publisher.query;
  if (format !== "table") {
    const record = {
      metric: shown.metric,
      query: name,
      file: displayFile,
      events: shown.events,
      count: shown.count,
      senders: shown.senders,
    };
    return format === "json" ? `${JSON.stringify(record, null, 2)}\n` : `${JSON.stringify(record)}\n`;
  }
  return [
    `# The events behind ${shown.metric}, from ${name} (${displayFile}):`,
    shown.events,
    "",
    "# The same events counted per window:",
    shown.count,
    "",
    "# The envelope senders of those events' queue ids (qmgr's from= lines; QUEUEID stands for them):",
    shown.senders,
    "",
  ].join("\n");
}

function jsonOf(report: ExplainReport) {
  const { comparison, breakdown } = report;
  return {
    metric: report.metric,
    dimensions: report.dimensions,
    allValuesOf: report.open,
    query: report.query,
    from: isoTime(report.range.from),
    to: isoTime(report.range.to),
    count: summaryOf(comparison),
    windows: comparison.windows.map(windowRecord),
    relays: breakdown.relays,
    relayDomains: breakdown.relayDomains,
    recipientDomains: breakdown.recipientDomains,
    senderDomains: breakdown.senderDomains,
    replies: breakdown.replies,
    samples: breakdown.samples.map((event) => ({
      timestamp: isoTime(event.timestamp),
      message: event.message,
      ...(event.logStream === undefined ? {} : { logStream: event.logStream }),
    })),
    eventsQuery: report.queries.events,
    ...(report.consoleUrl === undefined ? {} : { consoleUrl: report.consoleUrl }),
    ...(report.bytesScanned === undefined ? {} : { bytesScanned: report.bytesScanned }),
    notes: report.notes,
  };
}

function summaryOf(comparison: Comparison) {
  return {
    events: comparison.events,
    publishedWindows: comparison.publishedWindows,
    eventsInPublishedWindows: comparison.eventsPublished,
    published: comparison.published,
    reference: comparison.reference,
    comparable: comparison.comparable,
    equal: comparison.agrees,
  };
}

function windowRecord(report: WindowReport) {
  return {
    from: isoTime(report.window.from),
    to: isoTime(report.window.to),
    events: report.events,
    status: report.status,
    published: report.published,
    ...(report.note === undefined ? {} : { note: report.note }),
  };
}

function records(report: ExplainReport): object[] {
  const json = jsonOf(report);
  const tallies = (kind: string, list: readonly Tally[] | null) => (list ?? []).map((entry) => ({ kind, ...entry }));
  return [
    {
      kind: "summary",
      metric: json.metric,
      dimensions: json.dimensions,
      allValuesOf: json.allValuesOf,
      query: json.query,
      from: json.from,
      to: json.to,
      ...json.count,
      ...(json.bytesScanned === undefined ? {} : { bytesScanned: json.bytesScanned }),
      ...(json.consoleUrl === undefined ? {} : { consoleUrl: json.consoleUrl }),
    },
    ...json.windows.map((window) => ({ kind: "window", ...window })),
    ...report.breakdown.relays.map((relay) => ({ kind: "relay", ...relay })),
    ...tallies("recipientDomain", report.breakdown.recipientDomains),
    ...tallies("senderDomain", report.breakdown.senderDomains),
    ...report.breakdown.replies.map((reply) => ({ kind: "reply", ...reply })),
    ...json.samples.map((sample) => ({ kind: "sample", ...sample })),
    ...report.notes.map((text) => ({ kind: "note", text })),
    { kind: "query", text: report.queries.events },
  ];
}

function table(report: ExplainReport): string {
  const { comparison, breakdown } = report;
  const dimensions = [
    ...Object.entries(report.dimensions).map(([name, value]) => `${name}=${value}`),
    ...report.open.map((name) => `${name}=(all)`),
  ];
  const windows = comparison.windows.length;
  const lines = [
    `${report.metric}${dimensions.length === 0 ? "" : ` (${dimensions.join(", ")})`} from ${report.query.name} (${report.query.file})`,
    `range ${formatInterval(report.range)} (${windows} ${windows === 1 ? "window" : "windows"})`,
    "",
    countLine(comparison),
    ...comparison.windows.filter((window) => window.events > 0 || window.note !== undefined).map(windowLine),
  ];
  const section = (title: string, rows: string[]) => (rows.length === 0 ? [] : ["", title, ...rows]);
  lines.push(
    ...section(
      "relay host (domain)",
      top(breakdown.relays).map((relay) => row(relay.count, `${relay.value} (${relay.domain})`)),
    ),
  );
  lines.push(
    ...section(
      "recipient domain",
      top(breakdown.recipientDomains).map((entry) => row(entry.count, entry.value)),
    ),
  );
  lines.push(
    ...section(
      "sender domain",
      top(breakdown.senderDomains ?? []).map((entry) => row(entry.count, entry.value)),
    ),
  );
  lines.push(
    ...section(
      `replies (${breakdown.replies.length} distinct, masked)`,
      breakdown.replies
        .slice(0, TOP)
        .map((reply) => row(reply.count, `${reply.text}${reply.stage === undefined ? "" : `  [${reply.stage}]`}`)),
    ),
  );
  lines.push(
    ...section(
      "sample lines",
      breakdown.samples.map((event) => `  ${event.message}`),
    ),
  );
  if (report.consoleUrl !== undefined) lines.push("", "console", `  ${report.consoleUrl}`);
  if (report.bytesScanned !== undefined) lines.push("", formatScanCost(report.bytesScanned));
  lines.push(
    ...section(
      "notes",
      report.notes.map((note) => `  - ${note}`),
    ),
  );
  return `${lines.join("\n")}\n`;
}

function countLine(comparison: Comparison): string {
  const { events, published, publishedWindows } = comparison;
  const count = `count: ${events} ${events === 1 ? "event" : "events"}`;
  if (publishedWindows === 0) return `${count}; no window of the range is published yet`;
  const windows = `${publishedWindows} ${publishedWindows === 1 ? "window" : "windows"}`;
  const holds =
    comparison.reference === "cloudwatch"
      ? `CloudWatch holds ${published} (Sum over ${windows})`
      : `run publishes ${published} (${windows})`;
  if (!comparison.comparable) return `${count}; ${holds}, a value that is not a count of events`;
  const partial = comparison.eventsPublished === events ? "" : `; ${comparison.eventsPublished} of the events are in those windows`;
  return `${count}; ${holds}${partial} — ${comparison.agrees ? "the same" : "they differ, see below"}`;
}

function windowLine(report: WindowReport): string {
  const published = report.published === null ? "" : `, published ${report.published}`;
  return `  ${isoTime(report.window.from)}  ${report.events} events${published}${report.note === undefined ? "" : `: ${report.note}`}`;
}

const top = <T>(list: readonly T[]): T[] => [...list.slice(0, TOP)];
const row = (count: number, text: string) => `  ${String(count).padStart(6)}  ${text}`;
