// Runs one Logs Insights query to the end: StartQuery with epoch seconds and an explicit limit,
// GetQueryResults polled as a waiter (backoff with jitter, overall deadline), results taken only
// at Complete with every page read (rows seen while Scheduled or Running are partial results and
// never used), StopQuery on deadline or abort so nothing keeps running and costing.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html
import {
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
  type GetQueryResultsCommandOutput,
} from "@aws-sdk/client-cloudwatch-logs";
import { AwsCallError } from "../../errors.js";
import type { ResultRow } from "../../insights/types.js";
import { backoffDelay, type Backoff } from "../../util/backoff.js";
import type { Clock } from "../../util/clock.js";
import type { Trace } from "../../util/trace.js";
import { errorName, notProcessed, wrapAwsError, type CallContext } from "../../aws/errors.js";

export interface InsightsRequest {
  readonly queryString: string;
  readonly logGroups: readonly string[];
  /** Epoch seconds, inclusive (StartQuery semantics). */
  readonly startTime: number;
  readonly endTime: number;
  readonly limit: number;
  /** Overall deadline for start + wait + results, ms. */
  readonly timeout: number;
  readonly context: CallContext;
  readonly signal?: AbortSignal;
}

export interface InsightsResult {
  readonly queryId: string;
  readonly rows: ResultRow[];
  readonly bytesScanned: number;
  readonly recordsScanned: number;
  /** statistics.recordsMatched, when the service says. */
  readonly recordsMatched: number | undefined;
  /** A page came without a `results` list (the model makes it optional): no rows, or lost ones (completeness.ts). */
  readonly resultsMissing: boolean;
  /** statistics.resultCount: the rows of the final result across all pages, when the service says. */
  readonly resultCount: number | undefined;
  /** The last page held PAGE_MAX rows and came without a nextToken: rows beyond it may exist unread. */
  readonly fullPageWithoutToken: boolean;
}

/** GetQueryResults returns at most 10,000 rows a call (GetQueryResultsRequest.maxItems); we ask for that many. */
export const PAGE_MAX = 10_000;

export interface InsightsDeps {
  /** GetQueryResults and StopQuery. */
  readonly logs: Pick<CloudWatchLogsClient, "send">;
  /** StartQuery: must not retry a call that may have started a query (src/aws/retry.ts). */
  readonly starter: Pick<CloudWatchLogsClient, "send">;
  readonly clock: Clock;
  /** --verbose: each call and what it answered. */
  readonly trace?: Trace;
}

/** GetQueryResults polls, and StartQuery waits for a query slot: from 1 s to 10 s. */
const POLL: Backoff = { first: 1_000, factor: 1.5, max: 10_000 };
const FAILED = new Set(["Failed", "Cancelled", "Timeout", "Unknown"]);
const STATUS_HINTS: Readonly<Record<string, string>> = {
  Timeout:
    "Logs Insights stops queries after 60 minutes; nothing was published for it. Lower schedule.maxCatchUp, or backfill in shorter ranges",
  Cancelled: "someone stopped it (StopQuery or the console); nothing was published for it and the next run retries",
};

export async function runInsightsQuery(deps: InsightsDeps, request: InsightsRequest): Promise<InsightsResult> {
  const deadline = deps.clock.now() + request.timeout;
  const queryId = await startQuery(deps, request, deadline);
  const context = { ...request.context, queryId };
  try {
    const first = await waitForCompletion(deps, request, queryId, deadline);
    return await readAllPages(deps, queryId, first, context);
  } catch (error) {
    // Deadline, Ctrl-C, a network error: stop it so it does not run on and cost. (Stopping a query
    // that has already ended only returns an error, which stopQuietly ignores.)
    await stopQuietly(deps, queryId);
    throw error;
  }
}

/**
 * StartQuery; LimitExceededException (account concurrency) is waited out with backoff until the
 * deadline. The request is sent without the abort signal: cut off mid-flight, it may still start a
 * query whose id we would never learn, so nobody could stop it. It is short; when it has answered, a
 * query started after the abort is stopped at once.
 */
async function startQuery(deps: InsightsDeps, request: InsightsRequest, deadline: number): Promise<string> {
  const input = {
    logGroupIdentifiers: [...request.logGroups],
    startTime: request.startTime,
    endTime: request.endTime,
    queryString: request.queryString,
    limit: request.limit,
  };
  for (let attempt = 0; ; attempt += 1) {
    request.signal?.throwIfAborted();
    let queryId: string | undefined;
    try {
      queryId = (await deps.starter.send(new StartQueryCommand(input))).queryId;
    } catch (error) {
      const wait = backoff(deps.clock, attempt);
      if (errorName(error) !== "LimitExceededException" || deps.clock.now() + wait > deadline) throw startFailure(error, request.context);
      await deps.clock.sleep(wait, request.signal);
      continue;
    }
    if (!queryId) {
      throw new AwsCallError(
        "StartQuery",
        "StartQuery returned no queryId, so its results cannot be read; nothing was published for this window, " +
          "and the next run (or the same backfill) queries it again",
        request.context,
      );
    }
    deps.trace?.(
      `${describe(request.context)}: StartQuery over ${request.logGroups.join(", ")} [${request.startTime}, ${request.endTime}] s: query id ${queryId}`,
      {
        query: request.context.queryName,
        queryId,
        logGroups: request.logGroups,
      },
    );
    if (request.signal?.aborted) {
      await stopQuietly(deps, queryId);
      throw request.signal.reason;
    }
    return queryId;
  }
}

/** A StartQuery that failed after it may have started a query says why it was not retried. */
function startFailure(error: unknown, context: CallContext): AwsCallError {
  const failure = wrapAwsError("StartQuery", error, context);
  if (notProcessed(error)) return failure;
  const why =
    "not retried, as it may have started a query anyway (Logs Insights ends it within 60 minutes); " +
    "nothing was published for this window, and the next run (or the same backfill) queries it again";
  return new AwsCallError("StartQuery", `${failure.message}; ${why}`, context, { cause: error });
}

async function waitForCompletion(
  deps: InsightsDeps,
  request: InsightsRequest,
  queryId: string,
  deadline: number,
): Promise<GetQueryResultsCommandOutput> {
  const context = { ...request.context, queryId };
  for (let attempt = 0; ; attempt += 1) {
    const wait = backoff(deps.clock, attempt);
    if (deps.clock.now() + wait > deadline) {
      throw new AwsCallError(
        "GetQueryResults",
        `query ${queryId} (${describe(context)}) did not complete within ${Math.round(request.timeout / 1000)} s; it was stopped. ` +
          `Raise source.queryTimeout or query a shorter range`,
        context,
      );
    }
    await deps.clock.sleep(wait, request.signal);
    const output = await getResults(deps, queryId, undefined, context);
    const status = output.status ?? "Unknown";
    deps.trace?.(`${describe(context)}: query ${queryId} ${status} after ${attempt + 1} ${attempt === 0 ? "poll" : "polls"}`, {
      query: context.queryName,
      queryId,
      status,
    });
    if (status === "Complete") return output;
    if (FAILED.has(status)) {
      throw new AwsCallError(
        "GetQueryResults",
        `query ${queryId} (${describe(context)}) ended with status ${status}; ` +
          `${STATUS_HINTS[status] ?? "nothing was published for it; the next run retries"}`,
        context,
      );
    }
  }
}

async function readAllPages(
  deps: InsightsDeps,
  queryId: string,
  first: GetQueryResultsCommandOutput,
  context: CallContext,
): Promise<InsightsResult> {
  const rows: ResultRow[] = [];
  let page: GetQueryResultsCommandOutput = first;
  let resultsMissing = false;
  for (;;) {
    resultsMissing ||= page.results === undefined;
    for (const row of page.results ?? []) {
      // A cell without a value is a missing cell, not an empty string (metrics/to-datums.ts leaves such rows out).
      rows.push(
        row
          .filter((cell) => cell.field !== undefined && cell.value !== undefined)
          .map((cell) => ({ field: cell.field!, value: cell.value! })),
      );
    }
    if (!page.nextToken) break;
    page = await getResults(deps, queryId, page.nextToken, context);
  }
  const stats = first.statistics ?? {};
  deps.trace?.(`${describe(context)}: query ${queryId}: ${rows.length} rows, ${stats.bytesScanned ?? 0} bytes scanned`, {
    query: context.queryName,
    queryId,
    rows: rows.length,
    bytesScanned: stats.bytesScanned ?? 0,
  });
  return {
    queryId,
    rows,
    bytesScanned: stats.bytesScanned ?? 0,
    recordsScanned: stats.recordsScanned ?? 0,
    recordsMatched: stats.recordsMatched,
    resultsMissing,
    resultCount: stats.resultCount,
    fullPageWithoutToken: (page.results?.length ?? 0) >= PAGE_MAX,
  };
}

async function getResults(deps: InsightsDeps, queryId: string, nextToken: string | undefined, context: CallContext) {
  try {
    return await deps.logs.send(new GetQueryResultsCommand({ queryId, maxItems: PAGE_MAX, ...(nextToken ? { nextToken } : {}) }));
  } catch (error) {
    throw wrapAwsError("GetQueryResults", error, context);
  }
}

/** Stops a query we are abandoning; it may have ended meanwhile, which is fine. */
async function stopQuietly(deps: InsightsDeps, queryId: string): Promise<void> {
  try {
    deps.trace?.(`StopQuery ${queryId}`, { queryId });
    await deps.logs.send(new StopQueryCommand({ queryId }));
  } catch {
    // "query is not running" or a network error: nothing more we can do, and the query times out on its own.
  }
}

const backoff = (clock: Clock, attempt: number): number => backoffDelay(POLL, attempt, () => clock.random());

function describe(context: CallContext): string {
  return [context.queryName, context.window].filter(Boolean).join(", ");
}
