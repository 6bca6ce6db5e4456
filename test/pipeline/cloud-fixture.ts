// A CloudWatch stand-in loaded with a Postfix log, and a config pointing the CLI at it: what every
// run/backfill integration test starts from.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { createTimestampParser } from "../../src/sources/files/timestamps.js";
import { ROOT, runCli, type CliResult } from "../cli/built-cli.js";
import { logsClient } from "../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";
import { spawnCli, type CliChild } from "./cli-child.js";
import { slots } from "./slots.js";
import { tempDir } from "../support/temp-dir.js";
import { HEARTBEAT_NAMES } from "../../src/metrics/heartbeat-names.js";

const HEARTBEAT = new Set(HEARTBEAT_NAMES);

export const GROUP = "/mail/postfix";
export const NAMESPACE = "Mail/Postfix";

export interface LogEventInput {
  readonly timestamp: number;
  readonly message: string;
}

/** The lines of a syslog-style file (zone UTC, year given) with their event times. */
export function eventsOf(path: string, year: number): LogEventInput[] {
  const parse = createTimestampParser({ zone: "UTC", year: { fixed: year } });
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((message) => ({ timestamp: parse(message)!, message }))
    .filter((event) => event.timestamp !== undefined);
}

/** Puts events with PutLogEvents, in batches, as the CloudWatch agent would. */
export async function putEvents(endpoint: string, events: readonly LogEventInput[], group = GROUP): Promise<void> {
  const client = logsClient(endpoint);
  await client.send(new CreateLogGroupCommand({ logGroupName: group })).catch(() => undefined);
  const stream = `relay-${Math.random().toString(36).slice(2)}`;
  await client.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  for (const batch of putLogEventsBatches(events)) {
    const output = await client.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: batch }));
    // Like AWS, the stand-in drops events too old or too far ahead of its clock and only says so here.
    if (output.rejectedLogEventsInfo) throw new Error(`PutLogEvents rejected events: ${JSON.stringify(output.rejectedLogEventsInfo)}`);
  }
  client.destroy();
}

/** Sorted batches within PutLogEvents' limits: at most 5,000 events here (10,000 allowed), spanning less than 24 h. */
function putLogEventsBatches(events: readonly LogEventInput[]): LogEventInput[][] {
  const batches: LogEventInput[][] = [];
  for (const event of [...events].sort((a, b) => a.timestamp - b.timestamp)) {
    const last = batches.at(-1);
    if (last !== undefined && last.length < 5_000 && event.timestamp - last[0]!.timestamp < 86_400_000) last.push(event);
    else batches.push([event]);
  }
  return batches;
}

/** The environment CLI children get: static credentials (the stand-in checks no signature) and a region. */
export const CLI_AWS_ENV: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_REGION: "us-east-1",
};

export interface CloudSetup {
  readonly standIn: StandIn;
  readonly dir: string;
  readonly config: string;
  readonly statePath: string;
  /** Runs the built CLI to its end with --config, --endpoint-url and --now; the stand-in's clock reads `now` meanwhile. */
  run(args: readonly string[], now: string): Promise<CliResult>;
  /** Starts the built CLI like `run` and hands back the child process (to kill it, or to race it). */
  spawn(args: readonly string[], now: string): CliChild;
  /** Runs a command that takes only --config (state show, state reset). */
  cli(args: readonly string[]): Promise<CliResult>;
  /** Sets the stand-in's clock between runs (e.g. before putting events far from the last run's). */
  setNow(now: number): void;
}

export interface SetupOptions {
  readonly now: number;
  /** Extra YAML appended under `schedule:`. */
  readonly schedule?: string;
  /** Extra YAML appended under `source:`. */
  readonly source?: string;
  /** Shipped query names, or whole `queries:` entries (YAML flow maps such as `{ builtin: x, zeroFill: [a] }`). */
  readonly queries?: readonly string[];
  readonly standInOptions?: Parameters<typeof startStandIn>[0];
}

const indent = (yaml: string | undefined) => (yaml ? yaml.split("\n").map((line) => `  ${line}`) : []);

export async function cloudSetup(options: SetupOptions): Promise<CloudSetup> {
  let now = options.now;
  // Queries complete by the first poll unless a test says otherwise: the CLI's first poll waits a
  // real 0.5-1 s, and every further poll more.
  const standIn = await startStandIn({ now: () => now, runningPolls: 0, ...options.standInOptions });
  const dir = tempDir("mm-cloud-");
  const config = join(dir, "prod.yaml");
  const statePath = join(dir, "state.json");
  const queries = (options.queries ?? ["postfix-smtp-status", "postfix-delivery-status"])
    .map((q) => (q.startsWith("{") ? `  - ${q}` : `  - builtin: ${q}`))
    .join("\n");
  writeFileSync(
    config,
    [
      "aws:",
      "  region: us-east-1",
      "source:",
      "  type: cloudwatch-logs",
      `  logGroups: [${GROUP}]`,
      ...indent(options.source),
      "sink:",
      "  type: cloudwatch",
      `  namespace: ${NAMESPACE}`,
      "schedule:",
      "  lag: 5m",
      ...indent(options.schedule),
      "state:",
      `  path: ${statePath}`,
      "queries:",
      queries,
      "",
    ].join("\n"),
  );
  const argv = (args: readonly string[], nowIso: string) => {
    now = Date.parse(nowIso);
    return [...args, "--config", config, "--endpoint-url", standIn.endpoint, "--now", nowIso];
  };
  const env = CLI_AWS_ENV;
  return {
    standIn,
    dir,
    config,
    statePath,
    run: (args, nowIso) => runCli(argv(args, nowIso), { cwd: ROOT, env }),
    spawn: (args, nowIso) => spawnCli(argv(args, nowIso), env),
    cli: (args) => runCli([...args, "--config", config], { cwd: ROOT, env }),
    setNow: (ms) => {
      now = ms;
    },
  };
}

/** Runs `body` with a fresh stand-in and config, and closes the stand-in whatever happens. */
export async function withCloud<T>(options: SetupOptions, body: (setup: CloudSetup) => Promise<T>): Promise<T> {
  const setup = await cloudSetup(options);
  try {
    return await body(setup);
  } finally {
    await setup.standIn.close();
  }
}

/** For describe.concurrent files: `inCloud(options, body)` is withCloud, with at most `size` bodies at a time. */
export function cloudSlots(size = 3) {
  const slot = slots(size);
  return <T>(options: SetupOptions, body: (setup: CloudSetup) => Promise<T>): Promise<T> => slot(() => withCloud(options, body));
}

/** Query datums the stand-in received for a namespace (the heartbeat left out), summed per metric and bin start (ISO). */
export function receivedCounts(standIn: StandIn, namespace = NAMESPACE): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const datum of standIn.state.datums.filter((d) => d.namespace === namespace && !HEARTBEAT.has(d.metricName))) {
    const byTime = (out[datum.metricName] ??= {});
    const key = new Date(datum.timestamp).toISOString();
    byTime[key] = (byTime[key] ?? 0) + (datum.value ?? 0);
  }
  return out;
}
