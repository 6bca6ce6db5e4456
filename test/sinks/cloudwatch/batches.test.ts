import { describe, expect, it } from "vitest";
import type { Datum } from "../../../src/metrics/datum.js";
import { batchEnds, MAX_BODY_BYTES, wireSize } from "../../../src/sinks/cloudwatch/batches.js";

const datum = (i: number, dimensionValue = "mx-1"): Datum => ({
  name: `550-5_7_${i % 100}`,
  timestamp: Date.parse("2026-11-28T12:00:00Z") + i * 300_000,
  value: i,
  unit: "Count",
  dimensions: { Relay: dimensionValue },
});

describe(batchEnds.name, () => {
  it("cuts at 1,000 datums a request", () => {
    const datums = Array.from({ length: 2_500 }, (_, i) => datum(i));
    expect(batchEnds(datums, 60)).toEqual([1_000, 2_000, 2_500]);
  });

  it("cuts earlier when 1 MB of body would be exceeded", () => {
    const big = "x".repeat(1_000);
    const datums = Array.from({ length: 1_000 }, (_, i) => datum(i, big));
    const ends = batchEnds(datums, 60);
    expect(ends.length).toBeGreaterThan(1);
    let start = 0;
    for (const end of ends) {
      const bytes = datums.slice(start, end).reduce((sum, d) => sum + wireSize(d, 60), 0);
      expect(bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
      start = end;
    }
    expect(ends.at(-1)).toBe(1_000);
  });

  it("keeps datums that reach the byte limit exactly in one request", () => {
    const datums = Array.from({ length: 10 }, (_, i) => datum(i));
    const bytes = datums.reduce((sum, d) => sum + wireSize(d, 60), 0);
    expect([batchEnds(datums, 60, bytes), batchEnds(datums, 60, bytes - 1)]).toEqual([[10], [9, 10]]);
  });

  it("sends a datum larger than the byte limit alone, never after an empty batch", () => {
    const datums = [datum(1), datum(2)];
    expect(batchEnds(datums, 60, 10)).toEqual([1, 2]);
  });

  it("gives no batch for no datums", () => {
    expect(batchEnds([], 60)).toEqual([]);
  });
});
