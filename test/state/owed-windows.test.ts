import { describe, expect, it } from "vitest";
import { earlierDefinitions, newlyLost, runStart, splitOwed, unsettledOwed } from "../../src/state/owed-windows.js";
import { emptySeries, owe, type SeriesState } from "../../src/state/series.js";

const M = 60_000;
const at = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00Z`);
const r = (from: string, to: string) => ({ from: at(from), to: at(to) });
const settings = { period: 5 * M, lag: 5 * M, maxCatchUp: 60 * M };
const series = (patch: Partial<SeriesState> = {}): SeriesState => ({ ...emptySeries("q", "a"), ...patch });
const NO_EARLIER = earlierDefinitions([]);

describe(runStart.name, () => {
  it("starts a query's first series with the newest due window, or at startAt", () => {
    expect(runStart(series(), NO_EARLIER, settings, at("12:05"))).toBe(at("12:00"));
    expect(runStart(series(), NO_EARLIER, { ...settings, startAt: at("11:32") + 10_000 }, at("12:05"))).toBe(at("11:30"));
  });

  it("continues after the newest window the series owes, published or not: a series begins once", () => {
    // The first run owed 12:00-12:05 and its query failed: nothing published, yet the next run starts there.
    expect(runStart(owe(series(), r("12:00", "12:05")), NO_EARLIER, settings, at("12:20"))).toBe(at("12:05"));
    expect(runStart(series({ published: [r("10:00", "11:00")] }), NO_EARLIER, { ...settings, startAt: at("09:00") }, at("12:00"))).toBe(
      at("11:00"),
    );
  });

  it("starts a new definition after the earlier ones' newest window, unless startAt lies later", () => {
    const earlier = earlierDefinitions([{ ...owe(series(), r("11:00", "11:30")), identity: "old" }]);
    expect(runStart(series(), earlier, settings, at("12:05"))).toBe(at("11:30"));
    expect(runStart(series(), earlier, { ...settings, startAt: at("11:00") }, at("12:05"))).toBe(at("11:30"));
    expect(runStart(series(), earlier, { ...settings, startAt: at("11:45") }, at("12:05"))).toBe(at("11:45"));
  });
});

describe(unsettledOwed.name, () => {
  it("is what the query owes across its definitions, less what any of them published, lost or began to publish", () => {
    const old = { ...owe(series({ published: [r("10:00", "10:30")], lost: [r("10:30", "10:35")] }), r("10:00", "11:00")), identity: "old" };
    const own = owe(series({ published: [r("11:10", "11:20")] }), r("11:00", "12:00"));
    const planned = { ...own, plan: { range: r("11:40", "11:50"), datums: [], batchEnds: [], done: 0, inFlight: null } };
    expect(unsettledOwed(planned, earlierDefinitions([old]))).toEqual([r("10:35", "11:10"), r("11:20", "11:40"), r("11:50", "12:00")]);
  });
});

describe(splitOwed.name, () => {
  it("publishes within maxCatchUp, leaves older windows to backfill, and calls lost what is older than can be published", () => {
    const split = splitOwed([r("08:00", "10:00"), r("10:30", "12:05")], at("12:05"), settings, at("09:00"));
    expect(split).toEqual({ due: [r("11:05", "12:05")], holes: [r("09:00", "10:00"), r("10:30", "11:05")], lost: [r("08:00", "09:00")] });
  });

  it("gives no empty range where owed windows end exactly at a boundary: nothing due, no hole of 0 windows", () => {
    expect(splitOwed([r("10:00", "11:05")], at("12:05"), settings, at("10:00"))).toEqual({
      due: [],
      holes: [r("10:00", "11:05")],
      lost: [],
    });
  });

  it("loses nothing where the destination takes any age", () => {
    expect(splitOwed([r("08:00", "12:05")], at("12:05"), settings, undefined).lost).toEqual([]);
  });
});

describe(newlyLost.name, () => {
  it("reports a lost range that reaches none lost before, and not one that extends a range lost before", () => {
    const before = [r("08:00", "08:30")];
    expect(newlyLost([r("08:00", "08:40"), r("09:00", "09:10")], before)).toEqual([r("09:00", "09:10")]);
    expect(newlyLost([r("07:00", "07:10")], before)).toEqual([r("07:00", "07:10")]);
    // Touching a range lost before, at either end, extends it.
    expect(newlyLost([r("07:50", "08:00"), r("08:30", "08:35")], before)).toEqual([]);
  });
});

describe(earlierDefinitions.name, () => {
  it("has no frontier when no earlier definition began, so the new one starts as a first series does", () => {
    const never = { ...series(), identity: "old" };
    expect(earlierDefinitions([never])).toEqual({ owed: [], settled: [], frontier: null, reported: [] });
    expect(runStart(series(), earlierDefinitions([never]), settings, at("12:05"))).toBe(at("12:00"));
  });
});
