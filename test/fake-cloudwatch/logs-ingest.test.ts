import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, type InputLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { logsClient } from "./sdk-clients.js";
import { startStandIn, type StandIn } from "./start-stand-in.js";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const HOUR = 3_600_000;
let standIn: StandIn;
let logs: ReturnType<typeof logsClient>;

beforeEach(async () => {
  standIn = await startStandIn({ now: () => NOW });
  logs = logsClient(standIn.endpoint);
  await logs.send(new CreateLogGroupCommand({ logGroupName: "/mail/postfix" }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: "/mail/postfix", logStreamName: "mx1" }));
});
afterEach(async () => {
  logs.destroy();
  await standIn.close();
});

function put(logEvents: InputLogEvent[], logStreamName = "mx1") {
  return logs.send(new PutLogEventsCommand({ logGroupName: "/mail/postfix", logStreamName, logEvents }));
}

describe("CreateLogGroup / CreateLogStream", () => {
  it("creates a group at the stand-in clock and refuses to create it twice", async () => {
    expect(standIn.state.logGroups.get("/mail/postfix")?.createdAt).toBe(NOW);
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: "/mail/postfix" }))).rejects.toMatchObject({
      name: "ResourceAlreadyExistsException",
    });
  });

  it("refuses a stream in a group that does not exist", async () => {
    const create = logs.send(new CreateLogStreamCommand({ logGroupName: "/nope", logStreamName: "a" }));
    await expect(create).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses a group name outside the model's pattern", async () => {
    await expect(logs.send(new CreateLogGroupCommand({ logGroupName: "bad name" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
    });
  });
});

describe("PutLogEvents", () => {
  it("stores events with their stream, group and ingestion time", async () => {
    await put([
      { timestamp: NOW - 2000, message: "a" },
      { timestamp: NOW - 1000, message: "b" },
    ]);
    expect(standIn.state.logEvents("/mail/postfix")).toEqual([
      { timestamp: NOW - 2000, message: "a", logGroup: "/mail/postfix", logStream: "mx1", ingestionTime: NOW },
      { timestamp: NOW - 1000, message: "b", logGroup: "/mail/postfix", logStream: "mx1", ingestionTime: NOW },
    ]);
  });

  it("rejects too-old events (a leading run) and keeps the rest", async () => {
    const answer = await put([
      { timestamp: NOW - 14 * 24 * HOUR - 1, message: "too old" },
      { timestamp: NOW - 14 * 24 * HOUR + HOUR, message: "kept" },
    ]);
    expect(answer.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
    expect(standIn.state.logEvents("/mail/postfix").map((e) => e.message)).toEqual(["kept"]);
  });

  it("rejects too-new events (a trailing run) and keeps the rest", async () => {
    const answer = await put([
      { timestamp: NOW + HOUR, message: "kept" },
      { timestamp: NOW + 2 * HOUR + 1, message: "too new" },
    ]);
    expect(answer.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    expect(standIn.state.logEvents("/mail/postfix").map((e) => e.message)).toEqual(["kept"]);
  });

  it("accepts events exactly 14 days old and exactly 2 hours ahead", async () => {
    const oldest = await put([{ timestamp: NOW - 14 * 24 * HOUR, message: "oldest" }]);
    const newest = await put([{ timestamp: NOW + 2 * HOUR, message: "newest" }]);
    expect([oldest.rejectedLogEventsInfo, newest.rejectedLogEventsInfo]).toEqual([undefined, undefined]);
    expect(standIn.state.logEvents("/mail/postfix")).toHaveLength(2);
  });

  it.each([
    [
      "out of chronological order",
      [
        { timestamp: NOW, message: "b" },
        { timestamp: NOW - 1, message: "a" },
      ],
    ],
    [
      "spanning more than 24 hours",
      [
        { timestamp: NOW - 24 * HOUR - 1, message: "a" },
        { timestamp: NOW, message: "b" },
      ],
    ],
    ["empty", []],
    ["with an empty message", [{ timestamp: NOW, message: "" }]],
  ])("refuses a batch %s and stores nothing", async (_, events) => {
    await expect(put(events)).rejects.toMatchObject({ name: "InvalidParameterException" });
    expect(standIn.state.logEvents("/mail/postfix")).toEqual([]);
  });

  it("refuses more than 10,000 events but takes exactly 10,000", async () => {
    const events = (n: number) => Array.from({ length: n }, (_, i) => ({ timestamp: NOW - 20_000 + i, message: "x" }));
    await expect(put(events(10_001))).rejects.toMatchObject({ name: "InvalidParameterException" });
    await put(events(10_000));
    expect(standIn.state.logEvents("/mail/postfix")).toHaveLength(10_000);
  });

  it("counts 26 bytes per event plus UTF-8 message bytes against the 1,048,576-byte batch limit", async () => {
    // Two events of 524,262 two-byte characters' worth: exactly at the limit with the overhead.
    const fits = "é".repeat((1_048_576 / 2 - 26) / 2);
    await put([
      { timestamp: NOW, message: fits },
      { timestamp: NOW, message: fits },
    ]);
    const over = [
      { timestamp: NOW, message: fits },
      { timestamp: NOW, message: `${fits}x` },
    ];
    await expect(put(over)).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  it("refuses a stream that does not exist", async () => {
    await expect(put([{ timestamp: NOW, message: "a" }], "mx9")).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });
});
