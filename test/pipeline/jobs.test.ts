import { describe, expect, it } from "vitest";
import type { MetricMapping } from "../../src/metrics/mapping.js";
import type { ResolvedQuery } from "../../src/config/resolved.js";
import { compileQuery } from "../../src/insights/compile.js";
import type { Config } from "../../src/config/schema.js";
import { seriesJob, seriesSpacing } from "../../src/pipeline/jobs.js";
import { EXIT_CODES, exitCodeFor, RuntimeError } from "../../src/errors.js";

const query = (text: string, timestamp: string): ResolvedQuery =>
  ({
    name: "q",
    compiled: compileQuery(text),
    mapping: { name: "{metric}", value: "n", timestamp, unit: "Count", dimensions: {}, zeroFill: [] } satisfies MetricMapping,
  }) as unknown as ResolvedQuery;

const binned = (bin: string) => query(`stats count(*) as n by metric, bin(${bin}) as t`, "t");

describe(seriesSpacing.name, () => {
  it("is the bin period when metric.timestamp is the query's bin()", () => {
    expect(seriesSpacing([binned("5m")])).toBe(300_000);
  });

  it("is a period every query's bin is a multiple of", () => {
    expect(seriesSpacing([binned("10m"), binned("15m")])).toBe(300_000);
    expect(seriesSpacing([binned("5m"), binned("1m")])).toBe(60_000);
  });

  it("is 0 (unknown) when some query's timestamp is not a bin, or there are no queries", () => {
    expect(seriesSpacing([binned("5m"), query("stats count(*) as n, max(@timestamp) as t by metric", "t")])).toBe(0);
    expect(seriesSpacing([])).toBe(0);
  });
});

describe(seriesJob.name, () => {
  const config = (source: string) =>
    ({ source: { type: source }, sink: { type: "stdout" }, schedule: { period: 300_000 } }) as unknown as Config;
  const withGroups = (text: string, timestamp: string, logGroups: string[]) =>
    ({ ...query(text, timestamp), displayFile: "q.yaml", logGroups }) as unknown as ResolvedQuery;
  const QUERY = "stats count(*) as n by metric, bin(5m) as t";

  it("starts a new series when a CloudWatch query's log groups change, not when a files source's do", () => {
    const key = (source: string, groups: string[]) => seriesJob(config(source), withGroups(QUERY, "t", groups)).key;
    expect(key("cloudwatch-logs", ["/mail/a"])).not.toBe(key("cloudwatch-logs", ["/mail/b"]));
    expect(key("files", ["/mail/a"])).toBe(key("files", ["/mail/b"]));
  });

  it("refuses a row whose timestamp lies outside the queried window, at its end too: it is no bin() of @timestamp", () => {
    const T = Date.parse("2026-11-29T12:00:00Z");
    const range = { from: T, to: T + 300_000 };
    const job = seriesJob(config("files"), withGroups("stats count(*) as n, max(@timestamp) as t by metric", "t", []));
    const row = (time: number) => [
      { field: "metric", value: "m" },
      { field: "n", value: "2" },
      { field: "t", value: new Date(time).toISOString() },
    ];
    const tally = { queries: 0, bytesScanned: 0 };
    expect(job.toDatums([row(T)], range, tally).map((datum) => datum.timestamp)).toEqual([T]);
    for (const time of [T - 1, T + 300_000]) {
      // Caught by hand: vitest's toThrow(regex) also passes when undefined is thrown.
      const thrown = thrownBy(() => job.toDatums([row(time)], range, tally));
      expect(thrown).toBeInstanceOf(RuntimeError);
      expect((thrown as Error).message).toMatch(
        /^q \(q\.yaml\): a result row has t = .*, outside the queried window 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z; metric\.timestamp must name a bin\(\) of @timestamp/,
      );
    }
  });
});

describe("seriesSpacing, where metric.timestamp is not the query's one bin()", () => {
  it("is 0 (unknown) when the timestamp is another field beside a bin(), or one of two bin()s, or there are no stats", () => {
    // The read-back would otherwise take 5 minutes between a series' timestamps, which a max(@timestamp) does not keep.
    expect(seriesSpacing([query("stats count(*) as n, max(@timestamp) as t by metric, bin(5m) as b", "t")])).toBe(0);
    expect(seriesSpacing([query("stats count(*) as n by bin(5m) as t, bin(10m) as u", "t")])).toBe(0);
    expect(seriesSpacing([query("fields @timestamp as t, @message as metric", "t")])).toBe(0);
  });
});

describe("a job's rows that cannot become datums", () => {
  const T = Date.parse("2026-11-29T12:00:00Z");
  const range = { from: T, to: T + 300_000 };
  const config = { source: { type: "files" }, sink: { type: "stdout" }, schedule: { period: 300_000 } } as unknown as Config;
  const job = (mapping: Partial<MetricMapping> = {}) => {
    const base = query("stats count(*) as n by metric, bin(5m) as t", "t");
    return seriesJob(config, {
      ...base,
      mapping: { ...base.mapping, ...mapping },
      displayFile: "q.yaml",
      logGroups: [],
    } as unknown as ResolvedQuery);
  };
  const row = (n: string) => [
    { field: "metric", value: "m" },
    { field: "n", value: n },
    { field: "t", value: "2026-11-29 12:00:00.000" },
  ];

  it("a value that is no number fails the run of that query, naming the query, its file and the windows", () => {
    expect(() => job().toDatums([row("many")], range, { queries: 1, bytesScanned: 0 })).toThrow(
      new RuntimeError(
        'q (q.yaml), windows 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z: result row 1: field "n" (metric.value) is "many", ' +
          'not a finite number CloudWatch accepts (the row: metric="m", n="many", t="2026-11-29 12:00:00.000")',
      ),
    );
  });

  it("a bug in the mapping stays a bug (exit 70 with its stack), not the query's runtime failure", () => {
    const broken = job({ dimensions: null as unknown as Record<string, string> });
    const thrown = thrownBy(() => broken.toDatums([row("1")], range, { queries: 1, bytesScanned: 0 }));
    expect(thrown).toBeInstanceOf(TypeError);
    expect(exitCodeFor(thrown)).toBe(EXIT_CODES.internal);
  });
});

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}
