import { describe, expect, it } from "vitest";
import { AGGREGATES } from "../../../src/insights/library/aggregates.js";
import { slotName, type StatsPlan } from "../../../src/insights/compile/stats-plan.js";
import { Grouper } from "../../../src/insights/runtime/grouper.js";
import type { Rec, Value } from "../../../src/insights/runtime/values.js";
import { prng } from "../../support/prng.js";

/** `stats count(*) as n by k0, k1, …` over records holding the keys as fields k0, k1, …. */
function countBy(depth: number): StatsPlan {
  const by = Array.from({ length: depth }, (_, k) => ({
    name: `k${k}`,
    eval: (r: Rec) => r[`k${k}`] ?? null,
    kind: "value" as const,
    period: null,
  }));
  return {
    by,
    aggregates: [{ create: () => AGGREGATES.count!.create(null), arg: null }],
    items: [{ name: "n", eval: (slots: Rec) => slots[slotName(0)] ?? null, kind: "value" }],
  };
}

// Keys a Map tells apart by SameValueZero while `===` or printing would not (NaN, 1 and "1"), or
// tells together while `===` would too (0 and -0).
const POOL: readonly Value[] = [Number.NaN, 0, -0, 1, "1", "0", true, false, null, "", "a", 1.5, 1_764_806_400_000];

/** The key of a group as a Map sees it: NaN is one key, 0 and -0 one, 1 and "1" two. */
const id = (keys: readonly Value[]) =>
  JSON.stringify(keys.map((key) => (typeof key === "number" && Number.isNaN(key) ? "NaN" : [typeof key, Object.is(key, -0) ? 0 : key])));

describe(Grouper.name, () => {
  it("counts each group as a Map of its keys would, whether a record repeats the last one's keys or not", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = prng(seed);
      const depth = 1 + Math.floor(next() * 3);
      const grouper = new Grouper(countBy(depth));
      const expected = new Map<string, number>();
      let keys: Value[] = [];
      for (let i = 0; i < 200; i++) {
        // Runs of records in one group (the last lookup remembered), and changes at any level.
        keys = keys.map((key) => (next() < 0.6 ? key : (POOL[Math.floor(next() * POOL.length)] as Value)));
        if (keys.length === 0) keys = Array.from({ length: depth }, () => POOL[Math.floor(next() * POOL.length)] as Value);
        const record: Rec = Object.fromEntries(keys.map((key, k) => [`k${k}`, key]));
        grouper.add(record);
        expected.set(id(keys), (expected.get(id(keys)) ?? 0) + 1);
      }
      const table = grouper.finish();
      const counted = new Map<string, number>();
      for (let i = 0; i < table.length; i++) {
        const row = table.at(i)!;
        const rowKeys = Array.from({ length: depth }, (_, k) => row[`k${k}`] as Value);
        expect(counted.has(id(rowKeys)), `seed ${seed}: one row per group`).toBe(false);
        counted.set(id(rowKeys), row.n as number);
      }
      expect(counted, `seed ${seed}`).toEqual(expected);
    }
  });
});
