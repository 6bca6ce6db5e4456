// The rows of a RowTable (types.ts), or the records of a RecTable (runtime/rec-table.ts), at once,
// for the callers that need them so.
import type { RowTable } from "./types.js";

export function allRows<T>(table: { readonly length: number; at(index: number): T | undefined }): T[] {
  if (Array.isArray(table)) return table as T[];
  return Array.from({ length: table.length }, (_, index) => table.at(index) as T);
}

/** `first`'s rows, then `second`'s, each read from its own table when asked for. */
export function joinRows(first: RowTable, second: RowTable): RowTable {
  return {
    length: first.length + second.length,
    at: (index) => (index < first.length ? first.at(index) : second.at(index - first.length)),
  };
}
