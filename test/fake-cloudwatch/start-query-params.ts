// StartQuery parameters, per the StartQuery API reference (client-cloudwatch-logs@3.1169.0):
// exactly one of logGroupName / logGroupNames / logGroupIdentifiers (≤ 50, names or ARNs without a
// trailing *), startTime/endTime in epoch SECONDS, queryString ≤ 10,000 chars, limit 1–100,000.
import type { HandlerContext } from "./handler.js";
import { invalid, optionalInteger, optionalString, requiredNumber, requiredString, stringList, type Input } from "./input.js";
import { checkGroupName, existingGroup, logGroupName } from "./logs-ingest.js";
import type { LogGroupRecord } from "./records.js";
import { ServiceError } from "./service-error.js";

export const MAX_LOG_GROUPS = 50;
export const MAX_QUERY_LENGTH = 10_000;
export const MAX_LIMIT = 100_000;
/** UNCONFIRMED default when `limit` is omitted; the older model said 10,000. */
export const DEFAULT_LIMIT = 10_000;
/** Epoch seconds past year 5138: a caller sending milliseconds. AWS's own JS example does (docs/cloudwatch-facts.md#start-query-parameters). */
const SECONDS_CEILING = 1e11;

export interface StartQueryParams {
  readonly groups: readonly LogGroupRecord[];
  readonly startTime: number;
  readonly endTime: number;
  readonly queryString: string;
  readonly limit: number;
}

export function readStartQuery(input: Input, context: HandlerContext): StartQueryParams {
  const language = optionalString("logs", input, "queryLanguage");
  if (language !== undefined && language !== "CWLI") {
    throw invalid("logs", "queryLanguage", language, "the stand-in runs Logs Insights QL (CWLI) only");
  }
  const groups = selectGroups(input).map((name) => existingGroup(context, name));
  const startTime = epochSeconds(input, "startTime");
  const endTime = epochSeconds(input, "endTime");
  if (endTime < startTime) throw invalid("logs", "endTime", endTime, `must not be before startTime ${startTime}`);
  const queryString = requiredString("logs", input, "queryString");
  if (queryString.length > MAX_QUERY_LENGTH) {
    throw invalid("logs", "queryString", `${queryString.length} characters`, `at most ${MAX_QUERY_LENGTH}`);
  }
  const limit = optionalInteger("logs", input, "limit", [1, MAX_LIMIT]) ?? DEFAULT_LIMIT;
  if (context.options.checkLogGroupCreation && groups.some((group) => endTime * 1000 < group.createdAt)) {
    throw new ServiceError(
      "MalformedQueryException",
      "Query's end date and time is either before the log groups creation time or exceeds the log groups log retention settings",
    );
  }
  return { groups, startTime, endTime, queryString, limit };
}

function selectGroups(input: Input): string[] {
  const given = ["logGroupName", "logGroupNames", "logGroupIdentifiers"].filter((key) => input[key] != null);
  if (given.length !== 1) {
    throw new ServiceError(
      "InvalidParameterException",
      `Specify exactly one of logGroupName, logGroupNames or logGroupIdentifiers (got ${given.join(", ") || "none"})`,
    );
  }
  if (given[0] === "logGroupName") return [logGroupName(input)];
  const key = given[0] as "logGroupNames" | "logGroupIdentifiers";
  const list = stringList("logs", input, key) ?? [];
  if (list.length === 0 || list.length > MAX_LOG_GROUPS) {
    throw invalid("logs", key, `${list.length} log groups`, `1 to ${MAX_LOG_GROUPS} allowed`);
  }
  return key === "logGroupNames"
    ? list.map((name, i) => checkGroupName(name, `${key}[${i}]`))
    : list.map((identifier, i) => groupNameOf(identifier, `${key}[${i}]`));
}

/** A name, or `arn:aws:logs:region:account-id:log-group:name` (a trailing `*` is refused). */
function groupNameOf(identifier: string, path: string): string {
  if (!identifier.startsWith("arn:")) return checkGroupName(identifier, path);
  const match = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:([^:*]+)$/.exec(identifier);
  if (match?.[1] === undefined) {
    throw invalid("logs", path, identifier, "expected arn:aws:logs:region:account-id:log-group:name without a trailing *");
  }
  return checkGroupName(match[1], path);
}

function epochSeconds(input: Input, key: string): number {
  const value = requiredNumber("logs", input, key);
  if (!Number.isInteger(value) || value < 0) throw invalid("logs", key, value, "epoch seconds, an integer ≥ 0");
  if (value >= SECONDS_CEILING) {
    throw invalid("logs", key, value, "looks like epoch milliseconds; StartQuery takes epoch seconds (stand-in check)");
  }
  return value;
}
