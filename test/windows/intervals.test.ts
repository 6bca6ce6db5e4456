import { describe, expect, it } from "vitest";
import { addInterval, subtractIntervals } from "../../src/windows/intervals.js";

const r = (from: number, to: number) => ({ from, to });

describe(addInterval.name, () => {
  it("merges touching and overlapping ranges and keeps holes", () => {
    let set = addInterval([], r(10, 20));
    set = addInterval(set, r(30, 40));
    expect(set).toEqual([r(10, 20), r(30, 40)]);
    set = addInterval(set, r(20, 25));
    expect(set).toEqual([r(10, 25), r(30, 40)]);
    set = addInterval(set, r(24, 31));
    expect(set).toEqual([r(10, 40)]);
  });

  it("ignores empty ranges", () => {
    expect(addInterval([r(1, 2)], r(5, 5))).toEqual([r(1, 2)]);
  });
});

describe(subtractIntervals.name, () => {
  it("returns the parts of a range not yet covered, in order", () => {
    expect(subtractIntervals(r(0, 100), [r(10, 20), r(50, 60)])).toEqual([r(0, 10), r(20, 50), r(60, 100)]);
    expect(subtractIntervals(r(10, 20), [r(0, 100)])).toEqual([]);
    expect(subtractIntervals(r(10, 20), [])).toEqual([r(10, 20)]);
  });
});
