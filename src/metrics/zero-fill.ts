import type { Datum } from "./datum.js";

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
