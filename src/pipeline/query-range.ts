// Runs a query over a window-aligned range with as few queries as the row limit allows: one query
// for the whole range, halved on a window boundary (and re-run) whenever a result reaches the limit,
// so no result is ever silently truncated.
import { RuntimeError } from "../errors.js";
import type { ResultRow } from "../insights/types.js";
import { formatInterval, type Interval } from "../schedule/intervals.js";
import { halve } from "../schedule/windows.js";
import type { Source, SourceQuery } from "../sources/source.js";

export interface QueryTally {
  queries: number;
  bytesScanned: number;
}

export async function queryRange(
  source: Source,
  query: SourceQuery,
  range: Interval,
  period: number,
  signal: AbortSignal,
  tally: QueryTally,
): Promise<ResultRow[]> {
  const result = await source.query(query, range, signal);
  tally.queries += 1;
  tally.bytesScanned += result.bytesScanned;
  if (!result.truncated) return result.rows;
  const halves = halve(range, period);
  if (halves === null) {
    throw new RuntimeError(
      `${query.name}: window ${formatInterval(range)} alone returned ${result.rows.length} rows, the query's row limit, ` +
        `so its result may be incomplete and was not published. Raise queryLimit (at most 100,000) for this query, ` +
        `or make it return fewer rows per window`,
    );
  }
  const first = await queryRange(source, query, halves[0], period, signal, tally);
  const second = await queryRange(source, query, halves[1], period, signal, tally);
  return [...first, ...second];
}
