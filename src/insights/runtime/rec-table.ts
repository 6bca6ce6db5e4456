// Records read by position: a stats result builds each row from its group only when it is read, so
// the rows of many groups never all exist at once. An array of records is a RecTable too.
import type { Rec } from "./values.js";

export interface RecTable {
  readonly length: number;
  at(index: number): Rec | undefined;
}

/** Every record at once, for the commands that need them so (sort, limit, dedup, a later stats). */
export function allRecs(table: RecTable): Rec[] {
  if (Array.isArray(table)) return table as Rec[];
  return Array.from({ length: table.length }, (_, index) => table.at(index) as Rec);
}
