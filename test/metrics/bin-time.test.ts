import { describe, expect, it } from "vitest";
import { parseBinTime } from "../../src/metrics/bin-time.js";

describe(parseBinTime.name, () => {
  it.each([
    ["2026-11-28 23:45:00.000", Date.UTC(2026, 10, 28, 23, 45)],
    ["2026-11-28 23:45:00", Date.UTC(2026, 10, 28, 23, 45)],
    ["2026-11-28 23:45:00.5", Date.UTC(2026, 10, 28, 23, 45, 0, 500)],
    ["2026-11-28T23:45:00.250Z", Date.UTC(2026, 10, 28, 23, 45, 0, 250)],
    ["1795909500000", 1795909500000],
  ])("reads %s as UTC", (text, ms) => {
    expect(parseBinTime(text)).toBe(ms);
  });

  // Month 13 or 00, minute 60 and second 60 roll over in Date.UTC without changing the day of the
  // month: each is refused by its own check alone.
  it.each([
    "",
    "yesterday",
    "2026-02-30 00:00:00.000",
    "2026-11-28 24:00:00.000",
    "2026-13-15 00:00:00.000",
    "2026-00-15 00:00:00.000",
    "2026-11-28 10:60:00.000",
    "2026-11-28 10:14:60.000",
    "2026-11-28 23:45",
    "-5",
    "12.5",
  ])("rejects %j", (text) => {
    expect(parseBinTime(text)).toBeUndefined();
  });
});
