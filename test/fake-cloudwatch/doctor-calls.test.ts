// The calls `doctor` adds to what the stand-in speaks, through the real SDK clients: STS
// GetCallerIdentity (awsQuery, XML), DescribeLogGroups by prefix with paging, and a denied call as
// each service answers it.
import { GetMetricDataCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CreateLogGroupCommand, DescribeLogGroupsCommand, StartQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { logsClient, metricsClient, stsClient } from "./sdk-clients.js";
import { startStandIn, type StandIn } from "./start-stand-in.js";

const NOW = Date.parse("2026-11-20T10:00:00Z");
let standIn: StandIn;

beforeEach(async () => {
  standIn = await startStandIn({ now: () => NOW, accountId: "111122223333" });
});
afterEach(() => standIn.close());

describe("STS GetCallerIdentity", () => {
  it("answers the account, and the signing access key as the user, in awsQuery XML the SDK parses", async () => {
    const sts = stsClient(standIn.endpoint);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: "111122223333", UserId: "test", Arn: "arn:aws:iam::111122223333:user/test" });
    expect(standIn.state.requests.at(-1)).toMatchObject({ service: "sts", operation: "GetCallerIdentity", outcome: 200 });
    sts.destroy();
  });
});

describe("DescribeLogGroups", () => {
  it("lists the groups a prefix matches, sorted, paged by limit with nextToken", async () => {
    const logs = logsClient(standIn.endpoint);
    for (const name of ["/mail/postfix", "/mail/dovecot", "/mail/postfix-relay", "/web"])
      await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/mail/", limit: 2 }));
    expect(first.logGroups?.map((group) => group.logGroupName)).toEqual(["/mail/dovecot", "/mail/postfix"]);
    const second = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/mail/", limit: 2, nextToken: first.nextToken }));
    expect([second.logGroups?.map((group) => group.logGroupName), second.nextToken]).toEqual([["/mail/postfix-relay"], undefined]);
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/mail/postfx" }))).logGroups).toEqual([]);
    logs.destroy();
  });

  it("lists every group without a prefix, and refuses an empty one (the prefix is 1 to 512 characters)", async () => {
    const logs = logsClient(standIn.endpoint);
    for (const name of ["/mail/postfix", "web"]) await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const all = await logs.send(new DescribeLogGroupsCommand({}));
    expect(all.logGroups?.map((group) => group.logGroupName)).toEqual(["/mail/postfix", "web"]);
    await expect(logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "" }))).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("logGroupNamePrefix"),
    });
    logs.destroy();
  });
});

describe("an answer with members left out (fault without)", () => {
  it("DescribeLogGroups without its logGroups list, or with groups that have no logGroupName", async () => {
    const logs = logsClient(standIn.endpoint);
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/mail/postfix" }));
    standIn.faults.next("DescribeLogGroups", { kind: "without", members: ["logGroups"] });
    expect(await logs.send(new DescribeLogGroupsCommand({}))).not.toHaveProperty("logGroups");
    standIn.faults.next("DescribeLogGroups", { kind: "without", members: ["logGroups.logGroupName"] });
    const nameless = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
    expect([nameless.length, nameless[0]?.logGroupName, nameless[0]?.logGroupArn]).toEqual([
      1,
      undefined,
      "arn:aws:logs:us-east-1:111122223333:log-group:/mail/postfix",
    ]);
    logs.destroy();
  });
});

describe("a call the identity's policy does not allow (fault access-denied)", () => {
  it("CloudWatch Logs answers AccessDeniedException, CloudWatch AccessDenied with HTTP 403, naming the action", async () => {
    const logs = logsClient(standIn.endpoint);
    const metrics = metricsClient(standIn.endpoint);
    standIn.faults
      .next("StartQuery", { kind: "access-denied" })
      .next("GetMetricData", { kind: "access-denied" })
      .next("PutMetricData", { kind: "access-denied" });
    await expect(
      logs.send(new StartQueryCommand({ logGroupName: "/mail/postfix", startTime: 1, endTime: 2, queryString: "fields @message" })),
    ).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: expect.stringContaining("is not authorized to perform: logs:StartQuery"),
    });
    const read = new GetMetricDataCommand({ StartTime: new Date(NOW - 60_000), EndTime: new Date(NOW), MetricDataQueries: [] });
    await expect(metrics.send(read)).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    await expect(
      metrics.send(new PutMetricDataCommand({ Namespace: "N", MetricData: [{ MetricName: "m", Value: 1 }] })),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    logs.destroy();
    metrics.destroy();
  });
});
