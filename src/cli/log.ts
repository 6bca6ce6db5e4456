// The log of `run` and `backfill`, the commands cron runs: every event is one line (text: the time,
// then the message; --log-format json: one object) so a cron log says when each thing happened and a
// log shipper can parse it. Where events go: the summary (info) and --verbose detail (debug) to
// stdout, the cron log; warnings and errors to stderr, which cron mails. Where stdout carries datums
// (a dry run, a stdout sink) the summary goes to stderr instead. A failure also writes its one-line
// outcome where the summary would have gone, so the cron log never misses a failed run.
import type { Trace } from "../util/trace.js";

/** `progress`: backfill's progress lines, on stderr as the README promises, dropped by --quiet. */
export type LogLevel = "debug" | "info" | "progress" | "warning" | "error";
export const LOG_FORMATS = ["text", "json"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogEvent {
  readonly level: LogLevel;
  readonly message: string;
  /** The query the event is about. */
  readonly query?: string;
  /** Figures for --log-format json (windows, datums, bytes scanned, …). */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** A failure's outcome line: written with the summary, and only where that is not stderr (which has the error itself). */
  readonly outcome?: boolean;
}

export interface LogOptions {
  readonly logFormat?: LogFormat;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

export interface LogStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface Log {
  write(event: LogEvent): void;
  /** Debug events (--verbose), for the source and sink to say what they call. */
  readonly trace: Trace;
  /** Where the summary goes: stderr when stdout carries datums. */
  summaryOnStderr(onStderr: boolean): void;
}

/**
 * The log of a command, on `now`'s clock: the real one, or `--now` plus the time elapsed, so a
 * run's lines carry the time its windows and heartbeat were reckoned at.
 */
export function createLog(options: LogOptions, now: () => number, streams: LogStreams = process): Log {
  const format = options.logFormat ?? "text";
  let summaryToStderr = false;
  const shown = (level: LogLevel) =>
    level === "debug" ? options.verbose === true : level === "info" || level === "progress" ? options.quiet !== true : true;
  const log: Log = {
    write(event) {
      if (!shown(event.level)) return;
      if (event.outcome === true && summaryToStderr) return;
      const toStderr =
        event.outcome !== true && (event.level === "warning" || event.level === "error" || event.level === "progress" || summaryToStderr);
      // On stderr, which cron mails, a line says whose it is; the summary (and an outcome) reads as the log it is part of.
      const prefix = event.level === "debug" ? "mail-metrics: debug: " : toStderr && event.level !== "info" ? "mail-metrics: " : "";
      const text = format === "json" ? jsonLine(event, now()) : textLines(event.message, prefix, now());
      (toStderr ? streams.stderr : streams.stdout).write(text);
    },
    trace: (message, fields) => log.write({ level: "debug", message, ...(fields === undefined ? {} : { fields }) }),
    summaryOnStderr(onStderr) {
      summaryToStderr = onStderr;
    },
  };
  return log;
}

/** What the source, sink and SDK clients say, into the log: their calls (--verbose) and the SDK's warnings. */
export function logHooks(log: Log): { readonly trace: Trace; readonly warn: (message: string) => void } {
  return { trace: log.trace, warn: (message) => log.write({ level: "warning", message }) };
}

/** `2026-12-04T10:05:00Z`: to the second, as cron logs and syslog show time. */
export function logTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Each line of the message gets the time, so a multi-line error (a config's problems) stays greppable by time. */
function textLines(message: string, prefix: string, ms: number): string {
  const head = `${logTime(ms)} ${prefix}`;
  return message
    .split("\n")
    .map((line) => `${head}${line}\n`)
    .join("");
}

function jsonLine(event: LogEvent, ms: number): string {
  const head: Record<string, unknown> = {
    time: logTime(ms),
    level: event.level,
    ...(event.query === undefined ? {} : { query: event.query }),
    message: event.message,
  };
  // The event's own keys come first and cannot be overwritten by a field of the same name.
  const fields = Object.entries(event.fields ?? {}).filter(([key]) => !(key in head));
  return `${JSON.stringify({ ...head, ...Object.fromEntries(fields) })}\n`;
}

let current: Log | undefined;

/** The log of the running command, for main's error report; undefined for commands without one (validate, query, state). */
export function currentLog(): Log | undefined {
  return current;
}

export function useLog(log: Log): Log {
  current = log;
  return log;
}

/**
 * The log of `run` or `backfill`, registered for main's error report, on the command's clock.
 * Where stdout carries datums (a dry run now; a stdout sink once the config is read: `forConfig`)
 * the summary goes to stderr.
 */
export function commandLog(options: LogOptions & { readonly dryRun?: boolean }, clock: { now(): number }) {
  const log = useLog(createLog(options, clock.now));
  log.summaryOnStderr(options.dryRun === true);
  return {
    log,
    forConfig: (config: { readonly sink: { readonly type: string } }) =>
      log.summaryOnStderr(options.dryRun === true || config.sink.type === "stdout"),
  };
}
