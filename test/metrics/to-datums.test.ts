import { describe, expect, it } from "vitest";
import type { MetricMapping } from "../../src/metrics/mapping.js";
import { ConfigError, RuntimeError } from "../../src/errors.js";
import type { ResultRow } from "../../src/insights/types.js";
import { toDatums } from "../../src/metrics/to-datums.js";

const mapping = (overrides: Partial<MetricMapping> = {}): MetricMapping => ({
  name: "{metric}",
  value: "count",
  timestamp: "binStart",
  unit: "Count",
  dimensions: {},
  zeroFill: [],
  ...overrides,
});
const row = (cells: Record<string, string>): ResultRow => Object.entries(cells).map(([field, value]) => ({ field, value }));
const T0 = Date.UTC(2026, 10, 28, 10, 0);
const T5 = Date.UTC(2026, 10, 28, 10, 5);
const OPTIONS = { file: "queries/q.yaml" };
/** The datums of rows that are all complete. */
function datumsOf(...args: Parameters<typeof toDatums>) {
  const { datums, incomplete } = toDatums(...args);
  expect(incomplete).toEqual({ rows: 0, fields: [] });
  return datums;
}

function failure<E extends Error>(run: () => unknown, type: new (...args: never[]) => E = RuntimeError as never): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}

describe(toDatums.name, () => {
  it("makes one datum per row: name from the template, value, bin time, unit", () => {
    const datums = datumsOf([row({ metric: "550-5_7_26", count: "3", binStart: "2026-11-28 10:00:00.000" })], mapping(), OPTIONS);
    expect(datums).toEqual([{ name: "550-5_7_26", timestamp: T0, value: 3, unit: "Count", dimensions: {} }]);
  });

  it("fills static and template dimensions, in the mapping's order", () => {
    const datums = datumsOf(
      [row({ status: "deferred", domain: "bücher.example", n: "1.5", t: String(T0) })],
      mapping({ name: "delivery-{status}", value: "n", timestamp: "t", unit: "None", dimensions: { Relay: "mx-1", Domain: "{domain}" } }),
      OPTIONS,
    );
    expect(datums).toEqual([
      {
        name: "delivery-deferred",
        timestamp: T0,
        value: 1.5,
        unit: "None",
        dimensions: { Relay: "mx-1", Domain: "xn--bcher-kva.example" },
      },
    ]);
    expect(Object.keys(datums[0]!.dimensions)).toEqual(["Relay", "Domain"]);
  });

  it("orders datums by timestamp, then name, then dimensions", () => {
    const rows = [
      row({ metric: "b", count: "1", binStart: "2026-11-28 10:05:00.000" }),
      row({ metric: "b", count: "1", binStart: "2026-11-28 10:00:00.000" }),
      row({ metric: "a", count: "1", binStart: "2026-11-28 10:05:00.000" }),
    ];
    expect(datumsOf(rows, mapping(), OPTIONS).map((datum) => [datum.timestamp, datum.name])).toEqual([
      [T0, "b"],
      [T5, "a"],
      [T5, "b"],
    ]);
  });

  it("zero-fills each zeroFill name missing from a bin, with the static dimensions", () => {
    const rows = [row({ metric: "550-5_7_26", count: "2", binStart: "2026-11-28 10:00:00.000" })];
    const datums = datumsOf(rows, mapping({ zeroFill: ["550-5_7_26", "421-4_7_0"], dimensions: { Relay: "mx-1" } }), {
      ...OPTIONS,
      zeroFillBins: [T0, T5],
    });
    expect(datums.map((datum) => [datum.timestamp, datum.name, datum.value, datum.dimensions])).toEqual([
      [T0, "421-4_7_0", 0, { Relay: "mx-1" }],
      [T0, "550-5_7_26", 2, { Relay: "mx-1" }],
      [T5, "421-4_7_0", 0, { Relay: "mx-1" }],
      [T5, "550-5_7_26", 0, { Relay: "mx-1" }],
    ]);
  });

  it("zero-fills a long range: 200,000 bins of a name that never occurs", () => {
    const bins = Array.from({ length: 200_000 }, (_, i) => T0 + i * 300_000);
    const datums = datumsOf([], mapping({ zeroFill: ["550-5_7_26"] }), { ...OPTIONS, zeroFillBins: bins });
    expect(datums).toHaveLength(200_000);
    expect(datums.at(-1)).toEqual({ name: "550-5_7_26", timestamp: bins.at(-1), value: 0, unit: "Count", dimensions: {} });
  });

  it("reads rows built as they are read (a RowTable) as it reads an array of them", () => {
    const rows = [
      row({ metric: "b", count: "1", binStart: "2026-11-28 10:05:00.000" }),
      row({ metric: "a", count: "2", binStart: "2026-11-28 10:00:00.000" }),
      row({ metric: "a", binStart: "2026-11-28 10:05:00.000" }),
    ];
    const table = { length: rows.length, at: (index: number) => (index in rows ? [...rows[index]!] : undefined) };
    const options = { ...OPTIONS, zeroFillBins: [T0, T5] };
    expect(toDatums(table, mapping({ zeroFill: ["a"] }), options)).toEqual(toDatums(rows, mapping({ zeroFill: ["a"] }), options));
  });

  it("keeps each datum's own dimensions when datums of many series share them", () => {
    const rows = ["x", "y", "x", "y"].map((relay, i) =>
      row({ metric: "m", relay, count: String(i), binStart: `2026-11-28 10:${i < 2 ? "00" : "05"}:00.000` }),
    );
    const datums = datumsOf(rows, mapping({ dimensions: { Relay: "{relay}" } }), OPTIONS);
    expect(datums.map((datum) => [datum.timestamp, datum.dimensions.Relay, datum.value])).toEqual([
      [T0, "x", 0],
      [T0, "y", 1],
      [T5, "x", 2],
      [T5, "y", 3],
    ]);
  });

  it("adds nothing without zero-fill bins", () => {
    expect(datumsOf([], mapping({ zeroFill: ["x"] }), OPTIONS)).toEqual([]);
  });

  it.each(["abc", "", "NaN", "Infinity", "1e400", "0x10", "1,5"])(
    "rejects the value %j naming the field, the value and the row",
    (value) => {
      const rows = [
        row({ metric: "m", count: "1", binStart: "2026-11-28 10:00:00.000" }),
        row({ metric: "m", count: value, binStart: "2026-11-28 10:00:00.000" }),
      ];
      const error = failure(() => datumsOf(rows, mapping(), OPTIONS));
      expect(error.message).toContain("result row 2");
      expect(error.message).toContain('field "count"');
      expect(error.message).toContain(`"${value}"`);
    },
  );

  it("accepts decimal and exponent numbers", () => {
    const rows = ["-2", "0.25", "1e3", "+7"].map((count, index) => row({ metric: `m${index}`, count, binStart: String(T0) }));
    expect(
      datumsOf(rows, mapping(), OPTIONS)
        .map((datum) => datum.value)
        .sort((a, b) => a - b),
    ).toEqual([-2, 0.25, 7, 1000]);
  });

  it("rejects a bin field that is not a time", () => {
    const error = failure(() => datumsOf([row({ metric: "m", count: "1", binStart: "soon" })], mapping(), OPTIONS));
    expect(error.message).toMatch(/result row 1: field "binStart" \(metric.timestamp\) is "soon"/);
  });

  it("leaves out rows that lack a field the mapping reads, empty or partial, and counts them with the fields they lacked", () => {
    const rows = [
      [],
      row({ count: "1", binStart: "2026-11-28 10:00:00.000" }),
      row({ metric: "m", binStart: "2026-11-28 10:00:00.000" }),
      row({ metric: "m", count: "2", binStart: "2026-11-28 10:05:00.000", relay: "a" }),
      row({ metric: "m", count: "3", binStart: "2026-11-28 10:05:00.000" }),
    ];
    const { datums, incomplete } = toDatums(rows, mapping({ dimensions: { Relay: "{relay}" } }), OPTIONS);
    expect(datums).toEqual([{ name: "m", timestamp: T5, value: 2, unit: "Count", dimensions: { Relay: "a" } }]);
    expect(incomplete).toEqual({ rows: 4, fields: ["binStart", "count", "metric", "relay"] });
  });

  it("zero-fills no bin an incomplete row may belong to: its own, or every bin when it has none", () => {
    const options = { ...OPTIONS, zeroFillBins: [T0, T5] };
    const fill = mapping({ zeroFill: ["421-4_7_0"] });
    const partial = toDatums([row({ metric: "421-4_7_0", binStart: "2026-11-28 10:05:00.000" })], fill, options);
    expect(partial.datums.map((datum) => [datum.timestamp, datum.name, datum.value])).toEqual([[T0, "421-4_7_0", 0]]);
    expect(toDatums([[]], fill, options).datums).toEqual([]);
  });

  it("names the row by its place among all rows when an incomplete row came before", () => {
    const rows = [
      [],
      row({ metric: "m", count: "1", binStart: String(T0), x: "a" }),
      row({ metric: "m", count: "2", binStart: String(T0), x: "b" }),
    ];
    expect(failure(() => toDatums(rows, mapping(), OPTIONS), ConfigError).message).toContain("result rows 2 and 3 map to the same datum");
  });

  it("rejects a dimension value that is empty or whitespace only, naming the row and value", () => {
    const error = failure(() =>
      datumsOf(
        [row({ metric: "m", count: "1", binStart: String(T0), domain: "  " })],
        mapping({ dimensions: { Domain: "{domain}" } }),
        OPTIONS,
      ),
    );
    expect(error.message).toMatch(
      /result row 1: dimension Domain \("\{domain\}"\) is " {2}": CloudWatch needs at least one non-whitespace character/,
    );
  });

  it("cuts long names to 255 characters and sanitises non-ASCII names", () => {
    const datums = datumsOf([row({ metric: `é${"x".repeat(300)}`, count: "1", binStart: String(T0) })], mapping(), OPTIONS);
    expect(datums[0]!.name).toHaveLength(255);
    expect(datums[0]!.name.startsWith("%C3%A9x")).toBe(true);
  });

  it("refuses two rows that map to one metric, dimensions and timestamp, naming the file, the datum and the by field to add", () => {
    const rows = [
      row({ status: "sent", proc: "smtp", t: "2026-11-28 10:00:00.000", n: "28" }),
      row({ status: "sent", proc: "lmtp", t: "2026-11-28 10:00:00.000", n: "275" }),
    ];
    const error = failure(
      () => datumsOf(rows, mapping({ name: "{status}", value: "n", timestamp: "t", dimensions: { Relay: "mx-1" } }), OPTIONS),
      ConfigError,
    );
    expect(error.file).toBe("queries/q.yaml");
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.path).toBe("metric");
    expect(error.message).toContain(
      'result rows 1 and 2 map to the same datum: metric "sent", dimensions {"Relay":"mx-1"}, timestamp 2026-11-28T10:00:00Z',
    );
    expect(error.message).toContain('They differ in proc ("smtp" and "lmtp")');
    expect(error.message).toContain('e.g. name: "{status}-{proc}", or dimensions: { proc: "{proc}" }');
  });

  // The rows differ only in fields the mapping reads: no field to name, no example. Without a value
  // table nothing is added up, not even rows that differ in their value alone.
  it.each([
    ["whose different values become one name after sanitising", "é", "%C3%A9", "%C3%A9"],
    ["that differ only in their value (a by field left out of the result)", "m", "m", "m"],
  ])("refuses rows %s", (_, first, second, name) => {
    const rows = [row({ metric: first, count: "1", binStart: String(T0) }), row({ metric: second, count: "2", binStart: String(T0) })];
    const error = failure(() => toDatums(rows, mapping(), OPTIONS), ConfigError);
    expect(error.message).toBe(
      `queries/q.yaml: metric: result rows 1 and 2 map to the same datum: metric "${name}", no dimensions, timestamp 2026-11-28T10:00:00Z; ` +
        "CloudWatch would merge them into one point (Sum adds them, Maximum keeps only the larger); " +
        "put every `by` field of the stats into the metric name template or the dimensions",
    );
  });

  // Logs Insights leaves a `by` field that is null out of the row.
  it("names every field the colliding rows differ in, a missing one as null, and none they share", () => {
    const rows = [
      row({ status: "sent", proc: "smtp", host: "mx-1", t: "2026-11-28 10:00:00.000", n: "28" }),
      row({ status: "sent", host: "mx-1", relay: "[10.0.0.2]", t: "2026-11-28 10:00:00.000", n: "3" }),
    ];
    const error = failure(() => datumsOf(rows, mapping({ name: "{status}", value: "n", timestamp: "t" }), OPTIONS), ConfigError);
    expect(error.message).toBe(
      'queries/q.yaml: metric: result rows 1 and 2 map to the same datum: metric "sent", no dimensions, timestamp 2026-11-28T10:00:00Z; ' +
        "CloudWatch would merge them into one point (Sum adds them, Maximum keeps only the larger). " +
        'They differ in proc ("smtp" and null), relay (null and "[10.0.0.2]"): ' +
        "put every `by` field of the stats into the metric name template or the dimensions, " +
        'e.g. name: "{status}-{proc}-{relay}", or dimensions: { proc: "{proc}", relay: "{relay}" }',
    );
  });

  it("keeps rows apart that differ in a dimension or a bin", () => {
    const rows = [
      row({ metric: "m", relay: "a", count: "1", binStart: String(T0) }),
      row({ metric: "m", relay: "b", count: "1", binStart: String(T0) }),
      row({ metric: "m", relay: "a", count: "1", binStart: String(T5) }),
    ];
    expect(datumsOf(rows, mapping({ dimensions: { Relay: "{relay}" } }), OPTIONS)).toHaveLength(3);
  });

  it.each([
    ["a name listed twice", ["x", "x"], "x"],
    ["a name that is sanitised", ["é"], "%C3%A9"],
  ])("zero-fills %s once per bin, and not beside the name's own datum", (_, zeroFill, name) => {
    const rows = [row({ metric: name, count: "4", binStart: String(T0) })];
    const datums = datumsOf(rows, mapping({ zeroFill }), { ...OPTIONS, zeroFillBins: [T0, T5] });
    expect(datums.map((datum) => [datum.timestamp, datum.name, datum.value])).toEqual([
      [T0, name, 4],
      [T5, name, 0],
    ]);
  });
});

describe("value tables (metric.dimensionValues)", () => {
  const table = { Provider: { map: { "google.com": "Google", "googlemail.com": "Google" }, default: "other" } };
  const provider = (overrides: Partial<MetricMapping> = {}) =>
    mapping({ dimensions: { Provider: "{domain}" }, dimensionValues: table, ...overrides });
  const at = (domain: string, count: string, metric = "550-5_7_26") => row({ metric, domain, count, binStart: "2026-11-28 10:00:00.000" });

  it("publishes the table's value, and the default for a value it does not name", () => {
    const datums = datumsOf([at("google.com", "3"), at("example.org", "2", "250-2_0_0")], provider(), OPTIONS);
    expect(datums.map((d) => [d.name, d.dimensions.Provider, d.value])).toEqual([
      ["250-2_0_0", "other", 2],
      ["550-5_7_26", "Google", 3],
    ]);
  });

  it("adds up the rows it gives the same datum, and only those", () => {
    const rows = [at("google.com", "3"), at("googlemail.com", "4"), at("a.example", "1"), at("b.example", "5")];
    const datums = datumsOf(rows, provider(), OPTIONS);
    expect(datums.map((d) => [d.dimensions.Provider, d.value])).toEqual([
      ["Google", 7],
      ["other", 6],
    ]);
  });

  it("still refuses rows that differ in a field no table reads", () => {
    const rows = [
      row({ metric: "a", domain: "x.example", status: "1", count: "1", binStart: "2026-11-28 10:00:00.000" }),
      row({ metric: "a", domain: "y.example", status: "2", count: "1", binStart: "2026-11-28 10:00:00.000" }),
    ];
    const error = failure(() => toDatums(rows, provider(), OPTIONS), ConfigError);
    expect(error.message).toContain('They differ in status ("1" and "2")');
  });

  // Only a table's own fields are added up: a dimension without one that merges two values (here
  // through sanitising) is the collision it always was, though another dimension has a table.
  it("still refuses rows that become one datum through a dimension without a table", () => {
    const rows = [
      row({ metric: "a", domain: "google.com", relay: "é", count: "1", binStart: "2026-11-28 10:00:00.000" }),
      row({ metric: "a", domain: "google.com", relay: "%C3%A9", count: "2", binStart: "2026-11-28 10:00:00.000" }),
    ];
    const error = failure(() => toDatums(rows, provider({ dimensions: { Provider: "{domain}", Relay: "{relay}" } }), OPTIONS), ConfigError);
    expect(error.message).toContain('map to the same datum: metric "a", dimensions {"Provider":"Google","Relay":"%C3%A9"}');
  });

  it("without a default, publishes a value the map does not name as it is", () => {
    const open = { Provider: { map: { "google.com": "Google" } } };
    const datums = datumsOf([at("example.org", "2")], provider({ dimensionValues: open }), OPTIONS);
    expect(datums[0]!.dimensions).toEqual({ Provider: "example.org" });
  });

  it("zero-fills a name for every value a bounded table can publish, next to the static dimensions", () => {
    const filled = provider({ zeroFill: ["550-5_7_26"], dimensions: { Environment: "prod", Provider: "{domain}" } });
    const { datums } = toDatums([at("google.com", "3")], filled, { ...OPTIONS, zeroFillBins: [T0, T5] });
    const zeros = datums
      .filter((d) => d.value === 0)
      .map((d) => `${d.timestamp === T0 ? "T0" : "T5"} ${d.dimensions.Environment} ${d.dimensions.Provider}`);
    expect(zeros).toEqual(["T0 prod other", "T5 prod Google", "T5 prod other"]);
    expect(datums.find((d) => d.value === 3)!.dimensions).toEqual({ Environment: "prod", Provider: "Google" });
  });
});

describe("toDatums: values, names and order at their edges", () => {
  const at = (cells: Record<string, string>) => row({ metric: "m", count: "1", binStart: String(T0), ...cells });

  it("accepts a value with spaces around it", () => {
    expect(datumsOf([at({ count: " 3 " })], mapping(), OPTIONS).map((datum) => datum.value)).toEqual([3]);
  });

  it("accepts values up to ±2^360 and refuses one beyond, naming the field and the value", () => {
    const limit = String(2 ** 360);
    expect(datumsOf([at({ count: limit })], mapping(), OPTIONS).map((datum) => datum.value)).toEqual([2 ** 360]);
    const error = failure(() => datumsOf([at({ count: "-3e108" })], mapping(), OPTIONS));
    expect(error.message).toContain('result row 1: field "count" (metric.value) is "-3e108", not a finite number CloudWatch accepts');
  });

  it("rejects a metric name that is whitespace only, naming the row, the template and the fix", () => {
    const error = failure(() => datumsOf([at({ metric: "  " })], mapping(), OPTIONS));
    expect(error.message).toMatch(
      /^result row 1: metric\.name \("\{metric\}"\) is " {2}": CloudWatch needs at least one non-whitespace character; filter such rows out in the query/,
    );
  });

  it("rejects a zeroFill name that is whitespace only, naming it", () => {
    const error = failure(() => toDatums([], mapping({ zeroFill: ["  "] }), { ...OPTIONS, zeroFillBins: [T0] }));
    expect(error.message).toMatch(/^zeroFill name " {2}" is " {2}": CloudWatch needs at least one non-whitespace character/);
  });

  it("rejects a value table entry that is whitespace only, naming the dimension and the value", () => {
    const mapped = mapping({
      zeroFill: ["m"],
      dimensions: { Provider: "{domain}" },
      dimensionValues: { Provider: { map: { "google.com": "  " }, default: "other" } },
    });
    const error = failure(() => toDatums([], mapped, { ...OPTIONS, zeroFillBins: [T0] }));
    expect(error.message).toMatch(/^dimension Provider value " {2}" is " {2}": CloudWatch needs at least one non-whitespace character/);
  });

  it("adds no zeros for a dimension neither static nor bounded by a table", () => {
    const rows = [row({ metric: "m", count: "2", binStart: String(T0), domain: "x.example" })];
    const datums = datumsOf(rows, mapping({ zeroFill: ["m", "z"], dimensions: { Domain: "{domain}" } }), {
      ...OPTIONS,
      zeroFillBins: [T0, T5],
    });
    expect(datums).toEqual([{ name: "m", timestamp: T0, value: 2, unit: "Count", dimensions: { Domain: "x.example" } }]);
  });

  it("orders datums of one name and time by their dimensions", () => {
    const rows = ["c", "a", "b"].map((relay) => at({ relay }));
    const datums = datumsOf(rows, mapping({ dimensions: { Relay: "{relay}" } }), OPTIONS);
    expect(datums.map((datum) => datum.dimensions.Relay)).toEqual(["a", "b", "c"]);
    const reversed = ["b", "c", "a"].map((relay) => at({ relay }));
    expect(datumsOf(reversed, mapping({ dimensions: { Relay: "{relay}" } }), OPTIONS).map((d) => d.dimensions.Relay)).toEqual([
      "a",
      "b",
      "c",
    ]);
  });
});
