// Where AWS settings come from: the SDK's own AWS_ENDPOINT_URL, a named profile in ~/.aws files
// (credentials and region), and what happens without any credentials at all.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT, runCli } from "../cli/built-cli.js";
import { startStandIn } from "../fake-cloudwatch/start-stand-in.js";
import { eventsOf, GROUP, NAMESPACE, putEvents } from "./cloud-fixture.js";
import { tempDir } from "../support/temp-dir.js";

const expected = JSON.parse(readFileSync(join(ROOT, "examples/maillog.expected.json"), "utf8")) as { year: number };
const events = eventsOf(join(ROOT, "examples/maillog"), expected.year);
const FIVE_MIN = 300_000;
const first = Math.floor(Math.min(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN;
const now = new Date(Math.floor(Math.max(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN + 2 * FIVE_MIN).toISOString();

/** A config with no aws: section at all; region, credentials and endpoint come from elsewhere. */
function writeConfig(dir: string): string {
  const path = join(dir, "prod.yaml");
  writeFileSync(
    path,
    [
      `source: { type: cloudwatch-logs, logGroups: [${GROUP}] }`,
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
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toBe(
      `mail-metrics: --endpoint-url "${url}" is not valid: use a full http:// or https:// URL, e.g. http://127.0.0.1:4566\n`,
    );
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
