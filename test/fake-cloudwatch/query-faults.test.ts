import {
  DescribeQueriesCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, describe, expect, it } from "vitest";
import type { CompiledQuery } from "../../src/insights/types.js";
import { compileQuery } from "../../src/insights/compile.js";
import type { StandInOptions } from "./options.js";
import { logsClient } from "./sdk-clients.js";
import { startStandIn, type StandIn } from "./start-stand-in.js";

const T0 = Date.parse("2026-11-20T09:00:00Z");
let standIn: StandIn;
let logs: CloudWatchLogsClient;

async function setUp(options: StandInOptions = {}): Promise<void> {
  standIn = await startStandIn(options);
  logs = logsClient(standIn.endpoint);
  const events = Array.from({ length: 20 }, (_, i) => ({ timestamp: T0 + i * 1000, message: `line ${i}` }));
  standIn.state.seedLogEvents("/mail", "mx1", events);
}
afterEach(async () => {
  logs.destroy();
  await standIn.close();
});

async function start(): Promise<string> {
  const input = { logGroupName: "/mail", startTime: T0 / 1000, endTime: T0 / 1000 + 60, queryString: "fields @message" };
  return (await logs.send(new StartQueryCommand(input))).queryId ?? "";
}

async function statuses(queryId: string, polls: number): Promise<(string | undefined)[]> {
  const seen = [];
  for (let i = 0; i < polls; i++) seen.push((await logs.send(new GetQueryResultsCommand({ queryId }))).status);
  return seen;
}

describe("query outcomes", () => {
  it.each(["Failed", "Timeout", "Cancelled", "Unknown"] as const)("a query can end %s, with no results", async (end) => {
    await setUp();
    standIn.faults.next("StartQuery", { kind: "query", end });
    const queryId = await start();
    expect(await statuses(queryId, 3)).toEqual(["Running", end, end]);
    expect((await logs.send(new GetQueryResultsCommand({ queryId }))).results).toEqual([]);
  });

  it('a query with end "never" stays Running and can only be stopped', async () => {
    await setUp();
    standIn.faults.next("StartQuery", { kind: "query", end: "never" });
    const queryId = await start();
    expect(await statuses(queryId, 5)).toEqual(Array(5).fill("Running"));
    await logs.send(new StopQueryCommand({ queryId }));
    expect(await statuses(queryId, 1)).toEqual(["Cancelled"]);
  });

  it("rowLimit loses rows below the query's limit; statistics.resultCount still counts them", async () => {
    await setUp();
    standIn.faults.next("StartQuery", { kind: "query", rowLimit: 4 });
    const queryId = await start();
    await statuses(queryId, 1);
    const done = await logs.send(new GetQueryResultsCommand({ queryId }));
    expect([done.status, done.results?.length, done.statistics?.recordsMatched, done.statistics?.resultCount]).toEqual([
      "Complete",
      4,
      20,
      20,
    ]);
  });

  it("firstPageOnly answers one page without nextToken or resultCount; withoutResultCount drops resultCount only", async () => {
    await setUp();
    standIn.faults.next("StartQuery", { kind: "query", firstPageOnly: true });
    const capped = await start();
    await statuses(capped, 1);
    const page = await logs.send(new GetQueryResultsCommand({ queryId: capped, maxItems: 5 }));
    expect([page.results?.length, page.nextToken, page.statistics?.resultCount]).toEqual([5, undefined, undefined]);
    standIn.faults.next("StartQuery", { kind: "query", withoutResultCount: true });
    const uncounted = await start();
    await statuses(uncounted, 1);
    const whole = await logs.send(new GetQueryResultsCommand({ queryId: uncounted }));
    expect([whole.results?.length, whole.statistics?.resultCount, whole.statistics?.recordsMatched]).toEqual([20, undefined, 20]);
  });

  it("emptyRows puts rows without cells first; missingCells takes fields out of the first rows", async () => {
    await setUp();
    standIn.faults.next("StartQuery", { kind: "query", emptyRows: 2, missingCells: { fields: ["@message"], rows: 1 } });
    const queryId = await start();
    await statuses(queryId, 1);
    const done = await logs.send(new GetQueryResultsCommand({ queryId }));
    const fields = done.results?.slice(0, 4).map((row) => row.map((cell) => cell.field));
    expect(fields).toEqual([[], [], [], ["@message"]]);
    expect(done.statistics?.resultCount).toBe(22);
  });

  it("reversedCells sends every row's cells in the reverse order", async () => {
    await setUp();
    standIn.faults.next("StartQuery", { kind: "query", reversedCells: true });
    const input = { logGroupName: "/mail", startTime: T0 / 1000, endTime: T0 / 1000 + 60, queryString: "fields @timestamp, @message" };
    const queryId = (await logs.send(new StartQueryCommand(input))).queryId ?? "";
    await statuses(queryId, 1);
    const done = await logs.send(new GetQueryResultsCommand({ queryId }));
    expect(done.results?.map((row) => row.map((cell) => cell.field).slice(0, 2))).toEqual(
      Array.from({ length: 20 }, () => ["@message", "@timestamp"]),
    );
  });

  it("scheduledPolls answers Scheduled with no rows before Running", async () => {
    await setUp();
    standIn.faults.next("StartQuery", { kind: "query", scheduledPolls: 2 });
    const queryId = await start();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await logs.send(new GetQueryResultsCommand({ queryId })));
    expect(answers.map((a) => [a.status, a.results?.length])).toEqual([
      ["Scheduled", 0],
      ["Scheduled", 0],
      ["Running", 10],
      ["Complete", 20],
    ]);
  });

  it("the runningPolls option sets how many polls answer Running; a fault overrides it per query", async () => {
    await setUp({ runningPolls: 3 });
    expect(await statuses(await start(), 4)).toEqual(["Running", "Running", "Running", "Complete"]);
    standIn.faults.next("StartQuery", { kind: "query", runningPolls: 0 });
    expect(await statuses(await start(), 1)).toEqual(["Complete"]);
  });

  it("endsAtOnce: the query has ended before its first poll, so StopQuery finds it not running", async () => {
    await setUp({ runningPolls: 3 });
    standIn.faults.next("StartQuery", { kind: "query", endsAtOnce: true });
    const queryId = await start();
    await expect(logs.send(new StopQueryCommand({ queryId }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    expect(await statuses(queryId, 1)).toEqual(["Complete"]);
  });

  it("a query the engine fails on at run time ends Failed", async () => {
    const broken = (text: string): CompiledQuery => ({
      ...compileQuery(text),
      start: () => ({
        push: () => {
          throw new TypeError("boom");
        },
        finish: () => ({ rows: [], recordsMatched: 0, recordsScanned: 0 }),
        finishTable: () => ({ rows: [], recordsMatched: 0, recordsScanned: 0 }),
      }),
    });
    await setUp({ compile: broken });
    expect(await statuses(await start(), 2)).toEqual(["Running", "Failed"]);
    expect(standIn.state.queries[0]?.engineFailure).toBe("boom");
  });
});

describe("query concurrency", () => {
  it("refuses StartQuery with LimitExceededException while maxConcurrentQueries are Running", async () => {
    await setUp({ maxConcurrentQueries: 2 });
    const first = await start();
    await start();
    await expect(start()).rejects.toMatchObject({
      name: "LimitExceededException",
      message: "Account maximum query concurrency limit of [2] reached.",
    });
    await statuses(first, 2);
    await start();
    const running = await logs.send(new DescribeQueriesCommand({ status: "Running" }));
    expect(running.queries).toHaveLength(2);
  });

  it("the SDK treats LimitExceededException as throttling and retries it", async () => {
    await setUp();
    standIn.faults.next("StartQuery", { kind: "limit-exceeded", limit: 30 });
    await start();
    expect(standIn.state.requests.map((r) => r.errorCode)).toEqual(["LimitExceededException", undefined]);
    standIn.faults.next("StartQuery", { kind: "limit-exceeded", limit: 30 }, { times: 3 });
    await expect(start()).rejects.toMatchObject({ message: "Account maximum query concurrency limit of [30] reached." });
    expect(standIn.state.queries).toHaveLength(1);
  });
});
