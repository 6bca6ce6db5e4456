// doctor's checks against the stand-in with the real SDK clients (STS, CloudWatch Logs, CloudWatch):
// what passes, and each problem with its fix — a mistyped log group, a denied call, no credentials —
// and that the probe query is stopped at once and publishes nothing.
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClients } from "../../src/aws/clients.js";
import { identityProbe } from "../../src/aws/identity.js";
import { doctorChecks, type Check } from "../../src/cli/doctor-checks.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { Clock } from "../../src/util/clock.js";
import { metricsClient } from "../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";
import { tempTree } from "../config/temp-tree.js";

const NOW = Date.parse("2026-11-29T12:15:00Z");
const clock: Clock = { now: () => NOW, sleep: async () => {}, random: () => 0.5 };
const VARIABLES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_REGION", "HOME", "AWS_EC2_METADATA_DISABLED"];
const ACCOUNT = "123456789012";

let standIn: StandIn;
let saved: Record<string, string | undefined>;
beforeEach(async () => {
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_EC2_METADATA_DISABLED: "true" });
  standIn = await startStandIn({ now: () => NOW, runningPolls: 0 });
  standIn.state.ensureLogGroup("/mail/postfix");
});
afterEach(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await standIn.close();
});

async function checks(group = "/mail/postfix"): Promise<Check[]> {
  const dir = tempTree({
    "prod.yaml": [
      "aws: { region: us-east-1 }",
      `source: { type: cloudwatch-logs, logGroups: [${group}] }`,
      "sink: { type: cloudwatch, namespace: Mail/Postfix }",
      "queries: [{ builtin: postfix-smtp-status }]",
      "",
    ].join("\n"),
  });
  const loaded = await loadConfig(`${dir}/prod.yaml`);
  const settings = { region: "us-east-1", endpoint: standIn.endpoint, origins: { region: "aws.region in prod.yaml" } };
  const probe = identityProbe(settings, clock, () => {});
  const clients = createClients(settings, clock);
  try {
    return await doctorChecks({ loaded, configArgument: "prod.yaml", clock, probe, clients });
  } finally {
    probe.destroy();
    clients.destroy();
  }
}

const line = (check: Check) => `${check.status} ${check.what}: ${check.detail}${check.fix ? ` | fix: ${check.fix}` : ""}`;

describe(doctorChecks.name, () => {
  it("all well: region, identity, the log group and a query over it (stopped), the namespace, and what a run needs", async () => {
    const all = (await checks()).map(line);
    expect(all).toEqual([
      "ok region: us-east-1 (from aws.region in prod.yaml)",
      `ok credentials: arn:aws:iam::${ACCOUNT}:user/AKIDEXAMPLE (account ${ACCOUNT}; AWS_ACCESS_KEY_ID in the environment)`,
      "ok log group /mail/postfix: exists in us-east-1",
      expect.stringMatching(
        /^ok query over \/mail\/postfix: StartQuery over its last second, StopQuery, GetQueryResults: query \S+, stopped$/,
      ),
      "ok metrics in Mail/Postfix: GetMetricData works; no heartbeat in the last 3 hours (every run publishes one: has a run of this config finished lately?)",
      `ok logs:StartQuery on arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/mail/postfix:*: allowed (tried): runs the queries`,
      "ok logs:GetQueryResults: allowed (tried): reads their results",
      "ok logs:StopQuery: allowed (tried): stops a query given up on (timeout, Ctrl-C)",
      "note cloudwatch:PutMetricData (condition cloudwatch:namespace = Mail/Postfix): not tried (doctor publishes nothing): publishes the datums and the heartbeat; the README's IAM policy grants it",
      "ok cloudwatch:GetMetricData: allowed (tried): reads back batches of unknown fate",
    ]);
    // One query over one second, stopped before it finished; nothing published.
    expect(standIn.state.queries).toHaveLength(1);
    expect(standIn.state.queries[0]).toMatchObject({ endTime: NOW / 1000, startTime: NOW / 1000 - 1, stopped: true, limit: 1 });
    expect(standIn.state.requestCount("PutMetricData")).toBe(0);
  });

  it("a mistyped log group: not found in the region for the account, the closest name, the fix; no query over it", async () => {
    const found = (await checks("/mail/postfx")).filter((check) => check.what.includes("/mail/postfx"));
    expect(found.map(line)).toEqual([
      `fail log group /mail/postfx: does not exist in us-east-1 for account ${ACCOUNT}; did you mean /mail/postfix? | fix: correct the log group in prod.yaml (source.logGroups or a query's logGroups), or the region`,
      `note logs:StartQuery on arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/mail/postfx:*: not tried (a check above failed before it): runs the queries; the README's IAM policy grants it`,
    ]);
    expect(standIn.state.queries).toHaveLength(0);
  });

  it("StartQuery denied: the query check fails with AWS's message, and the action with the fix", async () => {
    standIn.faults.next("StartQuery", { kind: "access-denied" });
    const all = await checks();
    expect(all.find((check) => check.what === "query over /mail/postfix")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("AccessDeniedException: User: arn:aws:iam::"),
    });
    expect(all.find((check) => check.what.startsWith("logs:StartQuery"))).toMatchObject({
      status: "fail",
      fix: "allow logs:StartQuery in the identity's policy (README, IAM policy)",
    });
  });

  it("a probe query that ended before StopQuery reached it: StopQuery still shown allowed; StopQuery denied: its fix", async () => {
    standIn.faults.next("StartQuery", { kind: "query", endsAtOnce: true });
    const ended = await checks();
    expect(ended.filter((check) => check.status === "fail")).toEqual([]);
    expect(ended.map(line)).toContain("ok logs:StopQuery: allowed (tried): stops a query given up on (timeout, Ctrl-C)");
    standIn.faults.next("StopQuery", { kind: "access-denied" });
    const denied = await checks();
    expect(denied.find((check) => check.what === "query over /mail/postfix")?.detail).toMatch(
      /^StopQuery failed \(doctor's probe, query id \S+\): AccessDeniedException: /,
    );
    expect(denied.find((check) => check.what === "logs:StopQuery")).toMatchObject({
      status: "fail",
      fix: "allow logs:StopQuery in the identity's policy (README, IAM policy)",
    });
  });

  it("GetMetricData denied: the namespace check and the action fail", async () => {
    standIn.faults.next("GetMetricData", { kind: "access-denied" });
    const all = await checks();
    expect(all.find((check) => check.what === "metrics in Mail/Postfix")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("GetMetricData failed"),
    });
    expect(all.find((check) => check.what === "cloudwatch:GetMetricData")).toMatchObject({ status: "fail" });
  });

  it("GetMetricData failing otherwise (a server error each try): the action is not blamed on the policy", async () => {
    standIn.faults.next("GetMetricData", { kind: "server-error" }, { times: 10 });
    const all = await checks();
    expect(all.find((check) => check.what === "metrics in Mail/Postfix")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("GetMetricData failed"),
    });
    expect(all.map(line)).toContain(
      "note cloudwatch:GetMetricData: not shown to work (its call failed above, but not as denied): reads back batches of unknown fate",
    );
  });

  it("DescribeLogGroups denied (a policy made for run): a note, and the group is still tried by its query", async () => {
    standIn.faults.next("DescribeLogGroups", { kind: "access-denied" });
    const all = await checks();
    expect(all.find((check) => check.what === "log group /mail/postfix")).toMatchObject({
      status: "note",
      detail: expect.stringContaining("logs:DescribeLogGroups is not allowed"),
    });
    expect(all.filter((check) => check.status === "fail")).toEqual([]);
    expect(standIn.state.queries).toHaveLength(1);
  });

  it("no credentials: that one problem, with where credentials come from; nothing else tried", async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    process.env.HOME = tempTree({});
    const all = await checks();
    expect(all.map((check) => check.status)).toEqual(["ok", "fail", "skip"]);
    expect(all[1]!.detail).toContain("GetCallerIdentity not sent: CredentialsProviderError");
    expect(all[1]!.detail).toContain("no AWS credentials found");
    expect(standIn.state.requests.filter((request) => request.operation !== "GetCallerIdentity")).toEqual([]);
  });

  it("says when the newest heartbeat of this config arrived", async () => {
    const client = metricsClient(standIn.endpoint);
    const datum = {
      MetricName: "mail-metrics-window-age",
      Dimensions: [{ Name: "Config", Value: "prod" }],
      Timestamp: new Date(NOW - 240_000),
      Value: 330,
      Unit: "Seconds" as const,
    };
    await client.send(new PutMetricDataCommand({ Namespace: "Mail/Postfix", MetricData: [datum] }));
    client.destroy();
    expect((await checks()).find((check) => check.what === "metrics in Mail/Postfix")!.detail).toBe(
      "GetMetricData works; newest heartbeat 4m ago, its newest window 5m30s old then",
    );
  });
});
