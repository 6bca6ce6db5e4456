// The query behind one series, derived from the query that publishes it: over examples/maillog (a
// real Postfix log), the events it keeps are as many as the published count of every metric, as
// examples/maillog.expected.json (the scripted peer's record) gives it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainQueries } from "../../src/config/explain-query.js";
import { findPublisher } from "../../src/config/find-publisher.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { LoadedConfig } from "../../src/config/resolved.js";
import { UsageError } from "../../src/errors.js";
import { compileQuery } from "../../src/insights/compile.js";
import { allRows } from "../../src/insights/row-table.js";
import { runQueryOverFiles } from "../../src/sources/files/run-query-over-files.js";
import { tempTree } from "./temp-tree.js";

const ROOT = join(import.meta.dirname, "../..");
const MAILLOG = join(ROOT, "examples/maillog");
const expected = JSON.parse(readFileSync(join(ROOT, "examples/maillog.expected.json"), "utf8")) as {
  queries: Record<string, Record<string, Record<string, number>>>;
};
const FIVE_MIN = 300_000;

function config(entries: string, files: Record<string, string> = {}): string {
  const dir = tempTree({
    ...files,
    "config.yaml": `source:\n  type: files\n  paths: [${MAILLOG}]\n  year: 2026\nsink:\n  type: stdout\nstate:\n  enabled: false\nqueries:\n${entries}\n`,
  });
  return join(dir, "config.yaml");
}

async function eventsPerWindow(queryText: string): Promise<Record<string, number>> {
  const { rows } = await runQueryOverFiles(compileQuery(queryText), [MAILLOG], { timezone: "UTC", year: 2026 });
  return Object.fromEntries(
    allRows(rows).map((row) => [
      new Date(`${row.find((c) => c.field === "binStart")!.value.replace(" ", "T")}Z`).toISOString(),
      Number(row.find((c) => c.field === "count")!.value),
    ]),
  );
}

/** The value a config's first query publishes per window for the rows whose `field` is `value`. */
async function publishedPerWindow(loaded: LoadedConfig, field: string, value: string): Promise<Record<string, number>> {
  const { rows } = await runQueryOverFiles(loaded.queries[0]!.compiled, [MAILLOG], { timezone: "UTC", year: 2026 });
  return Object.fromEntries(
    allRows(rows)
      .map((row) => Object.fromEntries(row.map((cell) => [cell.field, cell.value])))
      .filter((row) => row[field] === value)
      .map((row) => [new Date(`${row.binStart!.replace(" ", "T")}Z`).toISOString(), Number(row.count)]),
  );
}

describe(explainQueries.name, () => {
  it("keeps, for every metric of both shipped queries, as many events per window as were published", async () => {
    const loaded = await loadConfig(config("  - builtin: postfix-smtp-status\n  - builtin: postfix-delivery-status"));
    for (const [query, metrics] of Object.entries(expected.queries)) {
      for (const [metric, bins] of Object.entries(metrics)) {
        const publisher = findPublisher(loaded, { metric, dimensions: {} });
        expect(publisher.query.name).toBe(query);
        const derived = explainQueries(publisher, metric, FIVE_MIN);
        expect(derived.valueIsEventCount).toBe(true);
        expect({ metric, counts: await eventsPerWindow(derived.count) }).toEqual({ metric, counts: bins });
      }
    }
  });

  it("is the definition's query up to its stats, then filters, and passes the engine's and the service's dialect checks", async () => {
    const loaded = await loadConfig(config("  - builtin: postfix-smtp-status"));
    const publisher = findPublisher(loaded, { metric: "550-5_7_26", dimensions: {} });
    const { events } = explainQueries(publisher, "550-5_7_26", FIVE_MIN);
    const definition = publisher.query.definition.query;
    expect(events.startsWith(definition.slice(0, definition.indexOf("| stats")).trimEnd())).toBe(true);
    expect(events.endsWith('| filter ispresent(metric) and metric = "550-5_7_26"\n| display @timestamp, @message, @logStream')).toBe(true);
    expect(() => compileQuery(events)).not.toThrow();
  });

  it("selects a provider through the value table: the domains it names, or every other one for its default", async () => {
    const loaded = await loadConfig(config('  - builtin: postfix-smtp-status\n    dimensions: { Provider: "{relayDomain}" }'));
    const google = explainQueries(
      findPublisher(loaded, { metric: "550-5_7_26", dimensions: { Provider: "Google" } }),
      "550-5_7_26",
      FIVE_MIN,
    );
    expect(google.events).toContain('| filter ispresent(relayDomain) and relayDomain in ["google.com", "gmail.com"]');
    const other = explainQueries(
      findPublisher(loaded, { metric: "550-5_7_26", dimensions: { Provider: "other" } }),
      "550-5_7_26",
      FIVE_MIN,
    );
    expect(other.events).toContain(
      'relayDomain not in ["google.com", "gmail.com", "outlook.com", "hotmail.com", "yahoodns.net", "icloud.com"]',
    );
    expect(await eventsPerWindow(other.count)).toEqual(expected.queries["postfix-smtp-status"]!["550-5_7_26"]);
  });

  it("selects through a table without a default: the values it renames, or the value itself where it renames none", async () => {
    const own = `name: own
query: |
  parse @message /status=(?<status>[a-z]+)/
  | filter ispresent(status)
  | stats count(*) as count by status, bin(5m) as binStart
metric:
  name: delivery
  value: count
  timestamp: binStart
  dimensions: { Outcome: "{status}" }
  dimensionValues: { Outcome: { map: { bounced: failed, expired: failed } } }
`;
    const loaded = await loadConfig(config("  - file: own.yaml", { "own.yaml": own }));
    const explain = (outcome: string) =>
      explainQueries(findPublisher(loaded, { metric: "delivery", dimensions: { Outcome: outcome } }), "delivery", FIVE_MIN);
    const deferred = explain("deferred");
    expect(deferred.events).toContain('| filter ispresent(status) and status = "deferred"\n');
    expect(await eventsPerWindow(deferred.count)).toEqual(await publishedPerWindow(loaded, "status", "deferred"));
    // A status "failed" of its own would be published as it is, beside the two the table renames.
    expect(explain("failed").events).toContain('| filter ispresent(status) and (status in ["bounced", "expired"] or status = "failed")\n');
  });

  const OWN = (stats: string, name: string) => `name: own
query: |
  filter @message like /status=/
  | parse @message /dsn=(?<dsn>[0-9.]+), status=(?<status>[a-z]+)/
  | filter ispresent(status)
  | ${stats}
metric:
  name: "${name}"
  value: count
  timestamp: binStart
`;

  /** A config of OWN(stats, name) alone. */
  const loadOwn = (stats: string, name: string) => loadConfig(config("  - file: own.yaml", { "own.yaml": OWN(stats, name) }));
  /** The queries explain derives for `metric` (no dimensions given). */
  const explainOf = (loaded: LoadedConfig, metric: string) =>
    explainQueries(findPublisher(loaded, { metric, dimensions: {} }), metric, FIVE_MIN);

  it("groups by an expression through a field it assigns, and a name of several placeholders through concat", async () => {
    const loaded = await loadOwn('stats count(*) as count by concat(status, "!") as loud, dsn, bin(5m) as binStart', "{loud}-{dsn}");
    const derived = explainOf(loaded, "bounced!-5.7.26");
    expect(derived.events).toContain(
      '| fields concat(status, "!") as explain1\n| filter ispresent(explain1) and ispresent(dsn) and concat(explain1, "-", dsn) = "bounced!-5.7.26"',
    );
    expect(await eventsPerWindow(derived.count)).toEqual({ "2026-11-29T00:35:00.000Z": 14 });
  });

  it.each([
    [
      "that starts with a comment and its stats",
      "# Every line, per the month it was logged in\nstats count(*) as count by substr(@message, 0, 3) as month, bin(5m) as binStart",
      "fields substr(@message, 0, 3) as explain1\n| filter ispresent(explain1) and explain1 = ",
    ],
    [
      "written without spaces around its pipe",
      "parse @message /^(?<month>[A-Z][a-z]+) /|stats count(*) as count by month, bin(5m) as binStart",
      "parse @message /^(?<month>[A-Z][a-z]+) /\n| filter ispresent(month) and month = ",
    ],
    [
      "with a comment after the pipe before its stats",
      "parse @message /^(?<month>[A-Z][a-z]+) / | # per month | and bin\n  stats count(*) as count by month, bin(5m) as binStart",
      "parse @message /^(?<month>[A-Z][a-z]+) /\n| filter ispresent(month) and month = ",
    ],
  ])("derives the events of a query %s, as many per window as it counts", async (_, query, kept) => {
    const own = `name: own\nquery: |\n  ${query.replaceAll("\n", "\n  ")}\nmetric: { name: "{month}", value: count, timestamp: binStart }\n`;
    const loaded = await loadConfig(config("  - file: own.yaml", { "own.yaml": own }));
    const derived = explainOf(loaded, "Nov");
    expect(derived.events).toBe(`${kept}"Nov"\n| display @timestamp, @message, @logStream`);
    expect(derived.notes).toEqual([]);
    const published = await publishedPerWindow(loaded, "month", "Nov");
    expect(Object.keys(published).length).toBeGreaterThan(1);
    expect(await eventsPerWindow(derived.count)).toEqual(published);
  });

  it("refuses a name computed after the stats, saying how to write it", async () => {
    const loaded = await loadOwn(
      'stats count(*) as count by status, bin(5m) as binStart | fields concat(status, "-x") as metric',
      "{metric}",
    );
    const publisher = findPublisher(loaded, { metric: "bounced-x", dimensions: {} });
    expect(() => explainQueries(publisher, "bounced-x", FIVE_MIN)).toThrow(UsageError);
    expect(() => explainQueries(publisher, "bounced-x", FIVE_MIN)).toThrow(
      /metric\.name reads \{metric\}, which the query does not make by grouping its events .* compute it before the stats/,
    );
  });

  it("says when the value is not a count of events, and when rows are filtered after the stats", async () => {
    const loaded = await loadOwn("stats count_distinct(dsn) as count by status, bin(5m) as binStart | filter count > 1", "{status}");
    const derived = explainOf(loaded, "bounced");
    expect(derived.valueIsEventCount).toBe(false);
    expect(derived.notes.join("\n")).toMatch(/not a count\(\*\) of events[\s\S]*filters its rows after the stats \(line 4\)/);
  });

  it("follows a group through a later stats and a rename; only a single stats' count(*) counts events", async () => {
    const later = "stats count(*) as count by status, dsn, bin(5m) as binStart | stats sum(count) as count by status, binStart";
    const loaded = await loadOwn(`${later} | fields status as state`, "{state}");
    const derived = explainOf(loaded, "bounced");
    expect(derived.events).toContain('| filter ispresent(status) and status = "bounced"\n| display');
    expect(derived.valueIsEventCount).toBe(false);
    expect(await eventsPerWindow(derived.count)).toEqual(await publishedPerWindow(loaded, "state", "bounced"));
  });

  it.each([
    ["COUNT(*) as count by status, bin(5m) as binStart", true],
    ["count() as count by status, bin(5m) as binStart", true],
    ["count(*) as count by status, bin(5m) as binStart | filter count > 0", true],
    ["count(dsn) as count by status, bin(5m) as binStart", false],
    ["count(*) / 5 as count by status, bin(5m) as binStart", false],
    ["count(*) as count by status, bin(5m) as binStart | fields count, status", true],
    ["count(*) as count by status, bin(5m) as binStart | fields count / 5 as count", false],
    ["count(*) as count, count_distinct(dsn) as kinds by status, bin(5m) as binStart | fields kinds as count", false],
    ["count(*) as count by status, bin(5m) as binStart | parse status /(?<count>[a-z]+)/", false],
  ])("takes stats %s for a count of events: %s", async (stats, counts) => {
    const loaded = await loadOwn(`stats ${stats}`, "{status}");
    expect(explainOf(loaded, "bounced").valueIsEventCount).toBe(counts);
  });

  it.each(["bin(5m)", "datefloor(@timestamp, 5m)"])(
    "cannot be given a dimension read from the %s it counts per, and follows a datefloor of another time",
    async (bin) => {
      const own = (by: string, dimensions: string) =>
        OWN(`stats count(*) as count by ${by}`, "{status}").replace(
          "  timestamp: binStart",
          `  timestamp: binStart\n  dimensions: ${dimensions}`,
        );
      // The config refuses it before explain could (config/rules/mapping-rules.ts, noBinInSeries).
      const binned = loadConfig(config("  - file: own.yaml", { "own.yaml": own(`status, ${bin} as binStart`, '{ Bin: "{binStart}" }') }));
      await expect(binned).rejects.toThrow(/dimensions\.Bin: \{binStart\} is the bin time: every bin would publish a new metric/);
      const hourly = await loadConfig(
        config("  - file: own.yaml", {
          "own.yaml": own(
            `status, datefloor(@ingestionTime, 1h) as hour, dateceil(@timestamp, 1h) as ceiling, ${bin} as binStart`,
            '{ Hour: "{hour}", Ceiling: "{ceiling}" }',
          ),
        }),
      );
      const at = "2026-11-29 00:00:00.000";
      const derived = explainQueries(
        findPublisher(hourly, { metric: "bounced", dimensions: { Hour: at, Ceiling: at } }),
        "bounced",
        FIVE_MIN,
      );
      expect(derived.events).toContain(
        "| fields datefloor(@ingestionTime, 1h) as explain1\n| fields dateceil(@timestamp, 1h) as explain2\n" +
          '| filter ispresent(status) and status = "bounced"',
      );
    },
  );

  it("groups by an operator's value, as written", async () => {
    const loaded = await loadOwn("stats count(*) as count by status, strlen(dsn) - 2 as digits, bin(5m) as binStart", "{status}-{digits}");
    const derived = explainOf(loaded, "bounced-4");
    expect(derived.events).toContain(
      '| fields strlen(dsn) - 2 as explain1\n| filter ispresent(status) and ispresent(explain1) and concat(status, "-", explain1) = "bounced-4"',
    );
    const published = await publishedPerWindow(loaded, "status", "bounced");
    expect(Object.keys(published)).not.toHaveLength(0);
    expect(await eventsPerWindow(derived.count)).toEqual(published);
  });

  it("lists every event of a query without stats, whose rows are its events", async () => {
    const own = `name: own
query: |
  filter @message like /status=bounced/
  | fields 1 as count, @timestamp as binStart
metric: { name: bounced, value: count, timestamp: binStart }
`;
    const derived = explainOf(await loadConfig(config("  - file: own.yaml", { "own.yaml": own })), "bounced");
    expect(derived.events).toBe(
      'filter @message like /status=bounced/\n| fields 1 as count, @timestamp as binStart\n| filter concat("bounced") = "bounced"\n' +
        "| display @timestamp, @message, @logStream",
    );
    expect(derived.valueIsEventCount).toBe(false);
    expect(await eventsPerWindow(derived.count)).toEqual({ "2026-11-29T00:35:00.000Z": 113 });
  });

  it("reads a group whose name needs backquotes as the field it is", async () => {
    const stats = "fields status as `delivery-status` | stats count(*) as count by `delivery-status`, bin(5m) as binStart";
    const loaded = await loadOwn(stats, "{delivery-status}");
    const derived = explainOf(loaded, "bounced");
    const published = await publishedPerWindow(loaded, "delivery-status", "bounced");
    expect(Object.keys(published)).not.toHaveLength(0);
    expect(await eventsPerWindow(derived.count)).toEqual(published);
  });

  it.each([
    [
      "made anew by a later stats",
      'stats count(*) as count by status, dsn, bin(5m) as binStart | stats sum(count) as count by concat(dsn, "") as status, binStart',
      "5.7.26",
    ],
    [
      "overwritten by fields after the stats",
      'stats count(*) as count by status, bin(5m) as binStart | fields concat(status, "!") as status',
      "bounced!",
    ],
    [
      "overwritten by a parse after the stats",
      "stats count(*) as count by status, bin(5m) as binStart | parse status /(?<status>[a-z]{3})/",
      "bou",
    ],
  ])("refuses a name read from a group %s", async (_, stats, metric) => {
    const loaded = await loadOwn(stats, "{status}");
    const publisher = findPublisher(loaded, { metric, dimensions: {} });
    expect(() => explainQueries(publisher, metric, FIVE_MIN)).toThrow(
      /metric\.name reads \{status\}, which the query does not make by grouping/,
    );
  });
});

describe(findPublisher.name, () => {
  it("names every query and why it cannot publish the metric", async () => {
    const loaded = await loadConfig(config("  - builtin: postfix-smtp-status\n  - builtin: postfix-delivery-status"));
    expect(() => findPublisher(loaded, { metric: "550-5_7_26", dimensions: { Environment: "prod" } })).toThrow(
      /no query of .* publishes 550-5_7_26 with Environment=prod: postfix-smtp-status \(queries\/postfix-smtp-status.yaml\): it has no dimension Environment \(it has: none\)/,
    );
    expect(() => findPublisher(loaded, { metric: "bounced-5_7_26", dimensions: {}, query: "postfix-smtp-status" })).toThrow(
      /its metric names \(\{metric\}\) cannot be "bounced-5_7_26"/,
    );
  });

  it("fills static dimensions left out, leaves out a templated one as all its values, and asks to pick among several", async () => {
    const two =
      '  - builtin: postfix-smtp-status\n    dimensions: { Provider: "{relayDomain}" }\n  - builtin: postfix-delivery-status\n    dimensions: { Environment: prod }';
    const loaded = await loadConfig(config(two));
    expect(findPublisher(loaded, { metric: "sent-2_0_0", dimensions: {} })).toMatchObject({
      dimensions: { Environment: "prod" },
      open: [],
    });
    expect(findPublisher(loaded, { metric: "550-5_7_26", dimensions: {} })).toMatchObject({ dimensions: {}, open: ["Provider"] });
    const own = `name: own\nquery: |\n  parse @message /status=(?<metric>[a-z0-9_-]+)/\n  | stats count(*) as count by metric, bin(5m) as binStart\nmetric: { name: "{metric}", value: count, timestamp: binStart, dimensions: { Source: own } }\n`;
    const both = await loadConfig(config("  - builtin: postfix-delivery-status\n  - file: own.yaml", { "own.yaml": own }));
    expect(() => findPublisher(both, { metric: "sent-2_0_0", dimensions: {} })).toThrow(
      /can come from postfix-delivery-status \(dimensions: none\) and own \(dimensions: Source\); pick one with --query postfix-delivery-status/,
    );
    expect(findPublisher(both, { metric: "sent-2_0_0", dimensions: {}, query: "own" }).query.name).toBe("own");
  });
});
