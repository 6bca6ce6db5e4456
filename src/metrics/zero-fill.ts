// Zero-fill, the one rule: each of a mapping's zeroFill names is published as 0 in every bin of the
// range a read covered (at the query's bin() period) where it has no datum. A run's range is its
// windows; an open-ended read (`query` without --from/--to, a stateless run from the first event)
// covers the span of its events. The bins are aligned to the epoch like Logs Insights' bin().
import { UsageError } from "../errors.js";
import type { Datum } from "./datum.js";

const MAX_BINS = 300_000; // almost 3 years of 5-minute bins

/** Starts of the `period`-long bins that overlap [start, end). */
export function binStarts(start: number, end: number, period: number): number[] {
  const first = Math.floor(start / period) * period;
  const count = Math.max(0, Math.ceil((end - first) / period));
  if (count > MAX_BINS) {
    throw new UsageError(
      `the time range holds ${count} bins of ${period / 1000}s; zero-filling more than ${MAX_BINS} is refused, narrow it with --from/--to`,
    );
  }
  return Array.from({ length: count }, (_, index) => first + index * period);
}

/** The bins where zeroFill `names` get their 0: those of `range` at `binPeriod`; none without names, a bin() or a range. */
export function zeroFillBins(
  names: readonly string[],
  binPeriod: number | undefined,
  range: { readonly from: number; readonly to: number } | undefined,
): number[] {
  if (names.length === 0 || binPeriod === undefined || range === undefined) return [];
  return binStarts(range.from, range.to, binPeriod);
}

/**
 * The zero datums to add: for each bin, each name in `names` that has no datum at that bin.
 * Zero-filled names take static dimensions only (config rule zeroFillIsStatic), so the name and bin
 * identify the series.
 */
export function zeroFill(
  datums: readonly Datum[],
  names: readonly string[],
  bins: readonly number[],
  make: (name: string, timestamp: number) => Datum,
): Datum[] {
  if (names.length === 0 || bins.length === 0) return [];
  const present = new Set(datums.map((datum) => `${datum.timestamp}\u0000${datum.name}`));
  const zeros: Datum[] = [];
  for (const timestamp of bins) {
    for (const name of names) {
      if (!present.has(`${timestamp}\u0000${name}`)) zeros.push(make(name, timestamp));
    }
  }
  return zeros;
}
