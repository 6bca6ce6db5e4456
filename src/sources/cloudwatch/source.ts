// The CloudWatch Logs source. Windows are half-open [from, to) in milliseconds; StartQuery takes
// whole seconds, "inclusive" (API_StartQuery), which AWS staff have said holds at the millisecond for
// the end: "EndTime is inclusive but not at second level. Internally they convert to milliseconds
// straight" (aws/aws-sdk#280), so endTime = to/1000 − 1 would miss the window's last 999 ms. The
// range asked for therefore covers the whole window under every reading — [floor(from/1000),
// ceil(to/1000)], a millisecond or a second more — and a filter on toMillis(@timestamp) in front of
// the query cuts it to exactly [from, to), so an event on a boundary is counted in one window only.
// The readings the stand-in plays are in test/fake-cloudwatch/FIDELITY.md.
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { formatInterval, type Interval } from "../../windows/intervals.js";
import type { Clock } from "../../util/clock.js";
import type { Trace } from "../../util/trace.js";
import type { RangeRows, Source, SourceQuery } from "../source.js";
import { truncation } from "./completeness.js";
import { runInsightsQuery } from "./run-query.js";

export interface CloudWatchSourceOptions {
  readonly logs: Pick<CloudWatchLogsClient, "send">;
  /** For StartQuery: a client that retries nothing that may have started a query. */
  readonly starter: Pick<CloudWatchLogsClient, "send">;
  readonly clock: Clock;
  readonly logGroups: readonly string[];
  readonly queryLimit: number;
  readonly queryTimeout: number;
  /** --verbose: StartQuery ids, polls, pages, StopQuery. */
  readonly trace?: Trace;
}

export function windowedQueryString(queryString: string, range: Interval): string {
  return `filter toMillis(@timestamp) >= ${range.from} and toMillis(@timestamp) < ${range.to}\n| ${queryString.trim()}`;
}

export function cloudWatchSource(options: CloudWatchSourceOptions): Source {
  return {
    async query(query: SourceQuery, range: Interval, signal: AbortSignal): Promise<RangeRows> {
      const limit = query.queryLimit ?? options.queryLimit;
      const logGroups = query.logGroups ?? options.logGroups;
      const result = await runInsightsQuery(
        {
          logs: options.logs,
          starter: options.starter,
          clock: options.clock,
          ...(options.trace === undefined ? {} : { trace: options.trace }),
        },
        {
          queryString: windowedQueryString(query.compiled.text, range),
          logGroups,
          startTime: Math.floor(range.from / 1000),
          endTime: Math.ceil(range.to / 1000),
          limit,
          timeout: options.queryTimeout,
          context: { queryName: query.name, window: formatInterval(range), logGroups },
          signal,
        },
      );
      const cut = truncation(result, limit);
      return {
        rows: result.rows,
        truncated: cut !== undefined,
        ...(cut === undefined ? {} : { truncation: cut }),
        bytesScanned: result.bytesScanned,
        recordsScanned: result.recordsScanned,
      };
    },
  };
}
