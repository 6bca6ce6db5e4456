// Runs a StartQuery with the project's own Logs Insights engine over the stored events.
import { QuerySyntaxError } from "../../src/insights/errors.js";
import type { CompiledQuery, ResultRow } from "../../src/insights/types.js";
import { EVENT_OVERHEAD_BYTES } from "./log-event-rules.js";
import { eventsInRange, type RangeReading } from "./query-range.js";
import type { LogGroupRecord, QueryStatistics, StoredLogEvent } from "./records.js";
import { ServiceError } from "./service-error.js";

export interface QueryOutcome {
  readonly rows: readonly ResultRow[];
  readonly statistics: QueryStatistics;
  readonly engineFailure: string | undefined;
}

/** A query the engine rejects → MalformedQueryException with `queryCompileError`, as AWS answers. */
export function compileOrReject(compile: (text: string) => CompiledQuery, queryString: string): CompiledQuery {
  try {
    return compile(queryString);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    const offset = charOffset(queryString, error.line, error.column);
    throw new ServiceError("MalformedQueryException", error.message, {
      // The engine reports a point, not a span: start and end are the same offset.
      queryCompileError: { location: { startCharOffset: offset, endCharOffset: offset }, message: error.detail },
    });
  }
}

function charOffset(text: string, line: number, column: number): number {
  const lines = text.split("\n").slice(0, Math.max(0, line - 1));
  return lines.reduce((sum, l) => sum + l.length + 1, 0) + Math.max(0, column - 1);
}

export interface RunParams {
  readonly groups: readonly LogGroupRecord[];
  readonly startTime: number;
  readonly endTime: number;
  readonly reading: RangeReading;
  readonly limit: number;
  readonly accountId: string;
}

/**
 * The query's final outcome, and what GetQueryResults shows while it runs: the query over the older
 * half of its events ("If the value of the Status field in the output is Running, this operation
 * returns only partial results", GetQueryResults reference). Which part the service has read by then
 * is its own affair; the half makes partial counts differ from final ones, so a client that used
 * them is caught. The partial outcome is computed on the first Running answer only.
 */
export function runQuery(compiled: CompiledQuery, params: RunParams): QueryOutcome & { readonly partial: () => QueryOutcome } {
  const streams = params.groups.flatMap((group) => [...group.streams.values()]);
  const events = eventsInRange(streams, params.startTime, params.endTime, params.reading);
  let partial: QueryOutcome | undefined;
  return {
    ...runOver(compiled, events, params),
    partial: () => (partial ??= runOver(compiled, events.slice(0, Math.floor(events.length / 2)), params)),
  };
}

function runOver(compiled: CompiledQuery, events: readonly StoredLogEvent[], params: RunParams): QueryOutcome {
  // bytesScanned: UTF-8 message bytes + the 26 bytes per event PutLogEvents counts (a stand-in choice).
  const bytesScanned = events.reduce((sum, e) => sum + Buffer.byteLength(e.message, "utf8") + EVENT_OVERHEAD_BYTES, 0);
  const base = { bytesScanned, estimatedRecordsSkipped: 0, estimatedBytesSkipped: 0, logGroupsScanned: params.groups.length };
  try {
    const execution = compiled.start({ limit: params.limit });
    for (const event of events) {
      // AWS's @log is "account-id:log-group-name".
      execution.push({ ...event, logGroup: `${params.accountId}:${event.logGroup}` });
    }
    const output = execution.finish();
    const rows = output.rows.slice(0, params.limit);
    return {
      rows,
      // resultCount: "the number of rows in the final query result set … across all pages" (QueryStatistics, model).
      statistics: { ...base, recordsMatched: output.recordsMatched, recordsScanned: output.recordsScanned, resultCount: rows.length },
      engineFailure: undefined,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { rows: [], statistics: { ...base, recordsMatched: 0, recordsScanned: events.length, resultCount: 0 }, engineFailure: message };
  }
}
