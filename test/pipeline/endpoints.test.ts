// `run` in-process with the source and sink its config names (pipeline/endpoints.ts): CloudWatch
// Logs and CloudWatch through the stand-in with the real SDK clients, or local files and stdout.
// What the user sees of the wiring: datums published or printed in the format asked for, --verbose
// showing the calls, skipped log lines reported, the default state's note, a dry run printing
// exactly its datums, and connections closed when the endpoints are.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/cli/commands/run.js";
import { loadConfig } from "../../src/config/load-config.js";
import { openEndpoints } from "../../src/pipeline/endpoints.js";
import { seriesJobs } from "../../src/pipeline/jobs.js";
import { runQueries } from "../../src/pipeline/run-queries.js";
import { StateHandle } from "../../src/state/handle.js";
import { clockStartingAt } from "../../src/util/clock.js";
import { exitCodeFor } from "../../src/errors.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";
import { tempTree } from "../config/temp-tree.js";
import { keepPrinted, type Printed } from "../support/printed.js";

const NOW = "2026-11-29T12:15:00Z";
const LINE =
  "2026-11-29T12:06:00.000000+00:00 mx1 postfix/smtp[7]: 4Xh1: to=<a@b.c>, relay=b.c[192.0.2.1]:25, dsn=2.0.0, status=sent (250 ok)";
/** A line the query would count, but without a timestamp: skipped, and said so. */
const UNTIMED = "mx1 postfix/smtp[7]: 4Xh2: to=<d@e.f>, relay=e.f[192.0.2.2]:25, dsn=2.0.0, status=sent (250 ok)";
const SUMMARY = "postfix-smtp-status: published 1 window 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z: 2 datums in 1 batch; 1 query, ";
const VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_PROFILE",
  "AWS_REGION",
  "AWS_EC2_METADATA_DISABLED",
  "XDG_STATE_HOME",
];

let printed: Printed;
let saved: Record<string, string | undefined>;
beforeEach(() => {
  printed = keepPrinted();
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_EC2_METADATA_DISABLED: "true" });
  // As main.ts does before any command.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** What a stream received, line by line. */
const rawLines = (chunks: readonly string[]) =>
  chunks
    .join("")
    .split("\n")
    .filter((line) => line !== "");
/** The same, without the log's leading time. */
const linesOf = (chunks: readonly string[]) => rawLines(chunks).map((line) => line.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ /, ""));

/** The exit code main.ts would give: what the command returned, or its error's. */
const exitOf = (command: Promise<number | void>) => command.then((code) => code ?? 0, exitCodeFor);

describe("CloudWatch Logs to CloudWatch, through the stand-in", () => {
  let standIn: StandIn;
  beforeEach(async () => {
    standIn = await startStandIn({ now: () => Date.parse(NOW), runningPolls: 0 });
    standIn.state.seedLogEvents("/mail/postfix", "mx1", [{ timestamp: Date.parse("2026-11-29T12:06:00Z"), message: LINE }]);
  });
  afterEach(() => standIn.close());

  const CONFIG = [
    "aws: { region: us-east-1 }",
    "source: { type: cloudwatch-logs, logGroups: [/mail/postfix] }",
    "sink: { type: cloudwatch, namespace: Mail/Postfix }",
    "queries: [{ builtin: postfix-smtp-status }]",
    "",
  ].join("\n");

  it("publishes the window's datum, says where this user's default state is, and --verbose shows each call", async () => {
    const dir = tempTree({ "prod.yaml": CONFIG });
    process.env.XDG_STATE_HOME = join(dir, "xdg");
    const config = join(dir, "prod.yaml");
    const code = await exitOf(run({ config, now: NOW, endpointUrl: standIn.endpoint, verbose: true }));
    const out = linesOf(printed.stdout);
    expect({ code, err: printed.stderr.join("") }).toEqual({ code: 0, err: "" });
    const state = join(dir, "xdg", "mail-metrics", "prod.json");
    const summary = out.filter((line) => !line.startsWith("mail-metrics: debug: "));
    expect(summary).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${literally(SUMMARY)}\\d+ B scanned \\(~\\$[^)]+\\); state ${literally(state)} \\(this user's default: set state\\.path so that every run of this config uses one state\\)$`,
        ),
      ),
    ]);
    expect(out.some((line) => /^mail-metrics: debug: postfix-smtp-status.*: StartQuery over \/mail\/postfix/.test(line))).toBe(true);
    expect(standIn.state.datumsOf("Mail/Postfix", "250-2_0_0").map((datum) => datum.value)).toEqual([1]);
    expect(JSON.parse(readFileSync(state, "utf8")).series).not.toEqual({});
  });

  it("closing the endpoints closes their connections to AWS", async () => {
    const dir = tempTree({ "prod.yaml": CONFIG });
    const loaded = await loadConfig(join(dir, "prod.yaml"));
    const clock = clockStartingAt(Date.parse(NOW));
    const sockets = () => process.getActiveResourcesInfo().filter((resource) => resource === "TCPSocketWrap").length;
    const before = sockets();
    const endpoints = await openEndpoints(loaded, {
      aws: { region: "us-east-1", endpoint: standIn.endpoint, origins: {} },
      clock,
      dryRun: false,
    });
    const deps = {
      state: new StateHandle(),
      sink: endpoints.sink,
      clock,
      signal: new AbortController().signal,
      source: endpoints.source,
      windows: { period: 300_000, lag: 300_000, maxCatchUp: 86_400_000 },
    };
    const said = await runQueries(deps, seriesJobs(loaded), { dryRun: false, configPath: "prod.yaml", interruptedBy: () => null });
    expect(said.code, JSON.stringify(said.lines)).toBe(0);
    expect(standIn.state.datumsOf("Mail/Postfix", "250-2_0_0")).toHaveLength(1);
    // The stand-in's end of each keep-alive connection stays open until the client's end closes.
    expect(sockets()).toBeGreaterThan(before);
    endpoints.close();
    await vi.waitFor(() => expect(sockets()).toBe(before), { timeout: 2_000, interval: 20 });
  });
});

describe("local files to stdout", () => {
  const CONFIG = [
    "source: { type: files, paths: [mail.log], timezone: UTC }",
    "sink: { type: stdout }",
    "state: { path: state.json }",
    "queries: [{ builtin: postfix-smtp-status }]",
    "",
  ].join("\n");
  const setup = () => join(tempTree({ "prod.yaml": CONFIG, "mail.log": `${LINE}\n${UNTIMED}\n` }), "prod.yaml");

  it("prints the datums in the --output format asked for, and reports the skipped line on stderr", async () => {
    const config = setup();
    expect(await exitOf(run({ config, now: NOW, output: "table" }))).toBe(0);
    expect(rawLines(printed.stdout)).toEqual([
      "TIME (UTC)            METRIC      VALUE  UNIT   DIMENSIONS",
      "2026-11-29T12:05:00Z  250-2_0_0       1  Count",
      "2026-11-29T12:05:00Z  550-5_7_26      0  Count",
      "total: 2 datums, values sum to 1",
    ]);
    expect(linesOf(printed.stderr)).toEqual([
      `mail-metrics: ${join(config, "..", "mail.log")}: 1 line without a recognisable timestamp skipped`,
      expect.stringMatching(new RegExp(`^${literally(SUMMARY)}`)),
    ]);
  });

  it("a dry run prints exactly the datums the run would publish", async () => {
    const config = setup();
    expect(await exitOf(run({ config, now: NOW, dryRun: true, output: "ndjson" }))).toBe(0);
    // The query zero-fills 550-5_7_26 (queries/postfix-smtp-status.yaml).
    expect(rawLines(printed.stdout).map((line) => JSON.parse(line))).toEqual([
      { name: "250-2_0_0", timestamp: "2026-11-29T12:05:00Z", value: 1, unit: "Count", dimensions: {} },
      { name: "550-5_7_26", timestamp: "2026-11-29T12:05:00Z", value: 0, unit: "Count", dimensions: {} },
    ]);
  });
});

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
