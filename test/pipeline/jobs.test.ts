import { describe, expect, it } from "vitest";
import type { MetricMapping } from "../../src/metrics/mapping.js";
import type { ResolvedQuery } from "../../src/config/resolved.js";
import { compileQuery } from "../../src/insights/compile.js";
import { seriesSpacing } from "../../src/pipeline/jobs.js";

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
