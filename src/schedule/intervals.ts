// Sets of half-open time ranges [from, to) in epoch ms, kept sorted and merged. The state file
// records what is published as such a set, so holes (skipped catch-up, windows before the first
// run) stay visible and backfill can publish exactly them.
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

/** The parts of `range` not covered by `set`, in order. */
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

export function formatInterval(range: Interval): string {
  return `${isoTime(range.from)}–${isoTime(range.to)}`;
}

