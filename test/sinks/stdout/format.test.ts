import { describe, expect, it } from "vitest";
import { chooseFormat, formatDatums } from "../../../src/sinks/stdout/format.js";
import { isoTime } from "../../../src/util/iso-time.js";
import type { Datum } from "../../../src/metrics/datum.js";

const T = Date.UTC(2026, 10, 28, 23, 45);
const datums: Datum[] = [
  { name: "550-5_7_26", timestamp: T, value: 3, unit: "Count", dimensions: {} },
  { name: "deferred-4_4_1", timestamp: T + 300_000, value: 12, unit: "Count", dimensions: { Relay: "mx-1", Site: "fra" } },
];

describe(isoTime.name, () => {
  it("writes UTC with Z, and milliseconds only when there are some", () => {
    expect(isoTime(T)).toBe("2026-11-28T23:45:00Z");
    expect(isoTime(T + 250)).toBe("2026-11-28T23:45:00.250Z");
  });
});

describe(chooseFormat.name, () => {
  it("defaults to table on a terminal and ndjson elsewhere; an explicit choice wins", () => {
    expect(chooseFormat(undefined, true)).toBe("table");
    expect(chooseFormat(undefined, false)).toBe("ndjson");
    expect(chooseFormat("json", true)).toBe("json");
  });
});

describe(formatDatums.name, () => {
  it("ndjson: one object per line with name, timestamp, value, unit, dimensions", () => {
    const lines = formatDatums(datums, "ndjson").trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      '{"name":"deferred-4_4_1","timestamp":"2026-11-28T23:50:00Z","value":12,"unit":"Count","dimensions":{"Relay":"mx-1","Site":"fra"}}',
    );
    expect(formatDatums([], "ndjson")).toBe("");
  });

  it("json: one array of the same objects", () => {
    const parsed = JSON.parse(formatDatums(datums, "json"));
    expect(parsed).toEqual([
      { name: "550-5_7_26", timestamp: "2026-11-28T23:45:00Z", value: 3, unit: "Count", dimensions: {} },
      { name: "deferred-4_4_1", timestamp: "2026-11-28T23:50:00Z", value: 12, unit: "Count", dimensions: { Relay: "mx-1", Site: "fra" } },
    ]);
    expect(JSON.parse(formatDatums([], "json"))).toEqual([]);
  });

  it("table: aligned columns, values right-aligned, and a total line", () => {
    const lines = formatDatums(datums, "table").trimEnd().split("\n");
    expect(lines[0]).toMatch(/^TIME \(UTC\)\s+METRIC\s+VALUE\s+UNIT\s+DIMENSIONS$/);
    expect(lines[1]).toMatch(/^2026-11-28T23:45:00Z\s+550-5_7_26\s+3\s+Count$/);
    expect(lines[2]).toMatch(/^2026-11-28T23:50:00Z\s+deferred-4_4_1\s+12\s+Count\s+Relay=mx-1, Site=fra$/);
    expect(lines[1]!.indexOf("550")).toBe(lines[2]!.indexOf("deferred"));
    expect(lines[1]!.indexOf("Count")).toBe(lines[2]!.indexOf("Count"));
    expect(lines[1]!.indexOf("3 ") + 1).toBe(lines[2]!.indexOf("12 ") + 2);
    expect(lines[3]).toBe("total: 2 datums, values sum to 15");
  });
});
