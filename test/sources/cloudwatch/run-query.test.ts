// One Logs Insights query against the stand-in, on a clock that moves only when the code sleeps: how
// it ends when the query fails, never completes, or cannot start, what each message promises
// ("nothing was published … the next run retries"), and that an abandoned query is stopped so it
// does not run on and cost. The same paths through the built CLI: test/pipeline/query-faults.test.ts.
import { GetQueryResultsCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AwsCallError } from "../../../src/errors.js";
import { runInsightsQuery, type InsightsRequest } from "../../../src/sources/cloudwatch/run-query.js";
import type { Clock } from "../../../src/util/clock.js";
import { logsClient } from "../../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../../fake-cloudwatch/start-stand-in.js";

const GROUP = "/mail/postfix";
const FROM = Date.parse("2026-11-29T12:00:00Z");
const TO = FROM + 300_000;

let standIn: StandIn;
let logs: CloudWatchLogsClient;
afterEach(async () => {
  logs.destroy();
  await standIn.close();
});

/** A clock at TO + 10 minutes that jumps ahead by each sleep, recording them. */
function steppingClock() {
  let now = TO + 600_000;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
  };
  return { clock, sleeps };
}

async function setup(lines = 3) {
  standIn = await startStandIn({ now: () => TO + 600_000 });
  standIn.state.seedLogEvents(
    GROUP,
    "mx1",
    Array.from({ length: lines }, (_, i) => ({ timestamp: FROM + i * 1000, message: `line ${i}` })),
  );
  logs = logsClient(standIn.endpoint, { maxAttempts: 1 });
  return steppingClock();
}

const request = (timeout = 60_000, signal?: AbortSignal): InsightsRequest => ({
  queryString: "stats count(*) as n",
  logGroups: [GROUP],
  startTime: FROM / 1000,
  endTime: TO / 1000,
  limit: 10_000,
  timeout,
  context: { queryName: "q", window: "2026-11-29T12:00:00Z–2026-11-29T12:05:00Z" },
  ...(signal === undefined ? {} : { signal }),
});

async function failure(promise: Promise<unknown>): Promise<AwsCallError> {
  const error = await promise.then(
    () => new Error("expected the query to fail"),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AwsCallError);
  return error as AwsCallError;
}

describe(runInsightsQuery.name, () => {
  it("gives the rows, and what the query scanned, once it is Complete", async () => {
    const { clock } = await setup(3);
    const result = await runInsightsQuery({ logs, starter: logs, clock }, request());
    expect(result.rows).toEqual([[{ field: "n", value: "3" }]]);
    expect([result.recordsScanned, result.recordsMatched, result.bytesScanned > 0]).toEqual([3, 3, true]);
  });

  it.each([
    ["Failed", "nothing was published for it; the next run retries"],
    ["Unknown", "nothing was published for it; the next run retries"],
    ["Cancelled", "someone stopped it (StopQuery or the console); nothing was published for it and the next run retries"],
    ["Timeout", "Logs Insights stops queries after 60 minutes; nothing was published for it. Lower schedule.maxCatchUp"],
  ] as const)("a query that ends %s: an error naming the query, the window and the status, and what happens next", async (end, hint) => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "query", end, runningPolls: 1 });
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, request()));
    expect(error.message).toMatch(
      new RegExp(`^query [\\w-]+ \\(q, 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z\\) ended with status ${end}; `),
    );
    expect(error.message).toContain(hint);
    expect(standIn.state.requestCount("GetQueryResults")).toBe(2);
  });

  it("a query still running at the timeout: stopped, and an error saying so with the fix, without sleeping past the deadline", async () => {
    const { clock, sleeps } = await setup();
    standIn.faults.next("StartQuery", { kind: "query", end: "never" });
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, request(60_000)));
    expect(error.message).toMatch(/did not complete within 60 s; it was stopped\. Raise source\.queryTimeout or query a shorter range$/);
    expect(standIn.state.requestCount("StopQuery")).toBe(1);
    expect(error.operation).toBe("GetQueryResults");
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
    // Polls back off from 1 s by 1.5 each time (at random 0.5, the jitter takes a quarter off).
    expect(sleeps.slice(0, 4)).toEqual([750, 1_125, 1_687.5, 2_531.25]);
  });

  it("waits out the account's concurrent-query limit with backoff, then runs the query", async () => {
    const { clock, sleeps } = await setup(2);
    standIn.faults.next("StartQuery", { kind: "limit-exceeded" }, { times: 2 });
    const result = await runInsightsQuery({ logs, starter: logs, clock }, request());
    expect(result.rows).toEqual([[{ field: "n", value: "2" }]]);
    expect(standIn.state.requestCount("StartQuery")).toBe(3);
    expect(sleeps.slice(0, 2)).toEqual([750, 1_125]);
  });

  it("gives up on the concurrent-query limit when the next wait would pass the timeout", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "limit-exceeded" }, { times: 100 });
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, request(3_000)));
    expect(error.message).toMatch(
      /^StartQuery failed \(q, window .*\): LimitExceededException: .*; too many Logs Insights queries are running/,
    );
    // Waits of 0.75 s and 1.125 s fit in 3 s; the third, 1.69 s, would not.
    expect(standIn.state.requestCount("StartQuery")).toBe(3);
  });

  it("a StartQuery that may have started a query (5xx) is not retried, and says the next run queries the window again", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "server-error" });
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, request()));
    expect(error.message).toMatch(
      /^StartQuery failed \(q, window .*\): ServiceUnavailableException: .*; not retried, as it may have started a query anyway \(Logs Insights ends it within 60 minutes\); nothing was published for this window, and the next run \(or the same backfill\) queries it again$/,
    );
    expect(error.operation).toBe("StartQuery");
    expect(error.cause).toMatchObject({ name: "ServiceUnavailableException" });
    expect(standIn.state.requestCount("StartQuery")).toBe(1);
  });

  it("a StartQuery refused outright (access denied) says only that, as no query can have started", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "access-denied" });
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, request()));
    expect(error.message).toMatch(/^StartQuery failed \(q, window .*\): AccessDeniedException: .*; see the IAM policy in the README$/);
    expect(error.message).not.toContain("not retried");
  });

  it("starts nothing once the run was interrupted", async () => {
    const { clock } = await setup();
    const controller = new AbortController();
    controller.abort(new Error("SIGTERM"));
    await expect(runInsightsQuery({ logs, starter: logs, clock }, request(60_000, controller.signal))).rejects.toThrow("SIGTERM");
    expect(standIn.state.requestCount("StartQuery")).toBe(0);
  });

  it("--verbose shows each call: the start over every log group, each poll and its status, the rows and bytes scanned", async () => {
    const { clock } = await setup(3);
    standIn.state.seedLogEvents("/mail/relay", "mx2", [{ timestamp: FROM, message: "relay line" }]);
    standIn.faults.next("StartQuery", { kind: "query", runningPolls: 1 });
    const lines: [string, unknown][] = [];
    const trace = (message: string, fields?: unknown) => void lines.push([message, fields]);
    const result = await runInsightsQuery({ logs, starter: logs, clock, trace }, { ...request(), logGroups: [GROUP, "/mail/relay"] });
    const id = result.queryId;
    const where = "q, 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z";
    expect(lines).toEqual([
      [
        `${where}: StartQuery over /mail/postfix, /mail/relay [${FROM / 1000}, ${TO / 1000}] s: query id ${id}`,
        { query: "q", queryId: id, logGroups: [GROUP, "/mail/relay"] },
      ],
      [`${where}: query ${id} Running after 1 poll`, { query: "q", queryId: id, status: "Running" }],
      [`${where}: query ${id} Complete after 2 polls`, { query: "q", queryId: id, status: "Complete" }],
      [
        `${where}: query ${id}: 1 rows, ${result.bytesScanned} bytes scanned`,
        { query: "q", queryId: id, rows: 1, bytesScanned: result.bytesScanned },
      ],
    ]);
    expect(result.rows).toEqual([[{ field: "n", value: "4" }]]);
    expect(result.bytesScanned).toBeGreaterThan(0);
  });

  it("--verbose shows the StopQuery of an abandoned query, and that query is the one stopped", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "query", end: "never" });
    const lines: [string, unknown][] = [];
    const trace = (message: string, fields?: unknown) => void lines.push([message, fields]);
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock, trace }, request(5_000)));
    const id = error.context.queryId!;
    expect(lines.at(-1)).toEqual([`StopQuery ${id}`, { queryId: id }]);
    const after = await logs.send(new GetQueryResultsCommand({ queryId: id }));
    expect(after.status).toBe("Cancelled");
  });

  it("names a query without a window by its name alone", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "query", end: "Failed" });
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, { ...request(), context: { queryName: "q" } }));
    expect(error.message).toMatch(/^query [\w-]+ \(q\) ended with status Failed; /);
    expect(error.operation).toBe("GetQueryResults");
  });

  it("a GetQueryResults that fails: an error naming the query, its window and id, and the query is stopped", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "query", runningPolls: 1 }).next("GetQueryResults", { kind: "access-denied" });
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, request()));
    expect(error.operation).toBe("GetQueryResults");
    expect(error.message).toMatch(
      /^GetQueryResults failed \(q, window 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z, query id [\w-]+\): AccessDeniedException: /,
    );
    expect(error.context.queryId).toMatch(/\w/);
    expect(standIn.state.requestCount("StopQuery")).toBe(1);
    const after = await logs.send(new GetQueryResultsCommand({ queryId: error.context.queryId! }));
    expect(after.status).toBe("Cancelled");
  });

  it("a query that completes on the poll landing exactly at the deadline gives its rows", async () => {
    const { clock } = await setup(2);
    standIn.faults.next("StartQuery", { kind: "query", runningPolls: 1 });
    // Polls after 0.75 s and 1.125 s: the second lands on the 1.875 s deadline, not past it.
    const result = await runInsightsQuery({ logs, starter: logs, clock }, request(1_875));
    expect(result.rows).toEqual([[{ field: "n", value: "2" }]]);
  });

  it("waits out the concurrent-query limit while the next wait only reaches the timeout", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "limit-exceeded" }, { times: 100 });
    // Waits of 0.75 s, 1.125 s and 1.6875 s end exactly at 3.5625 s; the fourth would pass it.
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, request(3_562.5)));
    expect(error.operation).toBe("StartQuery");
    expect(standIn.state.requestCount("StartQuery")).toBe(4);
  });

  it("a query started while the run was being interrupted is stopped at once, and nothing is read", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "delay", ms: 1_000 });
    const controller = new AbortController();
    const run = runInsightsQuery({ logs, starter: logs, clock }, request(60_000, controller.signal));
    await vi.waitFor(() => expect(standIn.state.requestCount("StartQuery")).toBe(1));
    controller.abort(new Error("SIGTERM"));
    await expect(run).rejects.toThrow("SIGTERM");
    expect(standIn.state.requestCount("StopQuery")).toBe(1);
    expect(standIn.state.requestCount("GetQueryResults")).toBe(0);
  });

  it("a StartQuery answer without a queryId: an error saying so, and no query polled", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "query", omit: ["queryId"] });
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, request()));
    expect([error.operation, error.message]).toEqual([
      "StartQuery",
      "StartQuery returned no queryId, so its results cannot be read; nothing was published for this window, " +
        "and the next run (or the same backfill) queries it again",
    ]);
    expect(standIn.state.requestCount("GetQueryResults")).toBe(0);
  });

  it("a GetQueryResults answer without a status: the query ends as Unknown, and the next run retries", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "query", omit: ["status"] });
    const error = await failure(runInsightsQuery({ logs, starter: logs, clock }, request()));
    expect(error.message).toMatch(/ended with status Unknown; nothing was published for it; the next run retries$/);
    expect(standIn.state.requestCount("GetQueryResults")).toBe(1);
  });

  it("a Complete answer without results: no rows, said missing, with the statistics kept (completeness.ts judges it)", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "query", omit: ["results"] });
    const result = await runInsightsQuery({ logs, starter: logs, clock }, request());
    expect([result.rows, result.resultsMissing, result.fullPageWithoutToken, result.resultCount]).toEqual([[], true, false, 1]);
  });

  it("a Complete answer without statistics: recordsMatched and resultCount unknown, not 0", async () => {
    const { clock } = await setup();
    standIn.faults.next("StartQuery", { kind: "query", omit: ["statistics"] });
    const result = await runInsightsQuery({ logs, starter: logs, clock }, request());
    expect([result.rows.length, result.resultsMissing, result.recordsMatched, result.resultCount]).toEqual([
      1,
      false,
      undefined,
      undefined,
    ]);
  });
});
