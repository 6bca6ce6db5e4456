import {
  CreateLogGroupCommand,
  DescribeQueriesCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
  type StartQueryCommandInput,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { logsClient } from "./sdk-clients.js";
import { startStandIn, type StandIn } from "./start-stand-in.js";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const T0 = Date.parse("2026-11-20T09:00:00Z");
const GROUP = "/mail/postfix";
let standIn: StandIn;
let logs: CloudWatchLogsClient;

beforeEach(async () => {
  standIn = await startStandIn({ now: () => NOW });
  logs = logsClient(standIn.endpoint);
  standIn.state.seedLogEvents(GROUP, "mx1", [
    { timestamp: T0 - 1, message: "before" },
    { timestamp: T0, message: "at start" },
    { timestamp: T0 + 300_000, message: "at end second" },
    { timestamp: T0 + 300_999, message: "end second, last ms" },
    { timestamp: T0 + 301_000, message: "after" },
  ]);
});
afterEach(async () => {
  logs.destroy();
  await standIn.close();
});

const window = { startTime: T0 / 1000, endTime: T0 / 1000 + 300 };

async function start(input: Partial<StartQueryCommandInput> = {}): Promise<string> {
  const answer = await logs.send(
    new StartQueryCommand({ logGroupName: GROUP, ...window, queryString: "fields @timestamp, @message | sort @timestamp asc", ...input }),
  );
  return answer.queryId ?? "";
}

async function results(queryId: string, extra: { maxItems?: number; nextToken?: string } = {}) {
  return logs.send(new GetQueryResultsCommand({ queryId, ...extra }));
}

/** Polls until the query leaves Running (the stand-in ends by default on the second poll). */
async function complete(queryId: string) {
  for (;;) {
    const answer = await results(queryId);
    if (answer.status !== "Running") return answer;
  }
}

const messages = (rows: { field?: string; value?: string }[][] = []) =>
  rows.map((row) => row.find((cell) => cell.field === "@message")?.value);

describe("StartQuery / GetQueryResults", () => {
  it("answers Running with partial results first (the older half of the events), then Complete with rows and statistics", async () => {
    const queryId = await start();
    const first = await results(queryId);
    expect(first.status).toBe("Running");
    expect(messages(first.results)).toEqual(["at start"]);
    const second = await results(queryId);
    expect(second.status).toBe("Complete");
    expect(messages(second.results)).toEqual(["at start", "at end second"]);
    expect(second.statistics).toEqual({
      recordsMatched: 2,
      recordsScanned: 2,
      bytesScanned: ["at start", "at end second"].join("").length + 2 * 26,
      estimatedRecordsSkipped: 0,
      estimatedBytesSkipped: 0,
      logGroupsScanned: 1,
      resultCount: 2,
    });
  });

  it("hands the engine @log as account-id:group, @logStream and the ingestion time", async () => {
    const done = await complete(await start({ queryString: "fields @log, @logStream" }));
    expect(done.results?.[0]).toEqual(
      expect.arrayContaining([
        { field: "@log", value: `123456789012:${GROUP}` },
        { field: "@logStream", value: "mx1" },
      ]),
    );
  });

  it("records every query with the parameters as sent", async () => {
    await start({ limit: 7 });
    expect(standIn.state.queries).toMatchObject([
      {
        logGroupNames: [GROUP],
        startTime: window.startTime,
        endTime: window.endTime,
        limit: 7,
        queryString: "fields @timestamp, @message | sort @timestamp asc",
      },
    ]);
    expect(standIn.state.requestCount("StartQuery")).toBe(1);
  });

  it("accepts log group names and ARNs, and queries every listed group", async () => {
    standIn.state.seedLogEvents("/mail/other", "s", [{ timestamp: T0 + 1, message: "other" }]);
    const arn = "arn:aws:logs:us-east-1:123456789012:log-group:/mail/other";
    const done = await complete(await start({ logGroupName: undefined, logGroupIdentifiers: [GROUP, arn] }));
    expect(messages(done.results)).toContain("other");
    expect(done.statistics?.logGroupsScanned).toBe(2);
  });

  it.each([
    ["two group selectors", { logGroupNames: [GROUP] }],
    ["no group selector", { logGroupName: undefined }],
    ["51 groups", { logGroupName: undefined, logGroupNames: Array.from({ length: 51 }, () => GROUP) }],
    [
      "an ARN with a trailing *",
      { logGroupName: undefined, logGroupIdentifiers: [`arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}:*`] },
    ],
    ["milliseconds instead of seconds", { startTime: T0, endTime: T0 + 300_000 }],
    ["endTime before startTime", { startTime: window.endTime, endTime: window.startTime }],
    ["limit 0", { limit: 0 }],
    ["limit 100,001", { limit: 100_001 }],
    ["a query over 10,000 characters", { queryString: `fields @message ${" ".repeat(10_000)}` }],
    ["an SQL query", { queryLanguage: "SQL" as const }],
  ])("refuses %s with InvalidParameterException", async (_, input) => {
    await expect(start(input)).rejects.toMatchObject({ name: "InvalidParameterException" });
    expect(standIn.state.queries).toEqual([]);
  });

  it("with checkLogGroupCreation, refuses an endTime before the group was created, like AWS", async () => {
    const strict = await startStandIn({ now: () => NOW, checkLogGroupCreation: true });
    const client = logsClient(strict.endpoint);
    await client.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
    const query = { logGroupName: GROUP, queryString: "fields @message", startTime: window.startTime };
    await expect(client.send(new StartQueryCommand({ ...query, endTime: NOW / 1000 - 1 }))).rejects.toMatchObject({
      name: "MalformedQueryException",
      message: expect.stringMatching(/^Query's end date and time/),
    });
    await client.send(new StartQueryCommand({ ...query, endTime: NOW / 1000 }));
    client.destroy();
    await strict.close();
  });

  it("refuses a log group that does not exist", async () => {
    await expect(start({ logGroupName: "/nope" })).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses a query the engine rejects with MalformedQueryException and its location", async () => {
    const failure = start({ queryString: "fields @message\n| frobnicate x" });
    await expect(failure).rejects.toMatchObject({
      name: "MalformedQueryException",
      queryCompileError: { location: { startCharOffset: 18, endCharOffset: 18 } },
    });
  });

  it("caps rows at the query's limit and pages them with maxItems / nextToken", async () => {
    const events = Array.from({ length: 30 }, (_, i) => ({ timestamp: T0 + 1000 + i, message: `m${i}` }));
    standIn.state.seedLogEvents(GROUP, "bulk", events);
    const queryId = await start({ limit: 25, queryString: "filter @message like /^m/ | sort @timestamp asc" });
    await results(queryId);
    const pages = [];
    let token: string | undefined;
    do {
      const page = await results(queryId, { maxItems: 10, ...(token ? { nextToken: token } : {}) });
      pages.push(messages(page.results));
      token = page.nextToken;
    } while (token !== undefined);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(events.slice(0, 25).map((e) => e.message));
  });

  it("refuses a nextToken from another query", async () => {
    standIn.state.seedLogEvents(GROUP, "bulk", [
      { timestamp: T0 + 1, message: "x" },
      { timestamp: T0 + 2, message: "y" },
    ]);
    const first = await start();
    await complete(first);
    const token = (await results(first, { maxItems: 1 })).nextToken;
    const second = await start();
    await complete(second);
    await expect(results(second, { nextToken: token ?? "" })).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("answers ResourceNotFoundException for an unknown query id", async () => {
    await expect(results("no-such-query")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe('StartQuery\'s time range under each reading of "inclusive" (query-range.ts)', () => {
  it.each([
    ["stated", ["at start", "at end second"]],
    ["whole-second", ["at start", "at end second", "end second, last ms"]],
    ["outward", ["before", "at start", "at end second", "end second, last ms", "after"]],
  ] as const)("%s covers %j", async (rangeReading, expected) => {
    const reading = await startStandIn({ now: () => NOW, rangeReading });
    reading.state.seedLogEvents(GROUP, "mx1", standIn.state.logEvents(GROUP));
    const client = logsClient(reading.endpoint);
    const input = { logGroupName: GROUP, ...window, queryString: "fields @message | sort @timestamp asc" };
    const { queryId } = await client.send(new StartQueryCommand(input));
    const answers = [
      await client.send(new GetQueryResultsCommand({ queryId })),
      await client.send(new GetQueryResultsCommand({ queryId })),
    ];
    expect(answers.map((answer) => answer.status)).toEqual(["Running", "Complete"]);
    expect(messages(answers[1]!.results)).toEqual(expected);
    client.destroy();
    await reading.close();
  });
});

describe("StopQuery", () => {
  it("cancels a running query, which then reports Cancelled with no results", async () => {
    const queryId = await start();
    const stopped = await logs.send(new StopQueryCommand({ queryId }));
    expect(stopped.success).toBe(true);
    const after = await results(queryId);
    expect([after.status, after.results]).toEqual(["Cancelled", []]);
  });

  it("refuses to stop a query that has ended", async () => {
    const queryId = await start();
    await complete(queryId);
    await expect(logs.send(new StopQueryCommand({ queryId }))).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("answers ResourceNotFoundException for an unknown query id", async () => {
    await expect(logs.send(new StopQueryCommand({ queryId: "nope" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});

describe("DescribeQueries", () => {
  it("lists queries newest first with their current status, filtered by status and group", async () => {
    const done = await start({ queryString: "stats count(*) as n" });
    await complete(done);
    const running = await start();
    const all = await logs.send(new DescribeQueriesCommand({}));
    expect(all.queries?.map((q) => [q.queryId, q.status, q.logGroupName])).toEqual([
      [running, "Running", GROUP],
      [done, "Complete", GROUP],
    ]);
    const onlyRunning = await logs.send(new DescribeQueriesCommand({ status: "Running" }));
    expect(onlyRunning.queries?.map((q) => q.queryId)).toEqual([running]);
    const otherGroup = await logs.send(new DescribeQueriesCommand({ logGroupName: "/other" }));
    expect(otherGroup.queries).toEqual([]);
  });

  it("pages with maxResults and nextToken", async () => {
    const ids = [await start(), await start(), await start()];
    const first = await logs.send(new DescribeQueriesCommand({ maxResults: 2 }));
    const second = await logs.send(new DescribeQueriesCommand({ maxResults: 2, nextToken: first.nextToken }));
    expect([...(first.queries ?? []), ...(second.queries ?? [])].map((q) => q.queryId)).toEqual(ids.reverse());
    expect(second.nextToken).toBeUndefined();
  });
});
