// The README's IAM policies, read out of README.md, against what the code calls: every request
// `run` and `backfill` make (faults included, so the read-back and StopQuery happen) is allowed by
// the run policy, every request of `alarms sync` and `dashboard` by the alarms policy and not by
// the run policy, every request of `doctor` by the run and doctor policies, each policy allows no
// action its commands never call, and together they cover every SDK command imported under src/.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT } from "../cli/built-cli.js";
import type { RequestRecord } from "../fake-cloudwatch/records.js";
import { GROUP, withCloud, putEvents } from "../pipeline/cloud-fixture.js";
import { at, logCopies } from "../pipeline/scene.js";
import { ALARMS, withConsole } from "../monitoring/console-cli.js";

beforeAll(buildOnce, 120_000);

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: { readonly StringEquals?: Readonly<Record<string, string>> };
}
interface Policy {
  readonly Statement: Statement[];
}

/** The JSON block after `<!-- iam-policy: NAME -->` in the README. */
function policy(name: string): Policy {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const block = new RegExp(`<!-- iam-policy: ${name} -->\\n\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (block === null) throw new Error(`README.md has no policy marked iam-policy: ${name}`);
  return JSON.parse(block[1]!) as Policy;
}

/** A permission check: the IAM action, the resource ARN (`*` when the call names none) and condition keys. */
interface Check {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string>>;
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const glob = (pattern: string, flags = "") =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    flags,
  );

function allows(p: Policy, check: Check): boolean {
  return p.Statement.some(
    (s) =>
      s.Effect === "Allow" &&
      list(s.Action).some((action) => glob(action, "i").test(check.action)) &&
      list(s.Resource).some((resource) => glob(resource).test(check.resource)) &&
      Object.entries(s.Condition?.StringEquals ?? {}).every(([key, value]) => check.context[key] === value),
  );
}

const actionsOf = (p: Policy) => new Set(p.Statement.flatMap((s) => list(s.Action)));

/** Ids the stand-in filled in (its Region and account) become the README's placeholders. */
const placeholders = (arn: string) =>
  arn.replace(/^arn:aws:(\w+):[a-z0-9-]*:\d{12}:/, (_, service: string) => `arn:aws:${service}:REGION:ACCOUNT:`);
const alarmArn = (name: string) => `arn:aws:cloudwatch:REGION:ACCOUNT:alarm:${name}`;

/** PutMetricAlarm with Tags also needs cloudwatch:TagResource (PutMetricAlarmCommand.d.ts: "you must be signed on with both"). */
function checksOf(request: RequestRecord): Check[] {
  const input = request.input ?? {};
  const action = `${request.service === "logs" ? "logs" : "cloudwatch"}:${request.operation}`;
  const on = (resource: string, context: Record<string, string> = {}): Check => ({ action, resource, context });
  switch (request.operation) {
    case "StartQuery": {
      const groups = (input.logGroupIdentifiers ?? input.logGroupNames ?? [input.logGroupName]) as string[];
      return groups.map((group) => on(`arn:aws:logs:REGION:ACCOUNT:log-group:${group}`));
    }
    case "PutMetricData":
      return [on("*", { "cloudwatch:namespace": String(input.Namespace) })];
    case "PutMetricAlarm": {
      const arn = alarmArn(String(input.AlarmName));
      const tagged = Array.isArray(input.Tags) && input.Tags.length > 0;
      return [on(arn), ...(tagged ? [{ action: "cloudwatch:TagResource", resource: arn, context: {} }] : [])];
    }
    case "DeleteAlarms":
      return (input.AlarmNames as string[]).map((name) => on(alarmArn(name)));
    case "ListTagsForResource":
      return [on(placeholders(String(input.ResourceARN)))];
    case "PutDashboard":
      return [on(`arn:aws:cloudwatch::ACCOUNT:dashboard/${String(input.DashboardName)}`)];
    default:
      return [on("*")];
  }
}

/** IAM's service prefix of an SDK client package: `@aws-sdk/client-cloudwatch-logs` → `logs`. */
const PREFIXES: Readonly<Record<string, string>> = { "cloudwatch-logs": "logs" };

/** `cloudwatch:PutMetricData` for every `PutMetricDataCommand` imported from an SDK client under src/. */
function sdkActions(dir = join(ROOT, "src")): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sdkActions(path);
    const text = readFileSync(path, "utf8");
    return [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/client-([a-z0-9-]+)"/g)].flatMap((m) =>
      m[1]!
        .split(",")
        .map((item) => item.trim())
        .filter((item) => /^\w+Command$/.test(item))
        .map((item) => `${PREFIXES[m[2]!] ?? m[2]}:${item.replace(/Command$/, "")}`)
        // "No permissions are required to perform this operation" (STS API reference, GetCallerIdentity).
        .filter((action) => action !== "sts:GetCallerIdentity"),
    );
  });
}

const IMPLIED = ["cloudwatch:TagResource"];

async function runRequests(): Promise<RequestRecord[]> {
  return withCloud({ now: Date.parse(at(15)), source: "queryTimeout: 2s" }, async (setup) => {
    await putEvents(setup.standIn.endpoint, logCopies([0, 20]));
    const seeded = setup.standIn.state.requests.length;
    // A batch of unknown fate, settled by read-back on the next run; a query stopped at its timeout.
    setup.standIn.faults.next("PutMetricData", { kind: "drop", store: "before" });
    expect((await setup.run(["run"], at(15))).code).toBe(1);
    expect((await setup.run(["run"], at(35))).code).toBe(0);
    setup.standIn.faults.next("StartQuery", { kind: "query", end: "never" });
    expect((await setup.run(["run"], at(45))).code).toBe(1);
    expect((await setup.run(["backfill", "--from", at(0), "--to", at(10), "--force"], at(45))).code).toBe(0);
    return setup.standIn.state.requests.slice(seeded);
  });
}

/** What `doctor` calls over a config whose log group exists; STS GetCallerIdentity needs no permission. */
async function doctorRequests(): Promise<RequestRecord[]> {
  return withCloud({ now: Date.parse(at(15)) }, async (setup) => {
    setup.standIn.state.ensureLogGroup(GROUP);
    const result = await setup.cli(["doctor", "--endpoint-url", setup.standIn.endpoint]);
    expect(result.code, result.stdout).toBe(0);
    return setup.standIn.state.requests.filter((request) => request.service !== "sts");
  });
}

async function consoleRequests(): Promise<RequestRecord[]> {
  return withConsole(ALARMS, async ({ standIn, cli, setAlarms }) => {
    expect((await cli(["alarms", "sync"])).code).toBe(0);
    setAlarms(ALARMS.split("    - metric: mail-metrics-window-age")[0]!);
    expect((await cli(["alarms", "sync", "--prune"])).code).toBe(0);
    expect((await cli(["dashboard"])).code).toBe(0);
    return standIn.state.requests;
  });
}

describe("README, IAM policy", { timeout: 180_000 }, () => {
  const run = policy("run");
  const alarms = policy("alarms");
  const doctor = policy("doctor");

  it("run and backfill: every call allowed by the run policy, and every action of it used", async () => {
    const requests = await runRequests();
    const checks = requests.flatMap(checksOf);
    expect(checks.filter((check) => !allows(run, check))).toEqual([]);
    expect(new Set(checks.map((check) => check.action))).toEqual(actionsOf(run));
  });

  it("alarms sync and dashboard: every call allowed by the alarms policy and not by the run policy, and every action of it used", async () => {
    const checks = (await consoleRequests()).flatMap(checksOf);
    expect(checks.filter((check) => !allows(alarms, check))).toEqual([]);
    expect(checks.filter((check) => allows(run, check))).toEqual([]);
    expect(new Set(checks.map((check) => check.action))).toEqual(actionsOf(alarms));
  });

  it("doctor: every call allowed by the run policy or the doctor policy, and every action of the doctor policy used", async () => {
    const checks = (await doctorRequests()).flatMap(checksOf);
    expect(checks.filter((check) => !allows(run, check) && !allows(doctor, check))).toEqual([]);
    expect(actionsOf(doctor)).toEqual(new Set(checks.filter((check) => !allows(run, check)).map((check) => check.action)));
  });

  it("together they allow exactly the SDK commands the code imports, and what PutMetricAlarm's tags need", () => {
    const code = new Set([...sdkActions(), ...IMPLIED]);
    expect(new Set([...actionsOf(run), ...actionsOf(alarms), ...actionsOf(doctor)])).toEqual(code);
  });

  it("holds PutMetricData to the configured namespace and StartQuery to the log group", () => {
    const put = (namespace: string): Check => ({
      action: "cloudwatch:PutMetricData",
      resource: "*",
      context: { "cloudwatch:namespace": namespace },
    });
    expect([allows(run, put("Mail/Postfix")), allows(run, put("Other"))]).toEqual([true, false]);
    const start = (group: string): Check => ({
      action: "logs:StartQuery",
      resource: `arn:aws:logs:REGION:ACCOUNT:log-group:${group}`,
      context: {},
    });
    expect([allows(run, start("/mail/postfix")), allows(run, start("/secret"))]).toEqual([true, false]);
  });
});
