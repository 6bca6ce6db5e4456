// Runs a query over a window-aligned range with as few queries as the row limit allows: one query
// for the whole range, halved on a window boundary (and re-run) whenever a result may lack rows (it
// reached the row limit, or the source can tell otherwise: sources/cloudwatch/completeness.ts), so
// no result is ever silently truncated.
import { RuntimeError } from "../errors.js";
import { joinRows } from "../insights/row-table.js";
import type { RowTable } from "../insights/types.js";
import { formatInterval, type Interval } from "../windows/intervals.js";
import { halve } from "../windows/windows.js";
import { rowLimitReached, type Source, type SourceQuery } from "../sources/source.js";

export interface QueryTally {
  queries: number;
  bytesScanned: number;
  /** Result rows that gave no datum: they lacked a field the mapping reads (metrics/to-datums.ts). */
  incompleteRows?: number;
  /** The fields those rows lacked. */
  incompleteFields?: string[];
}

export async function queryRange(
  source: Source,
  query: SourceQuery,
  range: Interval,
  period: number,
  signal: AbortSignal,
  tally: QueryTally,
): Promise<RowTable> {
  const result = await source.query(query, range, signal);
  tally.queries += 1;
  tally.bytesScanned += result.bytesScanned;
  if (!result.truncated) return result.rows;
  const halves = halve(range, period);
  if (halves === null) {
    const why = result.truncation ?? rowLimitReached(result.rows.length);
    throw new RuntimeError(
      `${query.name}: window ${formatInterval(range)} alone ${why.reason}, so its result may be incomplete and was not ` +
        `published. ${capitalise(why.fix)}`,
    );
  }
  const first = await queryRange(source, query, halves[0], period, signal, tally);
  const second = await queryRange(source, query, halves[1], period, signal, tally);
  return joinRows(first, second);
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
