// `mail-metrics explain METRIC` in-process (pipeline/explain/explain-metric.ts), over
// examples/maillog (a real Postfix log; examples/maillog.expected.json is the scripted peer's
// record of it): on local files, and on the CloudWatch stand-in with the real SDK clients, as the
// CLI's explain command wires it (cli/commands/explain.ts). What a user reads: the query named, the
// events counted per window against what was published, the breakdown, the notes, the link, the
// bytes scanned, and the errors.
import { PutMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import type { LoadedConfig } from "../../../src/config/resolved.js";
import { UsageError } from "../../../src/errors.js";
import { openEndpoints } from "../../../src/pipeline/endpoints.js";
import { SENDER_NOT_FOUND } from "../../../src/pipeline/explain/breakdown.js";
import { logsInsightsConsoleUrl } from "../../../src/pipeline/explain/console-url.js";
import { explainMetric, type ExplainDeps } from "../../../src/pipeline/explain/explain-metric.js";
import { readDeliveryLine } from "../../../src/pipeline/explain/delivery-line.js";
import { SENDER_LOOKBACK_MS } from "../../../src/pipeline/explain/senders.js";
import { publishedSums } from "../../../src/sinks/cloudwatch/published-sums.js";
import { cloudwatchLogsSourceKind } from "../../../src/sources/cloudwatch/kind.js";
import { windowedQueryString } from "../../../src/sources/cloudwatch/source.js";
import { createTimestampParser } from "../../../src/sources/files/timestamps.js";
import type { Source } from "../../../src/sources/source.js";
import type { Clock } from "../../../src/util/clock.js";
import type { Interval } from "../../../src/windows/intervals.js";
import type { QueryFault } from "../../fake-cloudwatch/faults.js";
import { logsClient, metricsClient } from "../../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../../fake-cloudwatch/start-stand-in.js";
import { tempDir } from "../../support/temp-dir.js";

const ROOT = join(import.meta.dirname, "../../..");
const MAILLOG = join(ROOT, "examples/maillog");
const expected = JSON.parse(readFileSync(join(ROOT, "examples/maillog.expected.json"), "utf8")) as {
  queries: Record<string, Record<string, Record<string, number>>>;
};
const smtpStatus = expected.queries["postfix-smtp-status"]!;
const MIN = 60_000;
const W = 5 * MIN;
/** examples/maillog runs from 00:39:38 to 00:41: its lines fall in these two windows. */
const T0 = Date.parse("2026-11-29T00:35:00Z");
const T1 = T0 + W;
const T2 = T1 + W;
const BOTH = { from: T0, to: T2 };
const bins = (metric: string) => [
  smtpStatus[metric]?.[new Date(T0).toISOString()] ?? 0,
  smtpStatus[metric]?.[new Date(T1).toISOString()] ?? 0,
];
const signal = new AbortController().signal;
const clockAt = (now: number): Clock => ({ now: () => now, sleep: async () => {}, random: () => 0.5 });
const window = (from: number) => ({ from, to: from + W });

function writeConfig(lines: readonly string[], files: Record<string, string> = {}): string {
  const dir = tempDir("mm-explain-");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const path = join(dir, "config.yaml");
  writeFileSync(path, [...lines, ""].join("\n"));
  return path;
}

function explain(deps: ExplainDeps, metric: string, range: Interval = BOTH, dimensions: Record<string, string> = {}) {
  return explainMetric(deps, { selector: { metric, dimensions }, range, maskRecipients: false });
}

describe("explain over local files", () => {
  /** As the CLI wires it for a files source: no Region (it names only a CloudWatch Logs console), unless `region`. */
  async function local(path = join(ROOT, "examples/local.yaml"), region?: string) {
    const loaded = await loadConfig(path);
    const endpoints = await openEndpoints(loaded, { aws: {}, clock: clockAt(T2 + 3_600_000), dryRun: true });
    // A state is never read when the config has none (every window would otherwise read as not published).
    const deps: ExplainDeps = { loaded, source: endpoints.source, publishedWindows: () => [], now: T2 + 3_600_000, signal };
    return (metric: string, range: Interval = BOTH, dimensions: Record<string, string> = {}) =>
      explain(region === undefined ? deps : { ...deps, region }, metric, range, dimensions);
  }

  it("names the query that publishes the metric, counts its lines per window, and agrees with what run publishes", async () => {
    // A Region known to the process gives a files source no console link either.
    const report = await (await local(undefined, "us-east-1"))("250-2_0_0");
    const [first, second] = bins("250-2_0_0");
    expect(first! + second!).toBe(337);
    expect(report).toMatchObject({
      metric: "250-2_0_0",
      query: { name: "postfix-smtp-status", file: "queries/postfix-smtp-status.yaml" },
      dimensions: {},
      open: [],
      range: BOTH,
      listed: 337,
      notes: [],
    });
    expect(report.comparison).toEqual({
      reference: "run",
      comparable: true,
      events: 337,
      eventsPublished: 337,
      published: 337,
      publishedWindows: 2,
      agrees: true,
      windows: [
        { window: window(T0), events: first, status: "published", published: first },
        { window: window(T1), events: second, status: "published", published: second },
      ],
    });
    expect("consoleUrl" in report).toBe(false);
    expect("bytesScanned" in report).toBe(false);
    expect(report.queries.events).toContain('filter ispresent(metric) and metric = "250-2_0_0"');
    // Every line's sender was found through its queue id, and each sample line is one of the metric's.
    expect(report.breakdown.senderDomains!.map((entry) => entry.value)).not.toContain(SENDER_NOT_FOUND);
    expect(report.breakdown.senderDomains!.reduce((sum, entry) => sum + entry.count, 0)).toBe(337);
    expect(report.breakdown.replies.reduce((sum, reply) => sum + reply.count, 0)).toBe(337);
    expect(report.breakdown.samples).toHaveLength(3);
    for (const sample of report.breakdown.samples) {
      expect(sample.message).toMatch(/ said: 250 |status=sent \(250 /);
      expect(sample.timestamp).toBeGreaterThanOrEqual(T0);
      expect(report.queries.senders.join("\n")).toContain(`"${readDeliveryLine(sample.message).queueId}"`);
    }
  });

  it("finds the sender of a delivery whose queue manager line is in the window before", async () => {
    const report = await (await local())("250-2_0_0", window(T1));
    expect(report.comparison).toMatchObject({ events: bins("250-2_0_0")[1], agrees: true });
    expect(report.breakdown.senderDomains!.map((entry) => entry.value)).not.toContain(SENDER_NOT_FOUND);
  });

  it("over a window without the metric's lines: 0 events, as run publishes, and no sender looked up", async () => {
    expect(bins("550-5_7_26")).toEqual([14, 0]);
    const report = await (await local())("550-5_7_26", window(T1));
    expect(report).toMatchObject({ listed: 0, queries: { senders: [] }, notes: [] });
    expect(report.comparison).toMatchObject({ events: 0, published: 0, agrees: true });
    expect(report.comparison.windows).toEqual([{ window: window(T1), events: 0, status: "published", published: 0 }]);
    expect(report.breakdown).toMatchObject({ relays: [], replies: [], samples: [], senderDomains: null });
  });

  it("refuses a metric no query publishes, naming each query and why, and an unknown dimension", async () => {
    const config = join(ROOT, "examples/local.yaml");
    const run = await local(config);
    await expect(run("550_5_7_26")).rejects.toThrow(UsageError);
    await expect(run("550_5_7_26")).rejects.toThrow(
      `no query of ${config} publishes 550_5_7_26: postfix-smtp-status (queries/postfix-smtp-status.yaml): its metric names ({metric}) cannot be "550_5_7_26"`,
    );
    await expect(run("550-5_7_26", BOTH, { Provider: "Google" })).rejects.toThrow(
      "postfix-smtp-status (queries/postfix-smtp-status.yaml): it has no dimension Provider (it has: none)",
    );
  });

  it("with a static and a templated dimension: the given value's events only, or every value's when it is left out", async () => {
    const run = await local(
      writeConfig([
        `source: { type: files, paths: [${MAILLOG}], timezone: UTC, year: 2026 }`,
        "sink: { type: stdout }",
        "state: { enabled: false }",
        'queries: [{ builtin: postfix-smtp-status, dimensions: { Environment: prod, Provider: "{relayDomain}" } }]',
      ]),
    );
    const all = await run("250-2_0_0");
    expect(all).toMatchObject({ dimensions: { Environment: "prod" }, open: ["Provider"] });
    expect(all.comparison).toMatchObject({ events: 337, published: 337, agrees: true });
    const providers = new Map<string, number>();
    for (const provider of ["Google", "Microsoft", "Yahoo", "Apple", "other"]) {
      const one = await run("250-2_0_0", BOTH, { Provider: provider });
      expect(one).toMatchObject({ dimensions: { Environment: "prod", Provider: provider }, open: [] });
      expect(one.comparison.agrees).toBe(true);
      expect(one.comparison.published).toBe(one.comparison.events);
      providers.set(provider, one.comparison.events);
    }
    expect([...providers.values()].reduce((sum, n) => sum + n, 0)).toBe(337);
    expect(providers.get("Google")).toBe(0);
  });

  it("says when the value is not the number of events, and looks up no sender for lines without a queue id", async () => {
    const log = [
      "Nov 29 00:36:01 mailout postfix/smtp[31001]: connect to mx1.example.net[192.0.2.10]:25: Connection timed out",
      "Nov 29 00:36:31 mailout postfix/smtp[31001]: connect to mx2.example.net[192.0.2.11]:25: Connection timed out",
      "Nov 29 00:37:02 mailout postfix/smtp[31002]: connect to mx1.example.net[192.0.2.10]:25: Connection timed out",
      "",
    ].join("\n");
    const query = (name: string, stats: string, metric: string, value: string) =>
      [
        `name: ${name}`,
        "query: |",
        "  filter @message like /connect to .*: Connection timed out/",
        "  | parse @message /connect to (?<host>[^\\[]+)\\[/",
        `  | ${stats}`,
        "metric:",
        `  name: ${metric}`,
        `  value: ${value}`,
        "  timestamp: binStart",
        "",
      ].join("\n");
    const run = await local(
      writeConfig(
        [
          "source: { type: files, paths: [timeouts.log], timezone: UTC, year: 2026 }",
          "sink: { type: stdout }",
          "state: { enabled: false }",
          "queries: [{ file: timeouts.yaml }, { file: hosts.yaml }]",
        ],
        {
          "timeouts.log": log,
          "timeouts.yaml": query("timeouts", "stats count(*) as count by bin(5m) as binStart", "connect-timeouts", "count"),
          "hosts.yaml": query("hosts", "stats count_distinct(host) as hosts by bin(5m) as binStart", "timed-out-hosts", "hosts"),
        },
      ),
    );
    const timeouts = await run("connect-timeouts", window(T0));
    expect(timeouts).toMatchObject({ listed: 3, notes: [], queries: { senders: [] } });
    expect(timeouts.comparison).toMatchObject({ events: 3, published: 3, agrees: true });
    expect(timeouts.breakdown.senderDomains).toEqual([{ value: SENDER_NOT_FOUND, count: 3 }]);
    const hosts = await run("timed-out-hosts", window(T0));
    expect(hosts.notes).toEqual([
      "metric.value (hosts) is not a count(*) of events, so the events are listed but their number is not the published value",
    ]);
    expect(hosts.comparison).toMatchObject({ comparable: false, agrees: false, events: 3, published: 2 });
    expect(hosts.comparison.windows[0]!.note).toBeUndefined();
  });
});

describe("explain over CloudWatch (the stand-in, real SDK clients)", () => {
  const GROUP = "/mail/postfix";
  const NAMESPACE = "Mail/Postfix";
  /** Both windows due (their end + schedule.lag), the one after them not yet. */
  const NOW = T2 + 6 * MIN;
  const parse = createTimestampParser({ zone: "UTC", year: { fixed: 2026 } });
  const events = readFileSync(MAILLOG, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((message) => ({ timestamp: parse(message)!, message }));

  let standIn: StandIn | undefined;
  let logs: CloudWatchLogsClient;
  let metrics: CloudWatchClient;
  afterEach(async () => {
    logs.destroy();
    metrics.destroy();
    await standIn?.close();
    standIn = undefined;
  });

  /** The log in the stand-in, and what run published of postfix-smtp-status (Environment=prod). */
  async function cloud(options: { readonly queries?: string; readonly source?: string; readonly sink?: string } = {}) {
    standIn = await startStandIn({ now: () => NOW, runningPolls: 0 });
    standIn.state.seedLogEvents(GROUP, "mx1", events);
    logs = logsClient(standIn.endpoint);
    metrics = metricsClient(standIn.endpoint);
    const data = Object.entries(smtpStatus).flatMap(([name, perBin]) =>
      Object.entries(perBin).map(([bin, value]) => ({
        MetricName: name,
        Dimensions: [{ Name: "Environment", Value: "prod" }],
        Timestamp: new Date(bin),
        Value: value,
        Unit: "Count" as const,
      })),
    );
    await metrics.send(new PutMetricDataCommand({ Namespace: NAMESPACE, MetricData: data }));
    const loaded = await loadConfig(
      writeConfig([
        `source: { type: cloudwatch-logs, logGroups: [${GROUP}]${options.source ?? ""} }`,
        options.sink ?? `sink: { type: cloudwatch, namespace: ${NAMESPACE} }`,
        "schedule: { lag: 5m }",
        `queries: [${options.queries ?? "{ builtin: postfix-smtp-status, dimensions: { Environment: prod } }"}]`,
      ]),
    );
    const clients = { logs, logsStarter: logs, metrics, metricsWriter: metrics, destroy: () => {} };
    // The source the CLI opens for this config (sources/registry.ts), on the stand-in's clients.
    const config = loaded.config.source as Parameters<typeof cloudwatchLogsSourceKind.open>[0];
    const source = await cloudwatchLogsSourceKind.open(config, { clock: clockAt(NOW), aws: async () => clients });
    return { loaded, source, standIn };
  }

  /** The deps the CLI's explain command builds for a CloudWatch sink: its sums read back with GetMetricData. */
  function deps(loaded: LoadedConfig, source: Source, extra: Partial<ExplainDeps> = {}): ExplainDeps {
    return {
      loaded,
      source,
      publishedSums: (series, range) => publishedSums(metrics, { namespace: NAMESPACE, ...series }, range, W, NOW),
      publishedWindows: () => [BOTH],
      now: NOW,
      signal,
      region: "us-east-1",
      ...extra,
    };
  }

  const billed = (cloud: StandIn) => cloud.state.queries.reduce((sum, query) => sum + query.statistics.bytesScanned, 0);

  it("counts the events behind CloudWatch's sums, links the console to the query it ran, and says what it scanned", async () => {
    const { loaded, source, standIn } = await cloud();
    const range = { from: T0, to: T2 + W };
    const report = await explain(deps(loaded, source), "550-5_7_26", range);
    expect(report).toMatchObject({ dimensions: { Environment: "prod" }, open: [], listed: 14, notes: [] });
    expect(report.comparison).toEqual({
      reference: "cloudwatch",
      comparable: true,
      events: 14,
      eventsPublished: 14,
      published: 14,
      publishedWindows: 2,
      agrees: true,
      windows: [
        { window: window(T0), events: 14, status: "published", published: 14 },
        { window: window(T1), events: 0, status: "published", published: null },
        {
          window: window(T2),
          events: 0,
          status: "not-due",
          published: null,
          note: "not due yet: run publishes it from 2026-11-29T00:55:00Z (end + schedule.lag)",
        },
      ],
    });
    // What ran is what the report prints: the events query over the range, then the senders' from
    // SENDER_LOOKBACK_MS before it; the bytes are every query's, as Logs Insights bills them.
    expect(standIn.state.queries.map((query) => query.queryString)).toEqual([
      windowedQueryString(report.queries.events, range),
      ...report.queries.senders.map((text) => windowedQueryString(text, { from: range.from - SENDER_LOOKBACK_MS, to: range.to })),
    ]);
    expect(report.queries.senders).toHaveLength(1);
    expect(report.bytesScanned).toBe(billed(standIn));
    expect(report.bytesScanned).toBeGreaterThan(0);
    expect(report.consoleUrl).toBe(
      logsInsightsConsoleUrl({ region: "us-east-1", logGroups: [GROUP], range, query: report.queries.events }),
    );
    expect(report.breakdown.senderDomains!.map((entry) => entry.value)).not.toContain(SENDER_NOT_FOUND);
    expect(report.breakdown.samples.map((sample) => sample.logStream)).toEqual(["mx1", "mx1", "mx1"]);
  });

  it("names a window the state has not published yet, and gives no console link without a Region", async () => {
    const { loaded, source } = await cloud();
    const { region: _, ...withoutRegion } = deps(loaded, source, { publishedWindows: () => [window(T0)] });
    const report = await explain(withoutRegion, "250-2_0_0");
    expect(report.notes).toEqual(["no console link: set aws.region (or pass --region)"]);
    expect("consoleUrl" in report).toBe(false);
    expect(report.comparison).toMatchObject({ events: 337, publishedWindows: 1, published: bins("250-2_0_0")[0], agrees: true });
    expect(report.comparison.windows[1]).toMatchObject({ status: "unpublished", published: null });
  });

  it("says how many events more than CloudWatch holds a window has when a line came late", async () => {
    const { loaded, source, standIn } = await cloud();
    const late = events.find((event) => event.message.includes("dsn=5.7.26"))!;
    standIn.state.seedLogEvents(GROUP, "mx2", [{ timestamp: late.timestamp, message: late.message.replace("gmail-auth.", "late.") }]);
    const report = await explain(deps(loaded, source), "550-5_7_26", window(T0));
    expect(report.comparison).toMatchObject({ events: 15, published: 14, agrees: false });
    expect(report.comparison.windows[0]!.note).toMatch(/^1 more events than published: lines that reached the log after/);
  });

  it("compares with what run publishes when a dimension is open, or the sink is not CloudWatch, or its sums are not given", async () => {
    const open = await cloud({ queries: '{ builtin: postfix-smtp-status, dimensions: { Environment: prod, Provider: "{relayDomain}" } }' });
    const all = await explain(deps(open.loaded, open.source), "550-5_7_26");
    expect(all).toMatchObject({ open: ["Provider"], comparison: { reference: "run", events: 14, published: 14, agrees: true } });
    // The publishing query ran once more, as run runs it (its own text, with the window cut).
    expect(open.standIn.state.queries[1]!.queryString).toBe(windowedQueryString(open.loaded.queries[0]!.compiled.text, BOTH));
    expect(all.bytesScanned).toBe(billed(open.standIn));
    logs.destroy();
    metrics.destroy();
    await open.standIn.close();

    const stdout = await cloud({ sink: "sink: { type: stdout }", queries: "{ builtin: postfix-smtp-status }" });
    const printed = await explain(deps(stdout.loaded, stdout.source), "550-5_7_26");
    expect(printed.comparison).toMatchObject({ reference: "run", events: 14, published: 14, agrees: true });
    logs.destroy();
    metrics.destroy();
    await stdout.standIn.close();

    const { loaded, source } = await cloud();
    const { publishedSums: _, ...withoutSums } = deps(loaded, source);
    const unread = await explain(withoutSums, "550-5_7_26");
    expect(unread.comparison).toMatchObject({ reference: "run", events: 14, published: 14, agrees: true });
  });

  it("recounts with the publishing query's own queryLimit, as run does: a window that reaches it is an error with the fix", async () => {
    const { loaded, source } = await cloud({
      queries: '{ builtin: postfix-smtp-status, queryLimit: 5, dimensions: { Environment: prod, Provider: "{relayDomain}" } }',
    });
    const refusal = explain(deps(loaded, source), "550-5_7_26");
    await expect(refusal).rejects.toThrow(
      "postfix-smtp-status: window 2026-11-29T00:35:00Z–2026-11-29T00:40:00Z alone returned 5 rows, the query's row limit",
    );
    await expect(refusal).rejects.toThrow("Raise queryLimit (at most 100,000) for this query");
  });

  it("lists up to 10,000 events whatever the source's queryLimit", async () => {
    const { loaded, source, standIn } = await cloud({ source: ", queryLimit: 100" });
    const report = await explain(deps(loaded, source), "250-2_0_0");
    expect(report).toMatchObject({ listed: 337, notes: [], comparison: { events: 337, agrees: true } });
    expect(standIn.state.queries[0]!.limit).toBe(10_000);
  });

  it("when the listing lost rows, counts every event with a count query and says the breakdown covers fewer", async () => {
    const { loaded, source, standIn } = await cloud();
    standIn.faults.next("StartQuery", { kind: "query", rowLimit: 100 });
    const report = await explain(deps(loaded, source), "250-2_0_0");
    const [first, second] = bins("250-2_0_0");
    expect(report.listed).toBe(100);
    expect(report.notes).toEqual(["the breakdown covers the newest 100 events; the count covers all of them"]);
    expect(report.comparison).toMatchObject({ events: 337, published: 337, agrees: true });
    expect(report.comparison.windows.map((w) => w.events)).toEqual([first, second]);
    expect(report.bytesScanned).toBe(billed(standIn));
    expect(standIn.state.queries).toHaveLength(3);
  });

  it.each<[string, readonly QueryFault[]]>([
    ["events", [{ kind: "query", end: "Failed" }]],
    [
      "count",
      [
        { kind: "query", rowLimit: 10 },
        { kind: "query", end: "Failed" },
      ],
    ],
    ["senders", [{ kind: "query" }, { kind: "query", end: "Failed" }]],
  ])("a failed %s query is named in the error", async (which, faults) => {
    const { loaded, source, standIn } = await cloud();
    for (const fault of faults) standIn.faults.next("StartQuery", fault);
    await expect(explain(deps(loaded, source), "550-5_7_26")).rejects.toThrow(`postfix-smtp-status (explain ${which})`);
  });

  it("reads the count query's cells by their names, in whatever order the service sends them", async () => {
    const { loaded, source, standIn } = await cloud();
    standIn.faults.next("StartQuery", { kind: "query", rowLimit: 10 });
    standIn.faults.next("StartQuery", { kind: "query", reversedCells: true });
    const report = await explain(deps(loaded, source), "250-2_0_0");
    expect(report.comparison.windows.map((w) => w.events)).toEqual(bins("250-2_0_0"));
    expect(report.comparison.agrees).toBe(true);
  });

  it("counts the other window when a row of the count query comes without its count or its bin", async () => {
    const [first, second] = bins("250-2_0_0");
    for (const field of ["count", "binStart"]) {
      const { loaded, source, standIn } = await cloud();
      standIn.faults.next("StartQuery", { kind: "query", rowLimit: 10 });
      standIn.faults.next("StartQuery", { kind: "query", missingCells: { fields: [field] } });
      const report = await explain(deps(loaded, source), "250-2_0_0");
      expect({ field, counts: report.comparison.windows.map((w) => w.events) }).toEqual({ field, counts: [0, second] });
      expect(report.comparison.windows[0]!.note).toMatch(new RegExp(`^${first} fewer events than published`));
      logs.destroy();
      metrics.destroy();
      await standIn.close();
    }
  });

  it("leaves out a row the service sent without its @timestamp or @message, and lists the rest", async () => {
    for (const field of ["@timestamp", "@message"]) {
      const { loaded, source, standIn } = await cloud();
      standIn.faults.next("StartQuery", { kind: "query", emptyRows: 1, missingCells: { fields: [field] } });
      const report = await explain(deps(loaded, source), "550-5_7_26", window(T0));
      expect({ field, listed: report.listed, events: report.comparison.events }).toEqual({ field, listed: 13, events: 13 });
      expect(report.comparison.windows[0]!.note).toMatch(/^1 fewer events than published/);
      logs.destroy();
      metrics.destroy();
      await standIn.close();
    }
    const { loaded, source, standIn } = await cloud();
    standIn.faults.next("StartQuery", { kind: "query", missingCells: { fields: ["@logStream"], rows: 14 } });
    const report = await explain(deps(loaded, source), "550-5_7_26", window(T0));
    expect(report).toMatchObject({ listed: 14, comparison: { events: 14, agrees: true } });
    expect(report.breakdown.samples.map((sample) => sample.logStream)).toEqual([undefined, undefined, undefined]);
  });
});
