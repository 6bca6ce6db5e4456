// StartQuery, GetQueryResults, StopQuery, DescribeQueries.
import { randomUUID } from "node:crypto";
import type { Handler, HandlerContext } from "./handler.js";
import { optionalInteger, optionalString, requiredString, type Input } from "./input.js";
import { makeToken, readToken } from "./page-token.js";
import { currentStatus, isRunning, poll } from "./query-lifecycle.js";
import { compileOrReject, runQuery } from "./query-run.js";
import type { OmittedMember } from "./faults.js";
import type { QueryRecord } from "./records.js";
import { spoil } from "./result-faults.js";
import { ServiceError } from "./service-error.js";
import { readStartQuery } from "./start-query-params.js";

/** GetQueryResults returns at most 10,000 rows per call (GetQueryResults reference, maxItems). */
const MAX_PAGE = 10_000;

export const startQuery: Handler = (input, context) => {
  const params = readStartQuery(input, context);
  checkConcurrency(context);
  const compiled = compileOrReject(context.options.compile, params.queryString);
  const fault = context.faults.takeQuery();
  const outcome = runQuery(compiled, { ...params, reading: context.options.rangeReading, accountId: context.options.accountId });
  const query: QueryRecord = {
    queryId: randomUUID(),
    queryString: params.queryString,
    logGroupNames: params.groups.map((group) => group.name),
    startTime: params.startTime,
    endTime: params.endTime,
    limit: params.limit,
    createdAt: context.options.now(),
    end: fault?.end ?? "Complete",
    scheduledPolls: fault?.scheduledPolls ?? 0,
    runningPolls: fault?.runningPolls ?? context.options.runningPolls,
    endsAtOnce: fault?.endsAtOnce === true,
    engineFailure: outcome.engineFailure,
    ...spoil(outcome, fault),
    partial: outcome.partial,
    firstPageOnly: fault?.firstPageOnly === true,
    omit: fault?.omit ?? [],
    polls: 0,
    stopped: false,
  };
  context.state.queries.push(query);
  return query.omit.includes("queryId") ? {} : { queryId: query.queryId };
};

function checkConcurrency(context: HandlerContext): void {
  const max = context.options.maxConcurrentQueries;
  if (max !== undefined && context.state.queries.filter(isRunning).length >= max) {
    throw new ServiceError("LimitExceededException", `Account maximum query concurrency limit of [${max}] reached.`);
  }
}

function findQuery(input: Input, context: HandlerContext): QueryRecord {
  const queryId = requiredString("logs", input, "queryId");
  const query = context.state.queries.find((q) => q.queryId === queryId);
  if (query === undefined) throw new ServiceError("ResourceNotFoundException", `Query with id ${queryId} does not exist.`);
  return query;
}

export const getQueryResults: Handler = (input, context) => {
  const query = findQuery(input, context);
  return withoutMembers(answerResults(input, query), query.omit);
};

function withoutMembers(answer: Record<string, unknown>, omit: readonly OmittedMember[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answer).filter(([member]) => !omit.includes(member as OmittedMember)));
}

function answerResults(input: Input, query: QueryRecord): Record<string, unknown> {
  const status = poll(query);
  if (status === "Running") {
    // Partial results while Running (GetQueryResults reference): rows the client must not use.
    const { rows, statistics } = query.partial();
    return { queryLanguage: "CWLI", status, results: rows, statistics };
  }
  if (status !== "Complete") {
    const statistics = { ...query.statistics, recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 };
    return { queryLanguage: "CWLI", status, results: [], statistics };
  }
  const pageSize = optionalInteger("logs", input, "maxItems", [1, MAX_PAGE]) ?? MAX_PAGE;
  const offset = readToken(optionalString("logs", input, "nextToken"), query.queryId, "InvalidParameterException");
  const results = query.rows.slice(offset, offset + pageSize);
  const more = offset + pageSize < query.rows.length && !query.firstPageOnly;
  return {
    queryLanguage: "CWLI",
    status,
    results,
    statistics: query.statistics,
    ...(more ? { nextToken: makeToken(query.queryId, offset + pageSize) } : {}),
  };
}

export const stopQuery: Handler = (input, context) => {
  const query = findQuery(input, context);
  if (!isRunning(query)) {
    // "If the query has already ended, the operation returns an error indicating that the specified
    // query is not running" (StopQuery reference); the exception name is UNCONFIRMED.
    throw new ServiceError("InvalidParameterException", `Query ${query.queryId} is not running.`);
  }
  query.stopped = true;
  return { success: true };
};

export const describeQueries: Handler = (input, context) => {
  const group = optionalString("logs", input, "logGroupName");
  const status = optionalString("logs", input, "status");
  const maxResults = optionalInteger("logs", input, "maxResults", [1, 1000]) ?? 1000;
  const offset = readToken(optionalString("logs", input, "nextToken"), "DescribeQueries", "InvalidParameterException");
  const matching = [...context.state.queries]
    .reverse()
    .filter((q) => (group === undefined || q.logGroupNames.includes(group)) && (status === undefined || currentStatus(q) === status));
  const page = matching.slice(offset, offset + maxResults).map((q) => ({
    queryLanguage: "CWLI",
    queryId: q.queryId,
    queryString: q.queryString,
    status: currentStatus(q),
    createTime: q.createdAt,
    logGroupName: q.logGroupNames[0],
  }));
  const more = offset + maxResults < matching.length;
  return { queries: page, ...(more ? { nextToken: makeToken("DescribeQueries", offset + maxResults) } : {}) };
};
