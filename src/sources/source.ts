// Where rows come from for a time range: CloudWatch Logs Insights, or the local engine over files.
// Each kind of source is a folder holding its config schema, its code and its SourceKind (kind.ts),
// registered in registry.ts.
import type { z } from "zod";
import type { AwsClients } from "../aws/clients.js";
import type { Trace } from "../util/trace.js";
import type { CompiledQuery, RowTable } from "../insights/types.js";
import type { Clock } from "../util/clock.js";
import type { Interval } from "../windows/intervals.js";
import type { ReadStats } from "./files/read-stats.js";

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
  /** Rows by position (an array, or built as read by the local engine: insights/types.ts). */
  readonly rows: RowTable;
  /** True when rows may be missing (the result reached the row limit, or see `truncation`). */
  readonly truncated: boolean;
  /** Why, when the source can tell more than "the row limit". */
  readonly truncation?: Truncation;
  readonly bytesScanned: number;
  readonly recordsScanned: number;
}

/**
 * Where a source's events begin: it can hold none before `from`, so a window that ends by then
 * would be published as 0 whatever was logged in it (the lines are in logs the source was not given).
 */
export interface Coverage {
  /** No event before this instant can be in the source. */
  readonly from: number;
  /** What the source reads, for messages: "the logs in source.paths". */
  readonly what: string;
  /** Where they begin, said after `what`: "begin at 2026-11-29T13:57:38Z, the first line of /var/log/mail.log". */
  readonly where: string;
  /** How to give the source the earlier events. */
  readonly fix: string;
}

export interface Source {
  /** Runs the query over the events in [range.from, range.to). */
  query(query: SourceQuery, range: Interval, signal: AbortSignal): Promise<RangeRows>;
  /** Where its events begin, by sources that can tell (files; not stdin); undefined when it cannot. */
  coverage?(): Promise<Coverage | undefined>;
}

/** What a run gives a source it opens. */
export interface SourceDeps {
  readonly clock: Clock;
  /** The run's AWS clients, made on first use (loading the SDK only for sources and sinks that call AWS). */
  readonly aws: () => Promise<AwsClients>;
  /** Every query the run may ask for, so that a source reading files reads each range once for all (files/shared-scans.ts). */
  readonly queries?: readonly SourceQuery[];
  /** Called with each range's read statistics, by sources that read files (skipped lines to report). */
  readonly onReadStats?: (query: SourceQuery, range: Interval, stats: ReadStats) => void;
  /** --verbose: the calls the source makes, by sources that call AWS. */
  readonly trace?: Trace;
  /** The config file the source's part was read from, for messages that point at a key in it. */
  readonly configPath?: string;
}

/** A kind of source: its part of the config (a strict object whose `type` names it) and how a run opens it. */
export interface SourceKind<Schema extends z.ZodObject = z.ZodObject> {
  readonly schema: Schema;
  open(config: z.output<Schema>, deps: SourceDeps): Promise<Source>;
}
