// The rows of a RowTable (types.ts) at once, for the callers that need them so.
import type { ResultRow, RowTable } from "./types.js";

export function allRows(table: RowTable): ResultRow[] {
  if (Array.isArray(table)) return table as ResultRow[];
  return Array.from({ length: table.length }, (_, index) => table.at(index) as ResultRow);
}

/** `first`'s rows, then `second`'s, each read from its own table when asked for. */
export function joinRows(first: RowTable, second: RowTable): RowTable {
  return {
    length: first.length + second.length,
    at: (index) => (index < first.length ? first.at(index) : second.at(index - first.length)),
  };
}
