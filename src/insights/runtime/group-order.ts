// A Grouper's groups in the documented order (grouper.ts), as columns: one array per `by` key and
// one of accumulator slots, so a finished stats holds a pointer per group and key rather than an
// object per group. The groups' `by` values are the keys of the nested Maps that found them: no
// group keeps its own copy (180,000 groups kept theirs in ~45 MB; bench/RESULTS.md).
import type { Accumulator } from "../library/aggregates.js";
import { compareKey } from "./natural-order.js";
import type { Value } from "./values.js";

/** A group's accumulators: the one itself when the stats has one aggregate, else one per aggregate. */
export type Slot = Accumulator | Accumulator[];

/** Groups by their first `by` value, then by the next, down to the slots. */
export type Level = Map<Value, Level | Slot>;

export interface GroupColumns {
  /** keys[k][i]: the k-th `by` value of group i. */
  readonly keys: Value[][];
  readonly slots: Slot[];
}

const ascending = (a: Value, b: Value) => compareKey(a, b, false);

/**
 * By the `by` values in order, ascending. Each level's keys sorted, depth first, is that order when
 * no two keys of a level tie; when some do (1 and "1", which sort as equals) or one is NaN (which
 * compares with nothing), the whole groups are sorted instead, stably in the order they were found.
 */
export function orderedGroups(root: Level, depth: number): GroupColumns {
  const columns = (): GroupColumns => ({ keys: Array.from({ length: depth }, () => []), slots: [] });
  const byLevel = columns();
  if (walkSorted(root, depth, [], byLevel)) return byLevel;
  const found: { keys: Value[]; slot: Slot }[] = [];
  walkFound(root, depth, [], found);
  found.sort((a, b) => {
    for (let k = 0; k < depth; k++) {
      const c = ascending(a.keys[k] as Value, b.keys[k] as Value);
      if (c !== 0) return c;
    }
    return 0;
  });
  const sorted = columns();
  for (const group of found) add(sorted, group.keys, group.slot);
  return sorted;
}

function walkSorted(level: Level, depth: number, path: Value[], out: GroupColumns): boolean {
  const keys = [...level.keys()];
  if (keys.some((key) => typeof key === "number" && Number.isNaN(key))) return false;
  keys.sort(ascending);
  for (let i = 1; i < keys.length; i++) if (ascending(keys[i - 1] as Value, keys[i] as Value) === 0) return false;
  for (const key of keys) {
    path.push(key);
    const child = level.get(key) as Level | Slot;
    if (depth === 1) add(out, path, child as Slot);
    else if (!walkSorted(child as Level, depth - 1, path, out)) return false;
    path.pop();
  }
  return true;
}

/** Every group with its `by` values, in the order the groups were found. */
function walkFound(level: Level, depth: number, path: Value[], out: { keys: Value[]; slot: Slot }[]): void {
  for (const [key, child] of level) {
    path.push(key);
    if (depth === 1) out.push({ keys: [...path], slot: child as Slot });
    else walkFound(child as Level, depth - 1, path, out);
    path.pop();
  }
}

function add(columns: GroupColumns, keys: readonly Value[], slot: Slot): void {
  for (let k = 0; k < keys.length; k++) (columns.keys[k] as Value[]).push(keys[k] as Value);
  columns.slots.push(slot);
}
