// What the sink must hold, from the log alone (never from mail-metrics' output): per query, per bin
// (of the query's bin()) of the ranges it must have published, a datum per metric with a count, and
// a 0 for each zeroFill name without one. Compared key by key, so a datum received twice shows even where its value is 0.
import type { Interval } from "../../../src/windows/intervals.js";
import { binPeriod, type QuerySpec } from "./play.js";
import { datumKey, type Log, type World } from "./world.js";

export interface Audit {
  readonly duplicates: readonly string[];
  readonly missing: readonly string[];
  readonly extra: readonly string[];
  readonly wrong: readonly string[];
}

export const EXACT: Audit = { duplicates: [], missing: [], extra: [], wrong: [] };

/** Expected values keyed as World's datumKey. */
export function truth(log: Log, query: QuerySpec, ranges: readonly Interval[]): Map<string, number> {
  const period = binPeriod(query);
  const out = new Map<string, number>();
  const dimensions = { Query: query.name };
  for (const range of ranges) {
    for (let bin = range.from; bin < range.to; bin += period) {
      const counts = log.get(bin) ?? {};
      for (const [name, value] of Object.entries(counts))
        out.set(datumKey({ name, timestamp: bin, value, unit: "Count", dimensions }), value);
      for (const name of query.zeroFill ?? []) {
        if (!(name in counts)) out.set(datumKey({ name, timestamp: bin, value: 0, unit: "Count", dimensions }), 0);
      }
    }
  }
  return out;
}

export function audit(world: World, expected: ReadonlyMap<string, number>): Audit {
  const received = new Map<string, number[]>();
  for (const { datum } of world.received) received.set(datumKey(datum), [...(received.get(datumKey(datum)) ?? []), datum.value]);
  return {
    duplicates: [...received].filter(([, values]) => values.length > 1).map(([key]) => key),
    missing: [...expected.keys()].filter((key) => !received.has(key)),
    extra: [...received.keys()].filter((key) => !expected.has(key)),
    wrong: [...received]
      .filter(([key, values]) => expected.has(key) && values[0] !== expected.get(key))
      .map(([key, values]) => `${key}: got ${values[0]}, expected ${expected.get(key)}`),
  };
}
