// The counts the shipped queries must produce on the bench log, derived from the example's own
// expected counts (examples/maillog.expected.json), not from our output: copy k of the example adds
// the example's counts with every bin moved forward by k shifts.
import { readFileSync } from "node:fs";

/** metric name → bin start (ISO, as printed) → count. */
export type Counts = Map<string, Map<string, number>>;

interface ExpectedFile {
  readonly year: number;
  readonly binMinutes: number;
  readonly queries: Record<string, Record<string, Record<string, number>>>;
}

export interface Expected {
  readonly year: number;
  readonly binMs: number;
  readonly queries: readonly string[];
  counts(query: string, copies: number, shiftMs: number): Counts;
}

/** Datums print bin starts without milliseconds (`2026-11-29T00:35:00Z`). */
export const binKey = (time: number): string => new Date(time).toISOString().replace(".000Z", "Z");

export function loadExpected(path: string): Expected {
  const file = JSON.parse(readFileSync(path, "utf8")) as ExpectedFile;
  return {
    year: file.year,
    binMs: file.binMinutes * 60_000,
    queries: Object.keys(file.queries),
    counts(query, copies, shiftMs) {
      const perMetric = file.queries[query];
      if (perMetric === undefined) throw new Error(`${path} has no counts for query ${query}`);
      const counts: Counts = new Map();
      for (const [metric, bins] of Object.entries(perMetric)) {
        const out = new Map<string, number>();
        for (let copy = 0; copy < copies; copy++) {
          for (const [bin, count] of Object.entries(bins)) {
            const key = binKey(Date.parse(bin) + copy * shiftMs);
            out.set(key, (out.get(key) ?? 0) + count);
          }
        }
        counts.set(metric, out);
      }
      return counts;
    },
  };
}

/** Per-metric totals over all bins. */
export function totals(counts: Counts): Map<string, number> {
  return new Map([...counts].map(([metric, bins]) => [metric, [...bins.values()].reduce((a, b) => a + b, 0)]));
}

/** Differences between two count tables (zero counts, as zero-fill prints them, are ignored); empty when equal. */
export function compareCounts(actual: Counts, expected: Counts, limit = 5): string[] {
  const problems: string[] = [];
  const flat = (counts: Counts) => {
    const out = new Map<string, number>();
    for (const [metric, bins] of counts) for (const [bin, n] of bins) if (n !== 0) out.set(`${metric} @ ${bin}`, n);
    return out;
  };
  const a = flat(actual);
  const e = flat(expected);
  for (const [key, n] of e) if (a.get(key) !== n) problems.push(`${key}: expected ${n}, got ${a.get(key) ?? 0}`);
  for (const [key, n] of a) if (!e.has(key)) problems.push(`${key}: expected nothing, got ${n}`);
  return problems.slice(0, limit).concat(problems.length > limit ? [`... and ${problems.length - limit} more`] : []);
}
