// joinRows serves a range read in two parts (pipeline/query-range.ts: the rows before a cut and
// after it) as one table: every row once, in order, each read from its own part.
import { expect, it } from "vitest";
import { allRows, joinRows } from "../../src/insights/row-table.js";
import type { RowTable } from "../../src/insights/types.js";

const row = (value: string) => [{ field: "row", value }];

/** A table that records which of its rows were read. */
function table(name: string, length: number, reads: string[]): RowTable {
  return {
    length,
    at: (index) => {
      reads.push(`${name}${index}`);
      return index < length ? [{ field: "row", value: `${name}${index}` }] : undefined;
    },
  };
}

it("joins two tables: the first's rows, then the second's, each read when asked for", () => {
  const reads: string[] = [];
  const joined = joinRows(table("a", 2, reads), table("b", 3, reads));
  expect(joined.length).toBe(5);
  expect(reads).toEqual([]);
  expect(joined.at(2)).toEqual(row("b0"));
  expect(reads).toEqual(["b0"]);
  expect(allRows(joined)).toEqual(["a0", "a1", "b0", "b1", "b2"].map(row));
});

it("joins an empty first or second table", () => {
  expect(allRows(joinRows(table("a", 0, []), table("b", 2, [])))).toEqual([row("b0"), row("b1")]);
  expect(allRows(joinRows(table("a", 2, []), table("b", 0, [])))).toEqual([row("a0"), row("a1")]);
});
