// What a run says when AWS cannot be reached as configured, through the real SDK clients of
// createClients (and the stand-in where a call gets that far): each message names the profile, the
// region and the log groups as they were given, says whether the request left the host, and how to
// fix it. Each case is one of issue 12's message faults; every one failed before these messages.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClients, type AwsSettings } from "../../src/aws/clients.js";
import { compileQuery } from "../../src/insights/compile.js";
import { cloudWatchSource } from "../../src/sources/cloudwatch/source.js";
import type { Clock } from "../../src/util/clock.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";

const clock: Clock = { now: () => Date.parse("2026-11-29T12:15:00Z"), sleep: async () => {}, random: () => 0.5 };
const RANGE = { from: Date.parse("2026-11-29T12:00:00Z"), to: Date.parse("2026-11-29T12:05:00Z") };
const AWS_VARIABLES = [
  "AWS_PROFILE",
  "AWS_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "HOME",
];

let saved: Record<string, string | undefined>;
let standIn: StandIn | undefined;
beforeEach(() => {
  saved = Object.fromEntries(AWS_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of AWS_VARIABLES) delete process.env[name];
  // No ~/.aws here, and no instance metadata service to wait for.
  process.env.HOME = mkdtempSync(join(tmpdir(), "mm-home-"));
  process.env.AWS_EC2_METADATA_DISABLED = "true";
});
afterEach(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await standIn?.close();
  standIn = undefined;
  vi.restoreAllMocks();
});

/** The message of one StartQuery through the CloudWatch Logs source with these settings. */
async function startQueryMessage(
  settings: AwsSettings,
  logGroups = ["/mail/postfix"],
  warn: (message: string) => void = () => {},
): Promise<string> {
  const clients = createClients(settings, clock, warn);
  const source = cloudWatchSource({
    logs: clients.logs,
    starter: clients.logsStarter,
    clock,
    logGroups,
    queryLimit: 10_000,
    queryTimeout: 60_000,
  });
  try {
    await source.query({ name: "q", compiled: compileQuery("stats count(*) as n") }, RANGE, new AbortController().signal);
  } catch (error) {
    return (error as Error).message;
  } finally {
    clients.destroy();
  }
  throw new Error("expected the query to fail");
}

describe("credentials", () => {
  it("AWS_PROFILE=nosuch: names the profile, where profiles come from and how to make one; not 'set AWS_PROFILE'", async () => {
    process.env.AWS_PROFILE = "nosuch";
    const message = await startQueryMessage({ region: "us-east-1", origins: { region: "aws.region in prod.yaml" } });
    expect(message).toContain("StartQuery not sent (q, window 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z): CredentialsProviderError");
    expect(message).toContain('profile "nosuch" (from AWS_PROFILE) gave no credentials');
    expect(message).toContain("~/.aws/config");
    expect(message).toContain("aws configure --profile nosuch");
    expect(message).not.toContain("set AWS_PROFILE");
    expect(message).not.toContain("may have started");
  });

  it("--profile nosuch with keys in the environment: one line of ours saying the profile wins, not the SDK's eight", async () => {
    process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
    process.env.AWS_SECRET_ACCESS_KEY = "secret";
    const consoleWarn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const warnings: string[] = [];
    const message = await startQueryMessage(
      { region: "us-east-1", profile: "nosuch", origins: { profile: "--profile" } },
      ["/mail/postfix"],
      (w) => warnings.push(w),
    );
    expect(consoleWarn).not.toHaveBeenCalled();
    expect(warnings).toEqual([
      'both profile "nosuch" (from --profile) and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are set: the profile\'s credentials are used, the keys in the environment are not; unset one of them',
    ]);
    expect(message).toContain(
      'profile "nosuch" (from --profile) gave no credentials (the keys in the environment are not used while a profile is set)',
    );
  });

  it("with no profile and no keys: says where credentials can come from", async () => {
    const message = await startQueryMessage({ region: "us-east-1" });
    expect(message).toContain(
      "no AWS credentials found: set a profile (aws.profile in the config, --profile or AWS_PROFILE; profiles come from ~/.aws/config",
    );
  });
});

describe("region", () => {
  beforeEach(() => {
    process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
    process.env.AWS_SECRET_ACCESS_KEY = "secret";
  });

  it("AWS_REGION with a space: not sent (nothing left the host), naming the region and where it came from", async () => {
    process.env.AWS_REGION = "us east-1";
    const message = await startQueryMessage({});
    expect(message).toContain("StartQuery not sent (q, ");
    expect(message).toContain('the region "us east-1" (from AWS_REGION) is not a Region name; write one like us-east-1');
    expect(message).not.toContain("may have started");
  });

  it("us-east-9: the endpoint host could not be resolved; is the region right? is there network?", async () => {
    const message = await startQueryMessage({ region: "us-east-9", origins: { region: "aws.region in prod.yaml" } });
    expect(message).toContain("StartQuery not sent");
    expect(message).toContain("the endpoint host logs.us-east-9.amazonaws.com could not be resolved");
    expect(message).toContain('is the region right ("us-east-9" (from aws.region in prod.yaml))?');
    expect(message).toContain("Does this host reach AWS");
    expect(message).not.toContain("may have started");
  });
});

describe("log groups", () => {
  it("a log group that does not exist: StartQuery's error names it as the config gives it, and the region", async () => {
    process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
    process.env.AWS_SECRET_ACCESS_KEY = "secret";
    standIn = await startStandIn({ now: clock.now });
    standIn.state.ensureLogGroup("/mail/postfix");
    const message = await startQueryMessage(
      { region: "eu-west-1", endpoint: standIn.endpoint, origins: { region: "--region", endpoint: "--endpoint-url" } },
      ["/mail/postfx"],
    );
    expect(message).toContain("StartQuery failed (q, window 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z): ResourceNotFoundException");
    expect(message).toContain('the log group /mail/postfx as the config gives it may not exist in the region "eu-west-1" (from --region)');
    expect(message).toContain("mail-metrics doctor");
  });
});
