// The engine's contract with the rest of mail-metrics. The engine is pure: it takes log
// events in and gives rows out, exactly as GetQueryResults would
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html).
import type { Shape } from "./analysis/string-shape.js";

/** One log event, as CloudWatch Logs stores it or as the file source reads it. */
export interface LogEvent {
  /** Event time, epoch milliseconds (UTC). Becomes `@timestamp`. */
  readonly timestamp: number;
  /** The raw line. Becomes `@message`. */
  readonly message: string;
  /** Becomes `@logStream` when present. */
  readonly logStream?: string;
  /** Becomes `@log` when present. */
  readonly logGroup?: string;
  /** Epoch milliseconds. Becomes `@ingestionTime` when present. */
  readonly ingestionTime?: number;
}

/** One cell of a result row; every value is a string, as on the wire. */
export interface ResultField {
  readonly field: string;
  readonly value: string;
}

export type ResultRow = readonly ResultField[];

/**
 * Literal substrings of `@message` such that an event containing none of them cannot reach the
 * output. Derived from the query (a leading `filter @message like ...`, or the required literals of
 * a `parse @message /regex/`), so callers may skip such events without building them.
 */
export interface Prefilter {
  readonly literals: readonly string[];
  /** True when the literals must be compared case-insensitively (`(?i)`). */
  readonly ignoreCase: boolean;
}

export interface ExecuteOptions {
  /** Maximum rows returned, like StartQuery's `limit`. Default 10,000. */
  readonly limit?: number;
  /**
   * The caller pushes only events whose @message holds one of `prefilter.literals` (compared as
   * the prefilter says). When the query's first command is a filter that holds exactly then (a
   * `filter @message like /a|b/` of those literals), it is not run a second time.
   */
  readonly prefiltered?: boolean;
}

export interface QueryOutput {
  readonly rows: ResultRow[];
  /** Events pushed. */
  readonly recordsScanned: number;
  /** Events that passed every filter. */
  readonly recordsMatched: number;
}

/**
 * Rows read by position, each built when it is read (finishTable). An array of rows is one, so
 * what takes a RowTable takes plain rows too.
 */
export interface RowTable {
  readonly length: number;
  /** Row `index` (0 ≤ index < length): built anew by each call, so keep it no longer than needed. */
  at(index: number): ResultRow | undefined;
}

export interface TableOutput extends Omit<QueryOutput, "rows"> {
  readonly rows: RowTable;
}

/** A running query: push events in any order, then finish once (either way). */
export interface Execution {
  push(event: LogEvent): void;
  finish(): QueryOutput;
  /**
   * finish(), the rows built only as they are read: a result of many rows never exists whole,
   * only the stats groups it is made from (and the rows a sort, limit or dedup after stats sees).
   */
  finishTable(): TableOutput;
}

/** One output field of the last `stats`. */
export interface StatsOutput {
  readonly name: string;
  /** `bin`: a `by` bin(period); `group`: another `by` key; `aggregate`: an item such as count(*). */
  readonly role: "bin" | "group" | "aggregate";
  /** Its values are times (bin(), datefloor(@timestamp, 5m), max(@timestamp)). */
  readonly time: boolean;
  /** An aggregate whose values for two groups add up to its value for both: count() or sum(). */
  readonly additive?: boolean;
}

/** A command that makes a query's numbers depend on how a time range is cut into runs (time-cut.ts). */
export interface CutHazard {
  /** 1-based position of the command in the query text. */
  readonly line: number;
  readonly column: number;
  /** Why the numbers change, and the fix. */
  readonly message: string;
}

export interface TimeCut {
  /** Empty when every result row is computed from the events of one bin alone. */
  readonly hazards: readonly CutHazard[];
  /** Periods (ms) of the bins the result rows belong to: the first stats' bin(), carried through later stats. */
  readonly binPeriods: readonly number[];
}

/** A query compiled once; start it as many times as needed. */
export interface CompiledQuery {
  readonly text: string;
  readonly prefilter: Prefilter | null;
  /** Periods (ms) of the `bin()` calls in the `by` clause of the last `stats`; empty when none. */
  readonly binPeriods: readonly number[];
  /** Names of the fields each result row carries, when the query fixes them (it ends in stats or display). */
  readonly outputFields: readonly string[] | null;
  /**
   * The last `stats`'s output fields that reach the rows as stats made them (a field a later
   * command assigns is left out); null without stats or when a later command hides which they are.
   * Absent from stand-ins that do not know; the mapping checks then skip what needs it.
   */
  readonly statsOutputs?: readonly StatsOutput[] | null;
  /** Whether the numbers depend on how the time is cut into runs. Absent from stand-ins that do not know. */
  readonly timeCut?: TimeCut;
  /**
   * What strings each field the query assigns can hold in the result rows (field-shapes.ts); a field
   * not in the map can hold anything. Absent from stand-ins that do not know.
   */
  readonly fieldShapes?: ReadonlyMap<string, Shape>;
  start(options?: ExecuteOptions): Execution;
}
