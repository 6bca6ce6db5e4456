// Whether a Logs Insights result holds every row the query produced. A result that may not is never
// published: the pipeline halves its range and queries again (pipeline/query-range.ts).
import { rowLimitReached, type Truncation } from "../source.js";
import { PAGE_MAX, type InsightsResult } from "./run-query.js";

const QUERIED_AGAIN = "the next run (or the same backfill) queries it again";

export function truncation(result: InsightsResult, limit: number): Truncation | undefined {
  const received = result.rows.length;
  if (received >= limit) return rowLimitReached(received);
  // Every member of GetQueryResults' answer is optional in the model, and whether the service ever
  // leaves `results` out is unconfirmed: an answer without it means no rows only when the statistics
  // say no event matched; otherwise its rows may be lost, and publishing 0 would be a wrong count.
  if (result.resultsMissing && result.recordsMatched !== 0) {
    const matched =
      result.recordsMatched === undefined ? "no statistics.recordsMatched" : `statistics.recordsMatched ${result.recordsMatched}`;
    return {
      reason: `answered without a results list (with ${matched}, so rows may be lost)`,
      fix: QUERIED_AGAIN,
    };
  }
  // "The number of rows in the final query result set … across all pages" (QueryStatistics.resultCount,
  // client-cloudwatch-logs 3.1169): fewer rows arrived than the service produced. Not every service
  // version returns it; without it the other two checks still hold.
  if (result.resultCount !== undefined && received < result.resultCount) {
    return {
      reason: `returned ${received} of the ${result.resultCount} rows Logs Insights counted (statistics.resultCount)`,
      fix: QUERIED_AGAIN,
    };
  }
  // A service that does not page (before nextToken paging, or for PPL/SQL) stops at one page of
  // 10,000 rows whatever the limit: a full last page may hide more, unless resultCount says that was
  // all (else a window of exactly 10,000 rows would fail on every run).
  if (result.fullPageWithoutToken && result.resultCount !== received) {
    return {
      reason: `returned a full page of ${PAGE_MAX.toLocaleString("en-US")} rows without a nextToken to read on`,
      fix: `make it return fewer than ${PAGE_MAX.toLocaleString("en-US")} rows per window`,
    };
  }
  return undefined;
}
