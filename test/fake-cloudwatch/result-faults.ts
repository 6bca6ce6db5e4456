// Spoils a query's final result the ways a test asks for (QueryFault): rows lost below the limit,
// empty rows, rows missing cells, cells missing a member, cells in another order, statistics without resultCount.
import type { ResultRow } from "../../src/insights/types.js";
import type { QueryFault } from "./faults.js";
import type { QueryStatistics } from "./records.js";

export interface Result {
  readonly rows: readonly ResultRow[];
  readonly statistics: QueryStatistics;
}

export function spoil(result: Result, fault: QueryFault | undefined): Result {
  if (fault === undefined) return result;
  const empty: ResultRow[] = Array.from({ length: fault.emptyRows ?? 0 }, () => []);
  // The service counts the rows it sends; rows it then loses (rowLimit) still count.
  const rows = [...empty, ...result.rows];
  const statistics = { ...result.statistics, resultCount: rows.length };
  const missing = new Set(fault.missingCells?.fields ?? []);
  const holed = fault.missingCells?.rows ?? 1;
  const kept = rows
    .slice(0, fault.rowLimit ?? rows.length)
    .map((row, index) => (index >= empty.length && index < empty.length + holed ? row.filter((cell) => !missing.has(cell.field)) : row))
    .map((row, index) => (index === 0 && fault.halfCells !== undefined ? halve(row, new Set(fault.halfCells.fields)) : row))
    .map((row) => (fault.reversedCells === true ? [...row].reverse() : row));
  if (fault.withoutResultCount === true || fault.firstPageOnly === true) {
    const { resultCount: _, ...rest } = statistics;
    return { rows: kept, statistics: rest };
  }
  return { rows: kept, statistics };
}

/** Cells missing a member: the JSON answer leaves out `value` (or `field`), as for an undefined one. */
function halve(row: ResultRow, fields: ReadonlySet<string>): ResultRow {
  const cells = row.map((cell) => (fields.has(cell.field) ? { field: cell.field } : cell));
  return [...cells, { value: "a value without a field" }] as unknown as ResultRow;
}
