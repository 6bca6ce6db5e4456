// Rows that a value table (metric.dimensionValues) turns into the same datum are added up: the
// relay domains google.com and googlemail.com both count for Provider=Google, every domain the
// table does not name for Provider=other. That is the table's purpose, so it is no collision; the
// config rules make sure the value is a count or a sum, which adding up keeps true. Rows that
// differ in anything else still meet the one-datum-per-key check.
import type { MetricMapping } from "./mapping.js";
import type { Datum } from "./datum.js";
import { fieldsUnderTables } from "./dimension-values.js";
import type { RowCells } from "./one-datum-per-key.js";

export interface AddedUp {
  readonly datums: Datum[];
  /** For each datum, the index of the first of the datums it came from. */
  readonly originOf: (index: number) => number;
}

/** Without value tables, `datums` itself: a copy (and a list of origins) would weigh MBs for a long range. */
export function addUpMapped(datums: Datum[], cellsOf: (index: number) => RowCells, mapping: MetricMapping): AddedUp {
  const mapped = fieldsUnderTables(mapping);
  if (mapped.size === 0) return { datums, originOf: (index) => index };
  const out: Datum[] = [];
  const origins: number[] = [];
  const byKey = new Map<string, number[]>();
  datums.forEach((datum, index) => {
    const key = JSON.stringify([datum.name, Object.entries(datum.dimensions), datum.timestamp]);
    const candidates = byKey.get(key) ?? [];
    const into = candidates.find((position) => differOnlyIn(cellsOf(origins[position]!), cellsOf(index), mapped, mapping.value));
    if (into !== undefined) {
      out[into] = { ...out[into]!, value: out[into]!.value + datum.value };
      return;
    }
    byKey.set(key, [...candidates, out.length]);
    out.push(datum);
    origins.push(index);
  });
  return { datums: out, originOf: (index) => origins[index]! };
}

function differOnlyIn(a: RowCells, b: RowCells, fields: ReadonlySet<string>, value: string): boolean {
  return [...new Set([...a.keys(), ...b.keys()])].every((field) => field === value || fields.has(field) || a.get(field) === b.get(field));
}
