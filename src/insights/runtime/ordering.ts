// Sort keys and the comparator shared by `sort`, the non-stats row retention and dedup.
// Ties keep arrival order, so results are deterministic for a given push order.
import type { Evaluator } from "../compile/compiled.js";
import { compareKey } from "./natural-order.js";
import type { Rec, Value } from "./values.js";

export interface OrderKey {
  readonly eval: Evaluator;
  readonly descending: boolean;
}

export interface Ranked {
  readonly rec: Rec;
  readonly keys: readonly Value[];
  readonly seq: number;
}

export function rank(rec: Rec, order: readonly OrderKey[], seq: number): Ranked {
  const keys = order.length === 1 ? [(order[0] as OrderKey).eval(rec)] : order.map((k) => k.eval(rec));
  return { rec, keys, seq };
}

export function rankedComparator(order: readonly OrderKey[]): (a: Ranked, b: Ranked) => number {
  const descending = order.map((k) => k.descending);
  return (a, b) => {
    for (let i = 0; i < descending.length; i++) {
      const c = compareKey(a.keys[i] ?? null, b.keys[i] ?? null, descending[i] as boolean);
      if (c !== 0) return c;
    }
    return a.seq - b.seq;
  };
}

/** A stable sort of records by the keys. */
export function sortRecords(rows: readonly Rec[], order: readonly OrderKey[]): Rec[] {
  const compare = rankedComparator(order);
  return rows
    .map((rec, seq) => rank(rec, order, seq))
    .sort(compare)
    .map((r) => r.rec);
}
