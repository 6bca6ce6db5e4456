// What `doctor` asks CloudWatch Logs, against the stand-in through the real SDK client: whether a
// log group exists and which groups sit beside a missing one (the prefixes asked, every page of the
// exact name, at most four pages of the neighbours), and the probe query — started over the group,
// stopped at once, read once — with each call's error as doctor prints it.
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lookUpLogGroup, probeQuery } from "../../../src/sources/cloudwatch/probe.js";
import type { Clock } from "../../../src/util/clock.js";
import { logsClient } from "../../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../../fake-cloudwatch/start-stand-in.js";

const NOW = Date.parse("2026-12-04T12:00:00Z");
const clock: Clock = { now: () => NOW, sleep: async () => {}, random: () => 0.5 };
const DENIED = /AccessDeniedException: User: arn:aws:iam::\d{12}:user\/\S+ is not authorized to perform: logs:/;

let standIn: StandIn;
let logs: CloudWatchLogsClient;
beforeEach(async () => {
  standIn = await startStandIn({ now: () => NOW });
  logs = logsClient(standIn.endpoint, { maxAttempts: 1 });
});
afterEach(async () => {
  logs.destroy();
  await standIn.close();
});

const groups = (...names: string[]) => {
  for (const name of names) standIn.state.ensureLogGroup(name);
};
/** What each DescribeLogGroups asked: its prefix (or none) and whether it carried a nextToken. */
const asked = () =>
  standIn.state.requests
    .filter((request) => request.operation === "DescribeLogGroups")
    .map((request) => `${request.input?.logGroupNamePrefix ?? "(no prefix)"}${request.input?.nextToken ? " +token" : ""}`);

describe(lookUpLogGroup.name, () => {
  it("finds a group by its name as prefix", async () => {
    groups("/mail/postfix", "/mail/postfix-relay", "/web");
    expect((await lookUpLogGroup(logs, "/mail/postfix")).exists).toBe(true);
    expect(asked()).toEqual(["/mail/postfix"]);
  });

  it("a missing group: the groups under its parent path, asked by that prefix, to suggest one", async () => {
    groups("/mail/postfix", "/mail/postfix-relay", "/mail/dovecot", "/mailer/postfix", "/web");
    expect(await lookUpLogGroup(logs, "/mail/postfx")).toEqual({
      exists: false,
      siblings: ["/mail/dovecot", "/mail/postfix", "/mail/postfix-relay"],
    });
    expect(asked()).toEqual(["/mail/postfx", "/mail/"]);
  });

  it("a missing group with no parent path: every group, asked with no prefix (an empty one is refused)", async () => {
    groups("postfix", "/mail/postfix");
    expect(await lookUpLogGroup(logs, "postfx")).toEqual({ exists: false, siblings: ["/mail/postfix", "postfix"] });
    expect(asked()).toEqual(["postfx", "(no prefix)"]);
  });

  it("reads the neighbours page by page with nextToken, four pages of 50 at most", async () => {
    groups(...Array.from({ length: 250 }, (_, i) => `/mail/g${String(i).padStart(3, "0")}`));
    const found = await lookUpLogGroup(logs, "/mail/postfix");
    expect(found.exists).toBe(false);
    expect(found.siblings).toEqual(Array.from({ length: 200 }, (_, i) => `/mail/g${String(i).padStart(3, "0")}`));
    expect(asked()).toEqual(["/mail/postfix", "/mail/", "/mail/ +token", "/mail/ +token", "/mail/ +token"]);
  });

  it("an answer without its list, or a group without a name, adds no name to the suggestions", async () => {
    groups("/mail/postfix", "/mail/dovecot");
    standIn.faults.next("DescribeLogGroups", { kind: "without", members: ["logGroups"] });
    expect(await lookUpLogGroup(logs, "/mail/postfx")).toEqual({ exists: false, siblings: ["/mail/dovecot", "/mail/postfix"] });
    standIn.faults.next("DescribeLogGroups", { kind: "without", members: ["logGroups.logGroupName"] }, { times: 2 });
    expect(await lookUpLogGroup(logs, "/mail/postfx")).toEqual({ exists: false, siblings: [] });
  });

  it("a failed DescribeLogGroups is named in the error doctor prints", async () => {
    standIn.faults.next("DescribeLogGroups", { kind: "server-error" });
    await expect(lookUpLogGroup(logs, "/mail/postfix")).rejects.toThrow(/^DescribeLogGroups failed: ServiceUnavailableException: /);
  });
});

describe(probeQuery.name, () => {
  const probe = (group = "/mail/postfix") => probeQuery(logs, logs, clock, group);
  beforeEach(() => groups("/mail/postfix"));

  it("starts a query over the group's last second, stops it and reads it: each call ok", async () => {
    const result = await probe();
    expect(result).toEqual({ queryId: expect.any(String), StartQuery: "ok", StopQuery: "ok", GetQueryResults: "ok" });
    expect(standIn.state.queries).toMatchObject([
      { queryId: result.queryId, logGroupNames: ["/mail/postfix"], startTime: NOW / 1000 - 1, endTime: NOW / 1000, stopped: true },
    ]);
  });

  it("a query that ended before StopQuery reached it: StopQuery refused as not running counts as allowed", async () => {
    standIn.faults.next("StartQuery", { kind: "query", endsAtOnce: true });
    const result = await probe();
    expect(result).toMatchObject({ StartQuery: "ok", StopQuery: "ok", GetQueryResults: "ok" });
    expect(standIn.state.requests.find((request) => request.operation === "StopQuery")?.errorCode).toBe("InvalidParameterException");
  });

  it("StopQuery denied: its error, naming the probe and the query id", async () => {
    standIn.faults.next("StopQuery", { kind: "access-denied" });
    const result = await probe();
    expect(result.StopQuery).toBeInstanceOf(Error);
    expect((result.StopQuery as Error).message).toMatch(new RegExp(`^StopQuery failed \\(doctor's probe, query id ${result.queryId}\\): `));
    expect((result.StopQuery as Error).message).toMatch(DENIED);
    expect(result.GetQueryResults).toBe("ok");
  });

  it("GetQueryResults denied: its error, naming the probe and the query id", async () => {
    standIn.faults.next("GetQueryResults", { kind: "access-denied" });
    const result = await probe();
    expect(result.StopQuery).toBe("ok");
    expect(result.GetQueryResults).toBeInstanceOf(Error);
    expect((result.GetQueryResults as Error).message).toMatch(
      new RegExp(`^GetQueryResults failed \\(doctor's probe, query id ${result.queryId}\\): `),
    );
    expect((result.GetQueryResults as Error).message).toMatch(DENIED);
  });

  it("StartQuery answered without a queryId: that error, and nothing stopped or read", async () => {
    standIn.faults.next("StartQuery", { kind: "query", omit: ["queryId"] });
    const result = await probe();
    expect(Object.keys(result)).toEqual(["StartQuery"]);
    expect((result.StartQuery as Error).message).toBe("StartQuery returned no queryId");
    expect(standIn.state.requests.map((request) => request.operation)).toEqual(["StartQuery"]);
  });

  it("StartQuery over a group that does not exist: the error names the probe and the group as given", async () => {
    const result = await probe("/mail/postfx");
    expect(Object.keys(result)).toEqual(["StartQuery"]);
    expect((result.StartQuery as Error).message).toMatch(
      /^StartQuery failed \(doctor's probe\): ResourceNotFoundException: The specified log group does not exist\.; the log group \/mail\/postfx as the config gives it may not exist /,
    );
  });
});
