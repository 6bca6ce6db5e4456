// Where rows come from for a time range: CloudWatch Logs Insights, or the local engine over files.
import type { CompiledQuery, ResultRow } from "../insights/types.js";
import type { Interval } from "../schedule/intervals.js";

/** What a source needs of a configured query. */
export interface SourceQuery {
  readonly name: string;
  readonly compiled: CompiledQuery;
  /** Log groups for a CloudWatch source. */
  readonly logGroups?: readonly string[];
  /** Row limit for one query; a result that reaches it may be truncated. */
  readonly queryLimit?: number;
}

export interface RangeRows {
  readonly rows: ResultRow[];
  /** True when the result reached the row limit, so rows may be missing. */
  readonly truncated: boolean;
  readonly bytesScanned: number;
  readonly recordsScanned: number;
}

export interface Source {
  /** Runs the query over the events in [range.from, range.to). */
  query(query: SourceQuery, range: Interval, signal: AbortSignal): Promise<RangeRows>;
}
