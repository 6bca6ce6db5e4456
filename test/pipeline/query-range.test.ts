// A result that may lack rows is never published: the range is halved on a window boundary and each
// half queried again, down to one window; a single window that still may lack rows stops the run
// with the reason and the fix.
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../src/insights/compile.js";
import type { ResultRow } from "../../src/insights/types.js";
import { queryRange, type QueryTally } from "../../src/pipeline/query-range.js";
import type { RangeRows, Source, Truncation } from "../../src/sources/source.js";
import type { Interval } from "../../src/windows/intervals.js";
import { allRows } from "../../src/insights/row-table.js";

const PERIOD = 300_000;
const T = Date.parse("2026-11-29T12:00:00Z");
const windows = (from: number, to: number): Interval => ({ from: T + from * PERIOD, to: T + to * PERIOD });
const QUERY = { name: "q", compiled: compileQuery("stats count(*) as n by bin(5m)") };

/** One row per window; a result of more than `fits` windows may lack rows, as `truncation` says (the row limit when absent). */
function source(fits: number, truncation?: Truncation): Source & { asked: Interval[] } {
  const asked: Interval[] = [];
  return {
    asked,
    async query(_query, range): Promise<RangeRows> {
      asked.push(range);
      const rows: ResultRow[] = [];
      for (let from = range.from; from < range.to; from += PERIOD) rows.push([{ field: "bin", value: new Date(from).toISOString() }]);
      const truncated = rows.length > fits;
      return { rows, truncated, ...(truncated && truncation ? { truncation } : {}), bytesScanned: 10, recordsScanned: 1 };
    },
  };
}

describe(queryRange.name, () => {
  it("halves a result that may lack rows on window boundaries until each part is whole, keeping the rows in order", async () => {
    const src = source(2);
    const tally: QueryTally = { queries: 0, bytesScanned: 0 };
    const rows = await queryRange(src, QUERY, windows(0, 5), PERIOD, new AbortController().signal, tally);
    expect(allRows(rows).map((row) => row[0]?.value)).toEqual([0, 1, 2, 3, 4].map((i) => new Date(T + i * PERIOD).toISOString()));
    expect(src.asked).toEqual([windows(0, 5), windows(0, 2), windows(2, 5), windows(2, 3), windows(3, 5)]);
    expect(tally).toEqual({ queries: 5, bytesScanned: 50 });
  });

  it("stops at one window that may still lack rows: the row limit, and raising queryLimit", async () => {
    const run = queryRange(source(0), QUERY, windows(0, 2), PERIOD, new AbortController().signal, { queries: 0, bytesScanned: 0 });
    await expect(run).rejects.toThrow(
      "q: window 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z alone returned 1 rows, the query's row limit, so its result may be " +
        "incomplete and was not published. Raise queryLimit (at most 100,000) for this query, or make it return fewer rows per window",
    );
  });

  it("stops at one window with the source's own reason and fix, capitalised", async () => {
    const truncation = { reason: "scanned more than the source allows", fix: "split the log group" };
    const run = queryRange(source(0, truncation), QUERY, windows(0, 1), PERIOD, new AbortController().signal, {
      queries: 0,
      bytesScanned: 0,
    });
    await expect(run).rejects.toThrow(
      "alone scanned more than the source allows, so its result may be incomplete and was not published. Split the log group",
    );
  });
});
