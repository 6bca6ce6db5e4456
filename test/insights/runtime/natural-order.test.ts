// The order of `sort` (and of stats groups, min/max, dedup's "first") as natural-order.ts documents
// it, checked on every pair: a comparator that is wrong for one pair, or not antisymmetric, can
// still sort one list right by chance, so golden cases alone do not pin it.
import { describe, expect, it } from "vitest";
import { compareKey, compareValues } from "../../../src/insights/runtime/natural-order.js";
import type { Value } from "../../../src/insights/runtime/values.js";

/** Strictly ascending: every non-number, then every number (numbers, booleans, numeric strings). */
const ASCENDING: readonly Value[] = [
  "",
  "!:",
  "#",
  "1a",
  "@",
  "A",
  "a",
  "a1",
  "a1b",
  "a2",
  "a9",
  "a10",
  "a11",
  "a12",
  "a011",
  "ab",
  "abc",
  "b",
  "false",
  "true",
  "x9y",
  "x10",
  -5,
  "-1.5",
  false,
  ".25",
  "0.5",
  true,
  "1.5",
  2,
  "1e1",
  "1E+2",
  1e21,
];

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : n === 0 ? 0 : Number.NaN);

describe(compareValues.name, () => {
  it("orders non-numbers naturally before numbers by value, on every pair", () => {
    const wrong: string[] = [];
    ASCENDING.forEach((a, i) =>
      ASCENDING.forEach((b, j) => {
        const got = sign(compareValues(a, b));
        if (got !== sign(i - j)) wrong.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: ${got}`);
      }),
    );
    expect(wrong).toEqual([]);
  });

  it.each<[Value, Value]>([
    [1, "1"],
    ["1", 1],
    [1, "1.0"],
    ["01", 1],
    [true, 1],
    [true, "1"],
    [false, 0],
    ["1", "1"],
    ["a1", "a1"],
  ])("ties %j with %j: the same number, or the same string", (a, b) => {
    expect(sign(compareValues(a, b))).toBe(0);
    expect(sign(compareValues(b, a))).toBe(0);
  });

  it("orders equal numeric strings written differently by code unit, as the doc lists 01 before 1", () => {
    expect(sign(compareValues("01", "1"))).toBe(-1);
    expect(sign(compareValues("1", "01"))).toBe(1);
    expect(sign(compareValues("1", "1.0"))).toBe(-1);
  });
});

describe(compareKey.name, () => {
  it("puts null last in both directions and ties two nulls", () => {
    expect(sign(compareKey(null, "a", false))).toBe(1);
    expect(sign(compareKey("a", null, false))).toBe(-1);
    expect(sign(compareKey(null, "a", true))).toBe(1);
    expect(sign(compareKey("a", null, true))).toBe(-1);
    expect(compareKey(null, null, false)).toBe(0);
    expect(compareKey(null, null, true)).toBe(0);
  });

  it("reverses the order of values when descending", () => {
    expect(sign(compareKey("a9", "a10", true))).toBe(1);
    expect(sign(compareKey(2, "x", true))).toBe(-1);
  });
});
