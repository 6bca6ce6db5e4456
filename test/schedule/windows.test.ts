import { describe, expect, it } from "vitest";
import { halve, lastDueEnd, runRange } from "../../src/schedule/windows.js";

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

describe(runRange.name, () => {
  it("publishes only the last due window on a first run", () => {
    const { range, skipped } = runRange(null, at("2026-11-28T12:10:00Z"), settings);
    expect(range).toEqual({ from: at("2026-11-28T12:00:00Z"), to: at("2026-11-28T12:05:00Z") });
    expect(skipped).toBeNull();
  });

  it("continues from the last published window", () => {
    const { range } = runRange(at("2026-11-28T11:40:00Z"), at("2026-11-28T12:10:00Z"), settings);
    expect(range).toEqual({ from: at("2026-11-28T11:40:00Z"), to: at("2026-11-28T12:05:00Z") });
  });

  it("publishes nothing when no new window is due", () => {
    const { range } = runRange(at("2026-11-28T12:05:00Z"), at("2026-11-28T12:14:59Z"), settings);
    expect(range.from).toBe(range.to);
  });

  it("skips (and reports) what lies beyond maxCatchUp", () => {
    const { range, skipped } = runRange(at("2026-11-28T09:00:00Z"), at("2026-11-28T12:10:00Z"), settings);
    expect(range).toEqual({ from: at("2026-11-28T11:05:00Z"), to: at("2026-11-28T12:05:00Z") });
    expect(skipped).toEqual({ from: at("2026-11-28T09:00:00Z"), to: at("2026-11-28T11:05:00Z") });
  });

  it("starts at startAt when there is no state", () => {
    const { range } = runRange(null, at("2026-11-28T12:10:00Z"), { ...settings, startAt: at("2026-11-28T11:32:10Z") });
    expect(range.from).toBe(at("2026-11-28T11:30:00Z"));
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
