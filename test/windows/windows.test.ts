import { describe, expect, it } from "vitest";
import { catchUpStart, halve, lastDueEnd, oldestBackfillable, oldestPublishable } from "../../src/windows/windows.js";

const M = 60_000;
const at = (iso: string) => Date.parse(iso);
const settings = { period: 5 * M, lag: 5 * M, maxCatchUp: 60 * M };

describe(lastDueEnd.name, () => {
  it("makes a window due only once its end plus the lag has passed", () => {
    // 12:09:59 minus 5 min lag = 12:04:59 → the last closed window ends 12:00.
    expect(lastDueEnd(at("2026-11-28T12:09:59Z"), settings)).toBe(at("2026-11-28T12:00:00Z"));
    expect(lastDueEnd(at("2026-11-28T12:10:00Z"), settings)).toBe(at("2026-11-28T12:05:00Z"));
  });
});

describe(catchUpStart.name, () => {
  it("reaches maxCatchUp back from the newest due window, and at least one window", () => {
    expect(catchUpStart(at("2026-11-28T12:05:00Z"), settings)).toBe(at("2026-11-28T11:05:00Z"));
    expect(catchUpStart(at("2026-11-28T12:05:00Z"), { ...settings, maxCatchUp: M })).toBe(at("2026-11-28T12:00:00Z"));
  });
});

describe(oldestPublishable.name, () => {
  it("is what a backfill started an hour later may still publish: the line run and state show draw between holes and lost windows", () => {
    const now = at("2026-11-28T12:02:00Z");
    expect(oldestPublishable(now, 5 * M)).toBe(oldestBackfillable(now + 60 * M, 5 * M));
    // Two weeks less the backfill's hour in hand, an hour later: 13 days 22 hours back, rounded up to a window.
    expect(oldestPublishable(now, 5 * M)).toBe(at("2026-11-14T14:05:00Z"));
  });
});

describe(halve.name, () => {
  it("cuts on a window boundary and refuses a single window", () => {
    expect(halve({ from: 0, to: 3 * 5 * M }, 5 * M)).toEqual([
      { from: 0, to: 5 * M },
      { from: 5 * M, to: 15 * M },
    ]);
    expect(halve({ from: 0, to: 5 * M }, 5 * M)).toBeNull();
  });
});
