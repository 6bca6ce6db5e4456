// The CloudWatch Logs source. Windows are half-open [from, to): StartQuery's range is inclusive at
// whole seconds (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html),
// so endTime is the last second inside the window, and a filter on toMillis(@timestamp) is put in
// front of the query so that an event on a boundary is counted in exactly one window even if the
// service rounded the range outwards.
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { formatInterval, type Interval } from "../../schedule/intervals.js";
import type { Clock } from "../../util/clock.js";
import type { RangeRows, Source, SourceQuery } from "../source.js";
import { runInsightsQuery } from "./run-query.js";

export interface CloudWatchSourceOptions {
  readonly logs: Pick<CloudWatchLogsClient, "send">;
  /** For StartQuery: a client that retries nothing that may have started a query. */
  readonly starter: Pick<CloudWatchLogsClient, "send">;
  readonly clock: Clock;
  readonly logGroups: readonly string[];
  readonly queryLimit: number;
  readonly queryTimeout: number;
}

export function windowedQueryString(queryString: string, range: Interval): string {
  return `filter toMillis(@timestamp) >= ${range.from} and toMillis(@timestamp) < ${range.to}\n| ${queryString.trim()}`;
}

export function cloudWatchSource(options: CloudWatchSourceOptions): Source {
  return {
    async query(query: SourceQuery, range: Interval, signal: AbortSignal): Promise<RangeRows> {
      const limit = query.queryLimit ?? options.queryLimit;
      const result = await runInsightsQuery(
        { logs: options.logs, starter: options.starter, clock: options.clock },
        {
          queryString: windowedQueryString(query.compiled.text, range),
          logGroups: query.logGroups ?? options.logGroups,
          startTime: Math.floor(range.from / 1000),
          endTime: Math.ceil(range.to / 1000) - 1,
          limit,
          timeout: options.queryTimeout,
          context: { queryName: query.name, window: formatInterval(range) },
          signal,
        },
      );
      return {
        rows: result.rows,
        truncated: result.rows.length >= limit,
        bytesScanned: result.bytesScanned,
        recordsScanned: result.recordsScanned,
      };
    },
  };
}
