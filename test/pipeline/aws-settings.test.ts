// Where AWS settings come from: the SDK's own AWS_ENDPOINT_URL, a named profile in ~/.aws files
// (credentials and region), and what happens without any credentials at all.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT, runCli } from "../cli/built-cli.js";
import { startStandIn } from "../fake-cloudwatch/start-stand-in.js";
import { eventsOf, GROUP, NAMESPACE, putEvents } from "./cloud-fixture.js";
import { tempDir } from "../support/temp-dir.js";
import { untimed } from "./log-lines.js";

const expected = JSON.parse(readFileSync(join(ROOT, "examples/maillog.expected.json"), "utf8")) as { year: number };
const events = eventsOf(join(ROOT, "examples/maillog"), expected.year);
const FIVE_MIN = 300_000;
const first = Math.floor(Math.min(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN;
const now = new Date(Math.floor(Math.max(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN + 2 * FIVE_MIN).toISOString();

/** A config with no aws: section at all (unless `aws` is given); region, credentials and endpoint come from elsewhere. */
function writeConfig(dir: string, options: { readonly aws?: string; readonly group?: string } = {}): string {
  const path = join(dir, "prod.yaml");
  writeFileSync(
    path,
    [
      ...(options.aws === undefined ? [] : [`aws: ${options.aws}`]),
      `source: { type: cloudwatch-logs, logGroups: [${options.group ?? GROUP}] }`,
      `sink: { type: cloudwatch, namespace: ${NAMESPACE} }`,
      `schedule: { startAt: ${new Date(first).toISOString()} }`,
      `state: { path: ${join(dir, "state.json")} }`,
      "queries: [{ builtin: postfix-smtp-status }]",
      "",
    ].join("\n"),
  );
  return path;
}

/** No credentials, region or endpoint from this process's environment or home; no instance metadata. */
function isolatedEnv(dir: string): Record<string, string | undefined> {
  return {
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, "aws-config"),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "aws-credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_PROFILE: undefined,
  };
}

beforeAll(buildOnce, 120_000);

describe("AWS settings", () => {
  it("take the endpoint from AWS_ENDPOINT_URL and a named profile's credentials and region from ~/.aws files", async () => {
    const standIn = await startStandIn({ now: () => Date.parse(now), runningPolls: 0 });
    try {
      await putEvents(standIn.endpoint, events);
      const dir = tempDir("mm-aws-");
      writeFileSync(join(dir, "aws-config"), "[profile mail]\nregion = eu-west-1\n");
      writeFileSync(join(dir, "aws-credentials"), "[mail]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n");
      const env = { ...isolatedEnv(dir), AWS_ENDPOINT_URL: standIn.endpoint };
      const result = await runCli(["run", "--config", writeConfig(dir), "--profile", "mail", "--now", now], { env });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(standIn.state.datums.length).toBeGreaterThan(0);
      expect(standIn.state.requestCount("StartQuery")).toBe(1);
    } finally {
      await standIn.close();
    }
  });

  it.each([
    ["run", "notaurl"],
    ["backfill", "localhost:4566"],
  ])("%s with --endpoint-url %s: exit 2 naming the flag and a valid URL", async (command, url) => {
    const dir = tempDir("mm-aws-");
    const range =
      command === "backfill" ? ["--from", new Date(first).toISOString(), "--to", new Date(first + 2 * FIVE_MIN).toISOString()] : [];
    const env = { ...isolatedEnv(dir), AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test" };
    const result = await runCli(
      [command, "--config", writeConfig(dir), "--region", "eu-west-1", "--endpoint-url", url, "--now", now, ...range],
      { env },
    );
    const message = `--endpoint-url "${url}" is not valid: use a full http:// or https:// URL, e.g. http://127.0.0.1:4566`;
    expect(result.code).toBe(2);
    expect(untimed(result.stderr)).toBe(`mail-metrics: ${message}\n`);
    // A run that fails before it starts still leaves its outcome in the cron log.
    expect(untimed(result.stdout)).toBe(`mail-metrics: failed (exit 2): ${message}\n`);
  });

  it("without credentials, fail with exit 1 and say where credentials come from, publishing nothing", async () => {
    const standIn = await startStandIn({ now: () => Date.parse(now), runningPolls: 0 });
    try {
      const dir = tempDir("mm-aws-");
      const env = { ...isolatedEnv(dir), AWS_ENDPOINT_URL: standIn.endpoint };
      const result = await runCli(["run", "--config", writeConfig(dir), "--region", "eu-west-1", "--now", now], { env });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("no AWS credentials found");
      expect(standIn.state.requestCount("StartQuery")).toBe(0);
    } finally {
      await standIn.close();
    }
  });
});

// Issue 12's message faults, as a user on a bastion meets them: each message names what was given
// (profile, region, log group) and where, says whether anything left the host, and gives the fix.
describe("what a run says when AWS is not reachable as configured", () => {
  const keys = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" };
  const run = (dir: string, extra: readonly string[], env: Record<string, string | undefined>, config = writeConfig(dir)) =>
    runCli(["run", "--config", config, "--now", now, ...extra], { env: { ...isolatedEnv(dir), ...env } });

  it("a region with a space: refused by validate (exit 2) as aws.region, and as --region", async () => {
    const dir = tempDir("mm-aws-");
    const validated = await runCli(["validate", "--config", writeConfig(dir, { aws: '{ region: "us east-1" }' })]);
    expect(validated.code).toBe(2);
    expect(validated.stderr).toMatch(/prod\.yaml:1: aws\.region: "us east-1" is not valid: not a Region name; write one like us-east-1/);
    const option = await run(dir, ["--region", "us east-1"], keys);
    expect(option.code).toBe(2);
    expect(untimed(option.stderr)).toBe('mail-metrics: --region "us east-1" is not a Region name; write one like us-east-1 or eu-west-1\n');
  });

  it("AWS_REGION with a space: not sent (nothing left the host), not 'may have started a query'", async () => {
    const result = await run(tempDir("mm-aws-"), [], { ...keys, AWS_REGION: "us east-1" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(": StartQuery not sent (postfix-smtp-status, window ");
    expect(result.stderr).toContain('the region "us east-1" (from AWS_REGION) is not a Region name');
    expect(result.stderr).not.toContain("may have started");
  });

  it("us-east-9: the endpoint host could not be resolved; is the region right, is there network", async () => {
    const result = await run(tempDir("mm-aws-"), ["--region", "us-east-9"], keys);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the endpoint host logs.us-east-9.amazonaws.com could not be resolved");
    expect(result.stderr).toContain('is the region right ("us-east-9" (from --region))?');
    expect(result.stderr).not.toContain("may have started");
  });

  it("AWS_PROFILE=nosuch: names the profile, where profiles come from and how to make one", async () => {
    const result = await run(tempDir("mm-aws-"), ["--region", "eu-west-1"], { AWS_PROFILE: "nosuch" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('profile "nosuch" (from AWS_PROFILE) gave no credentials: profiles come from ~/.aws/config');
    expect(result.stderr).toContain("aws configure --profile nosuch");
    expect(result.stderr).not.toContain("set AWS_PROFILE");
  });

  it("--profile nosuch with keys in the environment: one line saying the profile wins, not the SDK's warning", async () => {
    const result = await run(tempDir("mm-aws-"), ["--region", "eu-west-1", "--profile", "nosuch"], keys);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("Multiple credential sources");
    const said = untimed(result.stderr)
      .split("\n")
      .filter((line) => line.includes("the profile's credentials are used"));
    expect(said).toEqual([
      'mail-metrics: both profile "nosuch" (from --profile) and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set: the profile\'s credentials are used, the keys in the environment are not; unset one of them',
    ]);
  });

  it("a mistyped log group: validate says it cannot tell and names doctor; the run's error names the group and the region", async () => {
    const standIn = await startStandIn({ now: () => Date.parse(now), runningPolls: 0 });
    try {
      await putEvents(standIn.endpoint, events);
      const dir = tempDir("mm-aws-");
      const config = writeConfig(dir, { group: "/mail/postfx" });
      const validated = await runCli(["validate", "--config", config]);
      expect(validated.code).toBe(0);
      expect(validated.stdout).toContain(
        `not checked without AWS: the log groups, credentials and permissions; mail-metrics doctor --config ${config} checks them`,
      );
      const result = await run(dir, ["--region", "eu-west-1", "--endpoint-url", standIn.endpoint], keys, config);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("ResourceNotFoundException");
      expect(result.stderr).toContain(
        'the log group /mail/postfx as the config gives it may not exist in the region "eu-west-1" (from --region)',
      );
    } finally {
      await standIn.close();
    }
  });

  it("a normal run on Node 20 prints nothing on stderr: not the SDK's NodeVersionSupportWarning", async () => {
    const standIn = await startStandIn({ now: () => Date.parse(now), runningPolls: 0 });
    try {
      await putEvents(standIn.endpoint, events);
      const dir = tempDir("mm-aws-");
      // As cron starts it: without the variable that turns the warning off, which this test process has set (sdk-clients.ts).
      const result = await run(dir, ["--region", "eu-west-1", "--endpoint-url", standIn.endpoint], {
        ...keys,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
      });
      expect(result).toMatchObject({ code: 0, stderr: "" });
    } finally {
      await standIn.close();
    }
  });
});
