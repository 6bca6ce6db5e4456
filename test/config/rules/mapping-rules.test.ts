import { describe, expect, it } from "vitest";
import type { MetricMapping } from "../../../src/metrics/mapping.js";
import {
  dimensionsWithinLimits,
  mappingFieldsProduced,
  noBinInSeries,
  timestampAndValueFitStats,
  valueTablesAddUp,
  zeroFillIsStatic,
} from "../../../src/config/rules/mapping-rules.js";
import { compileQuery } from "../../../src/insights/compile.js";
import { fakeCompile } from "../fake-compiled.js";

const mapping = (overrides: Partial<MetricMapping> = {}): MetricMapping => ({
  name: "{metric}",
  value: "count",
  timestamp: "bin",
  unit: "Count",
  dimensions: {},
  zeroFill: [],
  ...overrides,
});
const binned = fakeCompile("fields metric, count, bin, domain | bin 300000");

describe(mappingFieldsProduced.name, () => {
  it("accepts a mapping that reads only produced fields", () => {
    expect(mappingFieldsProduced(mapping({ dimensions: { Domain: "d={domain}" } }), binned)).toEqual([]);
  });

  it("names each field the query does not produce, where the mapping uses it", () => {
    const problems = mappingFieldsProduced(
      mapping({ name: "{status}-{metric}", timestamp: "time", dimensions: { Host: "{host}" } }),
      binned,
    );
    expect(problems.map((problem) => [problem.key.join("."), problem.message.split(" (")[0]])).toEqual([
      ["timestamp", 'field "time" is not produced by the query'],
      ["name", 'field "status" is not produced by the query'],
      ["dimensions.Host", 'field "host" is not produced by the query'],
    ]);
  });

  it("cannot judge a query whose fields are not fixed", () => {
    expect(mappingFieldsProduced(mapping({ value: "anything" }), fakeCompile("filter x"))).toEqual([]);
  });
});

describe(noBinInSeries.name, () => {
  const check = (query: string, overrides: Partial<MetricMapping>) =>
    noBinInSeries(mapping({ value: "n", timestamp: "t", ...overrides }), compileQuery(query));

  it("refuses the bin time in the name or a dimension: a bin(), or the datefloor metric.timestamp reads", () => {
    const binned = check("stats count(*) as n by k, bin(5m) as t", { name: "{k}-{t}", dimensions: { K: "{k}", At: "at {t}" } });
    const floored = check("stats count(*) as n by datefloor(@timestamp, 5m) as t", { dimensions: { Bin: "{t}" } });
    const otherBin = check("stats count(*) as n by bin(1h) as hour, datefloor(@timestamp, 5m) as t", { dimensions: { Hour: "{hour}" } });
    expect(binned.map((problem) => problem.key.join("."))).toEqual(["name", "dimensions.At"]);
    expect(binned[0]!.message).toBe(
      "{t} is the bin time: every bin would publish a new metric (each billed, none an alarm can follow); " +
        "each datum carries it as its time already (metric.timestamp), so remove {t} here",
    );
    expect([...floored, ...otherBin].map((problem) => [problem.key.join("."), problem.message.split(" is ")[0]])).toEqual([
      ["dimensions.Bin", "{t}"],
      ["dimensions.Hour", "{hour}"],
    ]);
  });

  it("accepts groups, aggregates, and a coarser time grouped by that is not the bin", () => {
    const query = "stats count(*) as n, max(@timestamp) as last by k, datefloor(@timestamp, 1d) as day, bin(5m) as t";
    expect(check(query, { name: "{k}", dimensions: { K: "{k}", Day: "{day}", Last: "{last}", Site: "eu" } })).toEqual([]);
  });
});

describe(timestampAndValueFitStats.name, () => {
  const check = (query: string, overrides: Partial<MetricMapping>) => timestampAndValueFitStats(mapping(overrides), compileQuery(query));
  const BINNED = "stats count(*) as n by k, bin(5m) as t";

  it("accepts a bin() timestamp and an aggregate value, and any time-valued timestamp", () => {
    expect(check(BINNED, { value: "n", timestamp: "t" })).toEqual([]);
    expect(check("stats count(*) as n by datefloor(@timestamp, 5m) as t", { value: "n", timestamp: "t" })).toEqual([]);
  });

  it.each([
    [
      "a `by` group, without bin()",
      "stats count(*) as n by k",
      { value: "n", timestamp: "k" },
      ["timestamp"],
      /"k" is a `by` group .* not a time; group the last stats by bin\(5m\)/,
    ],
    ["a `by` group, with a bin() to use", BINNED, { value: "n", timestamp: "k" }, ["timestamp"], /not a time; use its bin\(\) output: t$/],
    ["an aggregate", BINNED, { value: "n", timestamp: "n" }, ["timestamp"], /"n" is an aggregate of the last stats, not a time/],
  ])("refuses a timestamp that is %s", (_, query, overrides, key, message) => {
    expect(check(query, overrides)).toEqual([{ key, message: expect.stringMatching(message) }]);
  });

  it.each([
    ["a `by` group", { value: "k", timestamp: "t" }, /"k" is a `by` group of the last stats, not an aggregate; use n$/],
    ["the bin() time", { value: "t", timestamp: "t" }, /"t" is the bin\(\) time of the last stats, not an aggregate; use n$/],
  ])("refuses a value that is %s", (_, overrides, message) => {
    expect(check(BINNED, overrides)).toEqual([{ key: ["value"], message: expect.stringMatching(message) }]);
  });

  it("does not judge fields a command after the stats assigns, nor a stand-in that does not say", () => {
    expect(check("stats count(*) as n by k | fields k as t, n * 2 as m", { value: "m", timestamp: "t" })).toEqual([]);
    expect(timestampAndValueFitStats(mapping({ value: "metric", timestamp: "count" }), binned)).toEqual([]);
  });
});

describe(zeroFillIsStatic.name, () => {
  it("allows zeroFill with static dimensions", () => {
    expect(zeroFillIsStatic(mapping({ zeroFill: ["550-5_7_26"], dimensions: { Relay: "mx-1" } }), binned)).toEqual([]);
  });

  it("rejects zeroFill when a dimension has a placeholder", () => {
    const problems = zeroFillIsStatic(mapping({ zeroFill: ["a"], dimensions: { Domain: "{domain}" } }), binned);
    expect(problems).toEqual([
      {
        key: ["dimensions", "Domain"],
        message: expect.stringContaining(
          '"{domain}" has a placeholder, but zeroFill (a) needs dimensions whose values are known without a row',
        ),
      },
    ]);
  });

  it("allows zeroFill on a dimension whose value table has a default, and only then", () => {
    const bounded = { Provider: { map: { "google.com": "Google" }, default: "other" } };
    expect(zeroFillIsStatic(mapping({ zeroFill: ["a"], dimensions: { Provider: "{domain}" }, dimensionValues: bounded }), binned)).toEqual(
      [],
    );
    const open = { Provider: { map: { "google.com": "Google" } } };
    expect(
      zeroFillIsStatic(mapping({ zeroFill: ["a"], dimensions: { Provider: "{domain}" }, dimensionValues: open }), binned),
    ).toHaveLength(1);
  });

  it("rejects zeroFill for a query without bin()", () => {
    const problems = zeroFillIsStatic(mapping({ zeroFill: ["a"] }), fakeCompile("fields metric, count, bin"));
    expect(problems[0]!.message).toContain("needs a query that groups by bin(...)");
  });

  it.each([
    ["a stats without bin()", "stats count(*) as count by metric"],
    ["no stats at all", "fields @message as metric"],
  ])("rejects zeroFill for a compiled query with %s", (_, query) => {
    const problems = zeroFillIsStatic(mapping({ zeroFill: ["a"] }), compileQuery(query));
    expect(problems.map((problem) => problem.message)).toEqual([
      "zeroFill needs a query that groups by bin(...), e.g. stats count(*) by metric, bin(5m)",
    ]);
  });
});

describe(dimensionsWithinLimits.name, () => {
  it("rejects more than 30 dimensions", () => {
    const dimensions = Object.fromEntries(Array.from({ length: 31 }, (_, index) => [`D${index}`, "x"]));
    expect(dimensionsWithinLimits(mapping({ dimensions }))[0]!.message).toContain("31 dimensions; CloudWatch allows at most 30");
  });

  it.each([":Relay", " Relay", "Rélay", "Re\tlay", "x".repeat(256)])("rejects the dimension name %j", (name) => {
    expect(dimensionsWithinLimits(mapping({ dimensions: { [name]: "x" } }))).toHaveLength(1);
  });

  it("accepts printable ASCII names", () => {
    expect(dimensionsWithinLimits(mapping({ dimensions: { "Relay Host": "x", "a:b": "y" } }))).toEqual([]);
  });
});

describe(valueTablesAddUp.name, () => {
  const table = { Provider: { map: { "google.com": "Google" }, default: "other" } };
  const withTable = (value: string) => mapping({ value, dimensions: { Provider: "{domain}" }, dimensionValues: table });

  it("accepts a table over a count or a sum, which adding up keeps true", () => {
    const query = compileQuery("stats count(*) as n, sum(size) as bytes by domain, bin(5m) as bin");
    expect(valueTablesAddUp(withTable("n"), query)).toEqual([]);
    expect(valueTablesAddUp(withTable("bytes"), query)).toEqual([]);
  });

  it("refuses a table over an average, which adding up would make wrong", () => {
    const query = compileQuery("stats avg(delay) as delay by domain, bin(5m) as bin");
    expect(valueTablesAddUp(withTable("delay"), query)).toEqual([
      { key: ["dimensionValues", "Provider"], message: expect.stringContaining("right for count() or sum() only") },
    ]);
  });
});
