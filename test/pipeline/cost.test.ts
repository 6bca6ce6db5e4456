// What a run's summary says Logs Insights scanned and what that costs: bytes in decimal units (as
// AWS bills them, per GB) and dollars at $0.005 per GB, never "$0.0000" for a scan that cost something.
import { describe, expect, it } from "vitest";
import { formatBytes, formatScanCost } from "../../src/pipeline/cost.js";

describe(formatBytes.name, () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1_000, "1.0 KB"],
    [1_500_000, "1.5 MB"],
    [2_540_000_000, "2.5 GB"],
    [3_000_000_000_000, "3.0 TB"],
    [5_000_000_000_000_000, "5000.0 TB"],
  ])("%i bytes: %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe(formatScanCost.name, () => {
  it.each([
    [0, "0 B scanned (~$0)"],
    [1_000, "1.0 KB scanned (~$<0.0001)"],
    [19_999_999, "20.0 MB scanned (~$<0.0001)"],
    [20_000_000, "20.0 MB scanned (~$0.0001)"],
    [3_000_000_000, "3.0 GB scanned (~$0.0150)"],
  ])("%i bytes: %s", (bytes, text) => {
    expect(formatScanCost(bytes)).toBe(text);
  });
});
