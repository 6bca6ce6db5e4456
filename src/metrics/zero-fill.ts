import type { Datum } from "./datum.js";

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
  const present = new Set(datums.map((datum) => keyOf(datum.timestamp, datum.name, datum.dimensions)));
  const zeros: Datum[] = [];
  for (const timestamp of bins) {
    for (const one of series) {
      if (!present.has(keyOf(timestamp, one.name, one.dimensions))) zeros.push(make(one, timestamp));
    }
  }
  return zeros;
}
