import { describe, expect, it } from "vitest";
import { DistinctCounter } from "../../../src/insights/library/distinct-counter.js";

function count(keys: Iterable<string>): number {
  const counter = new DistinctCounter();
  for (const k of keys) counter.add(k);
  return counter.size();
}

function* range(n: number, prefix: string): Generator<string> {
  for (let i = 0; i < n; i++) yield `${prefix}${i}`;
}

describe(DistinctCounter.name, () => {
  it("is exact up to 10,000 distinct values, duplicates included", () => {
    expect(count(["a", "b", "a"])).toBe(2);
    expect(count([...range(10_000, "q"), ...range(10_000, "q")])).toBe(10_000);
  });

  it.each([20_000, 100_000, 1_000_000])("estimates %i distinct values within 3%%", (n) => {
    expect(Math.abs(count(range(n, "queue-")) - n) / n).toBeLessThanOrEqual(0.03);
  });

  it("does not count repeats once it estimates", () => {
    const estimate = count([...range(50_000, "id"), ...range(50_000, "id")]);
    expect(Math.abs(estimate - 50_000) / 50_000).toBeLessThanOrEqual(0.03);
  });
});
