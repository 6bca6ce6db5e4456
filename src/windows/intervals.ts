// Sets of half-open time ranges [from, to) in epoch ms, kept sorted and merged. The state file
// records what is owed, published and lost as such sets, so holes (skipped catch-up, a backfill cut
// short, windows that aged out) stay visible and backfill can publish exactly them.
import { isoTime } from "../util/iso-time.js";

export interface Interval {
  readonly from: number;
  readonly to: number;
}

/** The union of `set` and `add`, sorted and merged (touching ranges join). */
export function addInterval(set: readonly Interval[], add: Interval): Interval[] {
  if (add.to <= add.from) return [...set];
  const out: Interval[] = [];
  let merged = add;
  for (const range of set) {
    if (range.to < merged.from || range.from > merged.to) out.push(range);
    else merged = { from: Math.min(range.from, merged.from), to: Math.max(range.to, merged.to) };
  }
  out.push(merged);
  return out.sort((a, b) => a.from - b.from);
}

/** The union of any ranges, as one sorted, merged set. */
export function unionOf(...sets: readonly (readonly Interval[])[]): Interval[] {
  return sets.flat().reduce<Interval[]>(addInterval, []);
}

/** The parts of `range` not covered by `set` (sorted and merged), in order. */
export function subtractIntervals(range: Interval, set: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let cursor = range.from;
  for (const covered of set) {
    if (covered.to <= cursor || covered.from >= range.to) continue;
    if (covered.from > cursor) out.push({ from: cursor, to: covered.from });
    cursor = Math.max(cursor, covered.to);
  }
  if (cursor < range.to) out.push({ from: cursor, to: range.to });
  return out;
}

/** The parts of the set `set` not covered by the set `remove` (both sorted and merged). */
export function minusIntervals(set: readonly Interval[], remove: readonly Interval[]): Interval[] {
  return set.flatMap((range) => subtractIntervals(range, remove));
}

/** The parts of the set `set` within `range`. */
export function clipIntervals(set: readonly Interval[], range: Interval): Interval[] {
  return set.map((r) => ({ from: Math.max(r.from, range.from), to: Math.min(r.to, range.to) })).filter((r) => r.from < r.to);
}

/** How many `period`-long windows the set holds. */
export function windowCount(set: readonly Interval[], period: number): number {
  return set.reduce((sum, range) => sum + (range.to - range.from) / period, 0);
}

export function formatInterval(range: Interval): string {
  return `${isoTime(range.from)}–${isoTime(range.to)}`;
}
