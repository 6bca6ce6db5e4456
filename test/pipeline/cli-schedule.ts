// Plays a fault schedule (in-process/schedule-generator.ts) through the built CLI against the
// stand-in: each step is one `run` or `backfill` process at its clock, its faults injected where the
// calls really happen (the stand-in's fault queue, SIGKILL when a request arrives, the log file
// moved away for a files source), the query edited (its zeroFill list reordered: a new identity,
// the same datums) and restored as the schedule says. The ground truth is the scripted peer's record
// of copies of the real log, never mail-metrics' own output.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { OperationName } from "../fake-cloudwatch/operations.js";
import type { Outcome, Step } from "./in-process/play.js";
import type { Player } from "./in-process/play-schedule.js";
import { SCHEDULE_START, type Schedule } from "./in-process/schedule-generator.js";
import type { Fates } from "./in-process/world.js";
import type { CloudSetup } from "./cloud-fixture.js";
import { iso, MAILLOG, MAILLOG_START, SMTP } from "./peer-model.js";
import { watchRequests } from "./request-hook.js";
import { readStateJson, settled } from "./scene.js";
import { untimed } from "./log-lines.js";

export type SourceKind = "cloudwatch-logs" | "files";

const HOUR = 3_600_000;
/** Lines the reply/DSN query can count (its first filter): the others count for nothing, and the peer's record says so. */
const COUNTED = MAILLOG.filter((event) => /said: |refused to talk to me: |status=sent \(/.test(event.message));

/** Minutes after the schedule's start where copies of the real log begin: every 90 minutes over its span. */
export function copyMinutes(schedule: Schedule): number[] {
  const end = Math.max(...schedule.steps.map((step) => step.now)) + 3 * HOUR;
  const out: number[] = [];
  for (let minute = -24 * 60; SCHEDULE_START + minute * 60_000 < end; minute += 90) out.push(minute);
  return out;
}

export function logEvents(minutes: readonly number[]) {
  return minutes.flatMap((m) =>
    COUNTED.map((event) => ({ ...event, timestamp: event.timestamp + SCHEDULE_START + m * 60_000 - MAILLOG_START })),
  );
}

/** The log as a file for a files source: each line's syslog stamp made an RFC 3339 one at its copy's time. */
export function writeLogFile(path: string, events: readonly { timestamp: number; message: string }[]): void {
  const lines = [...events]
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((e) => e.message.replace(/^\w{3} [ \d]\d \d\d:\d\d:\d\d/, iso(e.timestamp)));
  writeFileSync(path, `${lines.join("\n")}\n`);
}

/** The config's source section replaced by a files source reading `log`. */
export function useFilesSource(config: string, log: string): void {
  const text = readFileSync(config, "utf8");
  const files = text.replace(
    /source:\n {2}type: cloudwatch-logs\n {2}logGroups: \[[^\]]*\]\n/,
    `source:\n  type: files\n  paths: [${log}]\n`,
  );
  if (files === text) throw new Error("the config has no cloudwatch-logs source to replace");
  writeFileSync(config, files);
}

export function cliPlayer(s: CloudSetup, source: SourceKind, names: readonly string[], log: string): Player {
  const entry = (edited: boolean) => `{ builtin: ${SMTP}, zeroFill: [${(edited ? [...names].reverse() : names).join(", ")}] }`;
  const template = readFileSync(s.config, "utf8");
  const line = template.split("\n").find((l) => l.startsWith("  - { builtin:"));
  if (line === undefined) throw new Error("the config has no query entry to edit");
  return {
    async play(step: Step): Promise<Outcome | null> {
      // Two definitions: the query as configured ("a", or none given) and the edited one (the generator's "b", or the identity a run names for it).
      const edited = (step.queries ?? []).some((query) => query.identity !== undefined && query.identity !== "a");
      writeFileSync(s.config, template.replace(line, `  - ${entry(edited)}`));
      const args = step.kind === "run" ? ["run"] : ["backfill", "--from", iso(step.range.from), "--to", iso(step.range.to)];
      const moved = source === "files" && queryFails(step.fates);
      if (moved) renameSync(log, `${log}.away`);
      const child = s.spawn(args, iso(step.now));
      const disarm =
        source === "cloudwatch-logs" || !moved ? arm(s, step.fates ?? {}, source, () => child.kill("SIGKILL")) : () => undefined;
      const result = await child.done;
      disarm();
      s.standIn.faults.clear();
      if (moved) renameSync(`${log}.away`, log);
      if (result.signal !== null) return null;
      // The log's lines as the in-process outcome has them: without their time, stderr's without "mail-metrics: ".
      const lines = (text: string) =>
        untimed(text)
          .split("\n")
          .filter((l) => l !== "");
      return {
        code: result.code ?? 1,
        info: lines(result.stdout),
        warn: lines(result.stderr).map((l) => l.replace(/^mail-metrics: /, "")),
        collected: [],
      };
    },
    settled: () => settled(readStateJson(s.statePath)),
    nameOf: () => SMTP,
  };
}

/** A files source cannot be made to fail one query; a query fault there is the log file gone for the run. */
function queryFails(fates: Fates | undefined): boolean {
  const query = fates?.query;
  const all = query === undefined ? [] : Array.isArray(query) ? query : Object.values(query).flat();
  return all.some((fate) => fate !== "ok" && fate !== "kill");
}

/**
 * Injects the fates at the requests they name: the nth StartQuery (a Logs Insights fault, or the
 * process killed once it is sent), the nth PutMetricData (throttled out, a 5xx, a connection cut
 * before or after it landed, the process killed), the nth GetMetricData (failing, or killed).
 */
function arm(s: CloudSetup, fates: Fates, source: SourceKind, kill: () => void): () => void {
  const query = fates.query === undefined ? [] : Array.isArray(fates.query) ? [...fates.query] : Object.values(fates.query).flat();
  const plans: Partial<Record<OperationName, string[]>> = {
    ...(source === "cloudwatch-logs" ? { StartQuery: query } : {}),
    PutMetricData: [...(fates.put ?? [])],
    GetMetricData: [...(fates.readBack ?? [])],
  };
  const seen = new Map<string, number>();
  let dead = false;
  return watchRequests(s.standIn, (request) => {
    const operation = request.operation as OperationName;
    const n = seen.get(operation) ?? 0;
    seen.set(operation, n + 1);
    const fate = plans[operation]?.[n];
    if (fate === undefined || fate === "ok" || dead) return;
    const faults = s.standIn.faults;
    switch (fate) {
      case "kill":
        if (operation !== "StartQuery") faults.next(operation, { kind: "drop" });
        dead = true;
        return kill();
      case "kill-landed":
        dead = true;
        return kill();
      case "Failed":
      case "Cancelled":
      case "Timeout":
        return void faults.next("StartQuery", { kind: "query", end: fate });
      case "throttled":
        return void faults.next(operation, { kind: "throttle" }, { times: 5 });
      case "5xx":
      case "error":
        return void faults.next(operation, { kind: "server-error" }, { times: operation === "GetMetricData" ? 5 : 1 });
      case "5xx-landed":
      case "timeout-landed":
        return void faults.next(operation, { kind: "drop", store: "before" });
      case "timeout":
        return void faults.next(operation, { kind: "drop" });
      default:
        // late:N lands and is readable only after the stand-in's visibility delay; 5xx-late:N is cut after landing too.
        if (fate.startsWith("5xx-late:")) faults.next(operation, { kind: "drop", store: "before" });
    }
  });
}

export const cliLogPath = (dir: string) => join(dir, "mail.log");
