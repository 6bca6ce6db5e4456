// Where rows come from for a time range: CloudWatch Logs Insights, or the local engine over files.
import type { CompiledQuery, ResultRow } from "../insights/types.js";
import type { Interval } from "../windows/intervals.js";

/** What a source needs of a configured query. */
export interface SourceQuery {
  readonly name: string;
  readonly compiled: CompiledQuery;
  /** Log groups for a CloudWatch source. */
  readonly logGroups?: readonly string[];
  /** Row limit for one query; a result that reaches it may be truncated. */
  readonly queryLimit?: number;
}

/** Why a result may lack rows, and what the user can do when halving the range cannot help. */
export interface Truncation {
  readonly reason: string;
  readonly fix: string;
}

/** A result that reached the query's row limit may have been cut there. */
export function rowLimitReached(rows: number): Truncation {
  return {
    reason: `returned ${rows} rows, the query's row limit`,
    fix: "Raise queryLimit (at most 100,000) for this query, or make it return fewer rows per window",
  };
}

export interface RangeRows {
  readonly rows: ResultRow[];
  /** True when rows may be missing (the result reached the row limit, or see `truncation`). */
  readonly truncated: boolean;
  /** Why, when the source can tell more than "the row limit". */
  readonly truncation?: Truncation;
  readonly bytesScanned: number;
  readonly recordsScanned: number;
}

export interface Source {
  /** Runs the query over the events in [range.from, range.to). */
  query(query: SourceQuery, range: Interval, signal: AbortSignal): Promise<RangeRows>;
}
