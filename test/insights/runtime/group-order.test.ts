import { describe, expect, it } from "vitest";
import type { Accumulator } from "../../../src/insights/library/aggregates.js";
import { orderedGroups, type Level, type Slot } from "../../../src/insights/runtime/group-order.js";
import { compareKey } from "../../../src/insights/runtime/natural-order.js";
import type { Value } from "../../../src/insights/runtime/values.js";
import { prng } from "../../support/prng.js";

/** A slot that says which group it is. */
const slot = (id: number): Slot => ({ add: () => {}, result: () => id }) as Accumulator;

/**
 * The order before group-order.ts: every group with its keys, collected depth first from the Maps
 * (each in insertion order), then sorted stably as a whole.
 */
function referenceOrder(groups: readonly { keys: Value[]; id: number }[]): number[] {
  const collected: { keys: Value[]; id: number }[] = [];
  const collect = (level: Level, path: Value[]) => {
    for (const [key, child] of level) {
      if (child instanceof Map) collect(child, [...path, key]);
      else collected.push({ keys: [...path, key], id: (child as Accumulator).result() as number });
    }
  };
  collect(levels(groups), []);
  return collected
    .sort((a, b) => {
      for (let k = 0; k < a.keys.length; k++) {
        const c = compareKey(a.keys[k] ?? null, b.keys[k] ?? null, false);
        if (c !== 0) return c;
      }
      return 0;
    })
    .map((group) => group.id);
}

/** Nested Maps as a Grouper fills them, from groups in the order they are found. */
function levels(groups: readonly { keys: Value[]; id: number }[]): Level {
  const root: Level = new Map();
  for (const { keys, id } of groups) {
    let level = root;
    for (const key of keys.slice(0, -1)) {
      if (!level.has(key)) level.set(key, new Map());
      level = level.get(key) as Level;
    }
    level.set(keys.at(-1) as Value, slot(id));
  }
  return root;
}

// Values that sort as equals (1, "1", true), that compare with nothing (NaN), numeric strings
// written differently ("01"), natural-order strings, null.
const POOLS: Record<string, readonly Value[]> = {
  distinct: ["b", "a10", "a9", "a", 3, 20, -1, 1.5, "1e3", "01", null, "Z", ""],
  ties: [1, "1", true, 0, false, "0", "a", null, 2, "2.0"],
  nan: [Number.NaN, 1, "x", null, Number.NaN, 2],
};

function groupsOf(pool: readonly Value[], depth: number, count: number, next: () => number) {
  const seen = new Set<string>();
  const groups: { keys: Value[]; id: number }[] = [];
  for (let tries = 0; groups.length < count && tries < count * 20; tries++) {
    const keys = Array.from({ length: depth }, () => pool[Math.floor(next() * pool.length)] as Value);
    // One group per combination as a Map sees it (SameValueZero: NaN is one key, 1 and "1" two).
    const id = JSON.stringify(keys.map((key) => (typeof key === "number" && Number.isNaN(key) ? "NaN" : [typeof key, key])));
    if (seen.has(id)) continue;
    seen.add(id);
    groups.push({ keys, id: groups.length });
  }
  return groups;
}

describe(orderedGroups.name, () => {
  it.each(Object.keys(POOLS))("gives the order of a stable sort of whole groups, by keys from the %s pool", (pool) => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = prng(seed);
      const depth = 1 + Math.floor(next() * 3);
      const groups = groupsOf(POOLS[pool]!, depth, 1 + Math.floor(next() * 40), next);
      const { keys, slots } = orderedGroups(levels(groups), depth);
      const ids = slots.map((s) => (s as Accumulator).result() as number);
      expect(ids, `seed ${seed}`).toEqual(referenceOrder(groups));
      // Each group's keys come back in its own row.
      ids.forEach((id, i) =>
        expect(
          keys.map((column) => column[i]),
          `seed ${seed}`,
        ).toEqual(groups[id]!.keys),
      );
    }
  });

  it("holds one column per by key and one slot per group", () => {
    const groups = [
      { keys: ["b", 2], id: 0 },
      { keys: ["a", 2], id: 1 },
      { keys: ["b", 1], id: 2 },
    ];
    const { keys, slots } = orderedGroups(levels(groups), 2);
    expect(keys).toEqual([
      ["a", "b", "b"],
      [2, 1, 2],
    ]);
    expect(slots.map((s) => (s as Accumulator).result())).toEqual([1, 2, 0]);
  });
});
