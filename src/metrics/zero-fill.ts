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

/** A series zero-fill completes: a name with dimensions that are the same for every one of its datums. */
export interface ZeroSeries {
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/**
 * The zero datums to add: for each bin, each series in `series` that has no datum at that bin.
 * A zero-filled series has static dimensions, or dimensions whose value table bounds their values
 * (config rule zeroFillIsStatic), so the name, dimensions and bin identify it.
 */
export function zeroFill(
  datums: readonly Datum[],
  series: readonly ZeroSeries[],
  bins: readonly number[],
  make: (series: ZeroSeries, timestamp: number) => Datum,
): Datum[] {
  if (series.length === 0 || bins.length === 0) return [];
  const keyOf = (timestamp: number, name: string, dimensions: Readonly<Record<string, string>>) =>
    JSON.stringify([timestamp, name, Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : 1))]);
  // Keys of the datums zero-fill could clash with only: one per datum would weigh ~15 MB for a long range.
  const names = new Set(series.map((one) => one.name));
  const present = new Set<string>();
  for (const datum of datums) if (names.has(datum.name)) present.add(keyOf(datum.timestamp, datum.name, datum.dimensions));
  const zeros: Datum[] = [];
  for (const timestamp of bins) {
    for (const one of series) {
      if (!present.has(keyOf(timestamp, one.name, one.dimensions))) zeros.push(make(one, timestamp));
    }
  }
  return zeros;
}
