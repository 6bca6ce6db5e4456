// What `doctor` asks CloudWatch Logs: does a log group exist (DescribeLogGroups by its name as
// prefix, every page), which groups sit beside it, and can the identity query it: a
// StartQuery over the last second, stopped at once (StopQuery), then one GetQueryResults — so the
// three calls a run makes are each tried, and the query scans next to nothing.
import {
  DescribeLogGroupsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
} from "@aws-sdk/client-cloudwatch-logs";
import { AwsCallError } from "../../errors.js";
import { errorName, wrapAwsError } from "../../aws/errors.js";
import type { Clock } from "../../util/clock.js";

type Logs = Pick<CloudWatchLogsClient, "send">;

export interface GroupLookup {
  readonly exists: boolean;
  /** When it does not: the groups under the same parent path (`/mail/` for `/mail/postfx`), to suggest one. */
  readonly siblings: readonly string[];
}

/** Pages read at most, for the names near a missing group (50 a page). */
const NEAR_PAGES = 4;

export async function lookUpLogGroup(logs: Logs, name: string): Promise<GroupLookup> {
  const exact = await groupNames(logs, name, Infinity);
  if (exact.includes(name)) return { exists: true, siblings: [] };
  const parent = name.slice(0, name.lastIndexOf("/") + 1);
  return { exists: false, siblings: await groupNames(logs, parent, NEAR_PAGES) };
}

async function groupNames(logs: Logs, prefix: string, pages: number): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < pages; page += 1) {
    const answer = await logs
      .send(
        new DescribeLogGroupsCommand({ ...(prefix === "" ? {} : { logGroupNamePrefix: prefix }), ...(token ? { nextToken: token } : {}) }),
      )
      .catch((error: unknown) => {
        throw wrapAwsError("DescribeLogGroups", error, { logGroups: [prefix] });
      });
    // Both members are optional (DescribeLogGroupsResponse, LogGroup): a group without a name is no name to suggest.
    names.push(...(answer.logGroups ?? []).flatMap((group) => group.logGroupName ?? []));
    token = answer.nextToken;
    if (!token) break;
  }
  return names;
}

/** Each call of the probe: "ok", or the error it met. StopQuery on a query that had already ended is allowed too. */
export interface QueryProbe {
  readonly queryId?: string;
  readonly StartQuery: "ok" | AwsCallError;
  readonly StopQuery?: "ok" | AwsCallError;
  readonly GetQueryResults?: "ok" | AwsCallError;
}

export async function probeQuery(logs: Logs, starter: Logs, clock: Clock, group: string): Promise<QueryProbe> {
  const context = { queryName: "doctor's probe", logGroups: [group] };
  const end = Math.floor(clock.now() / 1000);
  let queryId: string | undefined;
  try {
    const input = { logGroupIdentifiers: [group], startTime: end - 1, endTime: end, queryString: "fields @timestamp | limit 1", limit: 1 };
    queryId = (await starter.send(new StartQueryCommand(input))).queryId;
  } catch (error) {
    return { StartQuery: wrapAwsError("StartQuery", error, context) };
  }
  if (!queryId) return { StartQuery: new AwsCallError("StartQuery", "StartQuery returned no queryId", context) };
  const stop = await logs.send(new StopQueryCommand({ queryId })).then(
    () => "ok" as const,
    // Allowed, but the query had ended already: the service refuses to stop it (FIDELITY.md, StopQuery).
    (error: unknown) =>
      errorName(error) === "InvalidParameterException" ? ("ok" as const) : wrapAwsError("StopQuery", error, { ...context, queryId }),
  );
  const results = await logs.send(new GetQueryResultsCommand({ queryId })).then(
    () => "ok" as const,
    (error: unknown) => wrapAwsError("GetQueryResults", error, { ...context, queryId }),
  );
  return { queryId, StartQuery: "ok", StopQuery: stop, GetQueryResults: results };
}
