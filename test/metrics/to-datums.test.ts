import { describe, expect, it } from "vitest";
import type { MetricMapping } from "../../src/config/query-schema.js";
import { RuntimeError } from "../../src/errors.js";
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

function failure(run: () => unknown): RuntimeError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuntimeError) return error;
    throw error;
  }
  throw new Error("expected a RuntimeError");
}

describe(toDatums.name, () => {
  it("makes one datum per row: name from the template, value, bin time, unit", () => {
    const datums = toDatums([row({ metric: "550-5_7_26", count: "3", binStart: "2026-11-28 10:00:00.000" })], mapping());
    expect(datums).toEqual([{ name: "550-5_7_26", timestamp: T0, value: 3, unit: "Count", dimensions: {} }]);
  });

  it("fills static and template dimensions, in the mapping's order", () => {
    const datums = toDatums(
      [row({ status: "deferred", domain: "bücher.example", n: "1.5", t: String(T0) })],
      mapping({ name: "delivery-{status}", value: "n", timestamp: "t", unit: "None", dimensions: { Relay: "mx-1", Domain: "{domain}" } }),
    );
    expect(datums).toEqual([
      { name: "delivery-deferred", timestamp: T0, value: 1.5, unit: "None", dimensions: { Relay: "mx-1", Domain: "xn--bcher-kva.example" } },
    ]);
    expect(Object.keys(datums[0]!.dimensions)).toEqual(["Relay", "Domain"]);
  });

  it("orders datums by timestamp, then name, then dimensions", () => {
    const rows = [
      row({ metric: "b", count: "1", binStart: "2026-11-28 10:05:00.000" }),
      row({ metric: "b", count: "1", binStart: "2026-11-28 10:00:00.000" }),
      row({ metric: "a", count: "1", binStart: "2026-11-28 10:05:00.000" }),
    ];
    expect(toDatums(rows, mapping()).map((datum) => [datum.timestamp, datum.name])).toEqual([
      [T0, "b"],
      [T5, "a"],
      [T5, "b"],
    ]);
  });

  it("zero-fills each zeroFill name missing from a bin, with the static dimensions", () => {
    const rows = [row({ metric: "550-5_7_26", count: "2", binStart: "2026-11-28 10:00:00.000" })];
    const datums = toDatums(rows, mapping({ zeroFill: ["550-5_7_26", "421-4_7_0"], dimensions: { Relay: "mx-1" } }), { zeroFillBins: [T0, T5] });
    expect(datums.map((datum) => [datum.timestamp, datum.name, datum.value, datum.dimensions])).toEqual([
      [T0, "421-4_7_0", 0, { Relay: "mx-1" }],
      [T0, "550-5_7_26", 2, { Relay: "mx-1" }],
      [T5, "421-4_7_0", 0, { Relay: "mx-1" }],
      [T5, "550-5_7_26", 0, { Relay: "mx-1" }],
    ]);
  });

  it("adds nothing without zero-fill bins", () => {
    expect(toDatums([], mapping({ zeroFill: ["x"] }))).toEqual([]);
  });

  it.each(["abc", "", "NaN", "Infinity", "1e400", "0x10", "1,5"])("rejects the value %j naming the field, the value and the row", (value) => {
    const rows = [row({ metric: "m", count: "1", binStart: "2026-11-28 10:00:00.000" }), row({ metric: "m", count: value, binStart: "2026-11-28 10:00:00.000" })];
    const error = failure(() => toDatums(rows, mapping()));
    expect(error.message).toContain("result row 2");
    expect(error.message).toContain('field "count"');
    expect(error.message).toContain(`"${value}"`);
  });

  it("accepts decimal and exponent numbers", () => {
    const rows = ["-2", "0.25", "1e3", "+7"].map((count) => row({ metric: "m", count, binStart: String(T0) }));
    expect(toDatums(rows, mapping()).map((datum) => datum.value).sort((a, b) => a - b)).toEqual([-2, 0.25, 7, 1000]);
  });

  it("rejects a bin field that is not a time", () => {
    const error = failure(() => toDatums([row({ metric: "m", count: "1", binStart: "soon" })], mapping()));
    expect(error.message).toMatch(/result row 1: field "binStart" \(metric.timestamp\) is "soon"/);
  });

  it("names a field missing from a row (null values are omitted) and how to filter it", () => {
    const error = failure(() => toDatums([row({ count: "1", binStart: String(T0) })], mapping()));
    expect(error.message).toContain('result row 1: field "metric" (metric.name) is missing');
    expect(error.message).toContain("filter ispresent(metric)");
  });

  it("rejects a dimension value that is empty or whitespace only, naming the row and value", () => {
    const error = failure(() =>
      toDatums([row({ metric: "m", count: "1", binStart: String(T0), domain: "  " })], mapping({ dimensions: { Domain: "{domain}" } })),
    );
    expect(error.message).toMatch(/result row 1: dimension Domain \("\{domain\}"\) is "  ": CloudWatch needs at least one non-whitespace character/);
  });

  it("cuts long names to 255 characters and sanitises non-ASCII names", () => {
    const datums = toDatums([row({ metric: `é${"x".repeat(300)}`, count: "1", binStart: String(T0) })], mapping());
    expect(datums[0]!.name).toHaveLength(255);
    expect(datums[0]!.name.startsWith("%C3%A9x")).toBe(true);
  });
});
