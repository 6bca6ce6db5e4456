// How a query's status moves. AWS runs queries asynchronously; the stand-in runs them at StartQuery
// and reveals the outcome through GetQueryResults polls: Running for `runningPolls` polls, then the
// planned end (Complete unless a fault says Failed / Timeout / Cancelled / Unknown, or "never").
import type { QueryRecord, QueryStatus } from "./records.js";

/** The status now, without counting a poll (DescribeQueries, StopQuery, the concurrency limit). */
export function currentStatus(query: QueryRecord): QueryStatus {
  if (query.stopped) return "Cancelled";
  if (query.end === "never" || query.polls <= query.runningPolls) return "Running";
  if (query.engineFailure !== undefined) return "Failed";
  return query.end;
}

/** A GetQueryResults poll: counts it, then answers the status. */
export function poll(query: QueryRecord): QueryStatus {
  query.polls += 1;
  return currentStatus(query);
}

export function isRunning(query: QueryRecord): boolean {
  return currentStatus(query) === "Running";
}
