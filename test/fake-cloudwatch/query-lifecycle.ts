// How a query's status moves. AWS runs queries asynchronously; the stand-in runs them at StartQuery
// and reveals the outcome through GetQueryResults polls: Scheduled for `scheduledPolls` polls, Running
// for `runningPolls` more (neither when it ends at once), then the planned end (Complete unless a
// fault says Failed / Timeout / Cancelled / Unknown, or "never").
import type { QueryRecord, QueryStatus } from "./records.js";

/** The status now, without counting a poll (DescribeQueries, StopQuery, the concurrency limit). */
export function currentStatus(query: QueryRecord): QueryStatus {
  if (query.stopped) return "Cancelled";
  const ended = query.endsAtOnce || query.polls > query.scheduledPolls + query.runningPolls;
  if (!query.endsAtOnce && query.scheduledPolls > 0 && query.polls <= query.scheduledPolls) return "Scheduled";
  if (query.end === "never" || !ended) return "Running";
  if (query.engineFailure !== undefined) return "Failed";
  return query.end;
}

/** A GetQueryResults poll: counts it, then answers the status. */
export function poll(query: QueryRecord): QueryStatus {
  query.polls += 1;
  return currentStatus(query);
}

/** Scheduled or Running: it counts against the concurrency limit and can be stopped. */
export function isRunning(query: QueryRecord): boolean {
  const status = currentStatus(query);
  return status === "Running" || status === "Scheduled";
}
