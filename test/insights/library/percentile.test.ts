import { describe, expect, it } from "vitest";
import { Percentile } from "../../../src/insights/library/percentile.js";

function pct(percent: number, values: readonly number[]): number {
  const p = new Percentile(percent);
  for (const v of values) p.add(v);
  return p.result() as number;
}

/** 1..n (plus offset) in a fixed scrambled order: i * 7919 mod n is a permutation as 7919 is prime. */
function scrambled(n: number, offset = 0): number[] {
  return Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 1 + offset);
}

describe(Percentile.name, () => {
  it("is exact by nearest rank for small groups", () => {
    expect(pct(50, [4, 1, 3, 2])).toBe(2);
    expect(pct(95, scrambled(1000))).toBe(950);
    expect(pct(0, [5, 3])).toBe(3);
  });

  it.each([50, 90, 99, 100])("stays within 1%% of the exact p%i for large groups", (percent) => {
    const values = scrambled(100_000);
    const exact = Math.ceil((percent / 100) * 100_000);
    expect(Math.abs(pct(percent, values) - exact) / exact).toBeLessThanOrEqual(0.01);
  });

  it("handles negative values and zeros in the sketch", () => {
    const values = scrambled(20_000, -10_001); // -10000 .. 9999
    expect(Math.abs(pct(25, values) - -5001) / 5001).toBeLessThanOrEqual(0.01);
    const withZeros = [...values, ...new Array<number>(30_000).fill(0)];
    expect(pct(50, withZeros)).toBe(0);
  });

  it("gives the value at the rank where the rank ends exactly at a bucket, at zero or between signs", () => {
    // 300 negatives, 300 zeros, 600 positives, each non-zero value 5% from the next (a bucket of
    // its own): p25 is the last negative, p50 the last zero, p75 the 300th positive.
    const step = (k: number) => 1.05 ** k;
    const negatives = Array.from({ length: 300 }, (_, k) => -step(k + 1));
    const positives = Array.from({ length: 600 }, (_, k) => step(k + 1));
    const values = [...positives, ...new Array<number>(300).fill(0), ...negatives];
    const near = (got: number, want: number) => expect(Math.abs(got - want) / Math.abs(want)).toBeLessThanOrEqual(0.01);
    near(pct(25, values), -step(1));
    expect(pct(50, values)).toBe(0);
    near(pct(75, values), step(300));
  });

  it("skips non-numeric values", () => {
    const p = new Percentile(50);
    p.add("x");
    p.add(null);
    expect(p.result()).toBeNull();
    p.add("7");
    expect(p.result()).toBe(7);
  });
});
