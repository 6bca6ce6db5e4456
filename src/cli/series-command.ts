// What `run` and `backfill` share around their series: the state checked (and its directory made),
// the lock, the source and sink opened, Ctrl-C and SIGTERM turned into an abort, then what they
// print: a dry run's datums, the skipped lines of the files read, the summary and the warnings, all
// through the command's log (cli/log.ts).
import { openEndpoints } from "../pipeline/endpoints.js";
import { seriesJobs } from "../pipeline/jobs.js";
import type { Line, Said } from "../pipeline/run-queries.js";
import type { Sink } from "../sinks/sink.js";
import type { RunSeriesDeps, SeriesJob } from "../pipeline/run-series.js";
import { chooseFormat, formatDatums, type OutputFormat } from "../sinks/stdout/format.js";
import { describeSkips, type ReadStats } from "../sources/files/read-stats.js";
import type { SourceQuery } from "../sources/source.js";
import { StateHandle } from "../state/handle.js";
import { lockPath, type LockAttempt } from "../state/lock.js";
import { prepareState } from "../state/safety.js";
import { onInterrupt } from "../util/signals.js";
import { StdoutClosedError, stdoutClosed, writeStdout } from "../util/stdio.js";
import type { Interval } from "../windows/intervals.js";
import { windowSettings, type CommandContext } from "./command-context.js";
import { logHooks, type Log, type LogEvent } from "./log.js";

export interface SeriesCommandOptions {
  readonly dryRun: boolean;
  readonly log: Log;
  readonly output: OutputFormat | undefined;
  /** Takes the lock at `path` (a dry run takes none). */
  readonly lock: (path: string) => Promise<LockAttempt>;
  /** What to do when another run holds the lock (who, since when): the command's exit code, or a throw. */
  readonly held: (attempt: { readonly holder: string; readonly since?: number }) => number | Promise<number>;
  /** After what the series said is written, and unless a signal stopped them (run: the heartbeat). */
  readonly after?: (session: SeriesSession, sink: Sink, said: Said) => Promise<void>;
  /**
   * End quietly (exit 0, main.ts) when the reader of stdout left: the batches it did not take stay
   * unpublished in the state, and there is nothing more to say.
   */
  readonly quietWhenStdoutCloses?: boolean;
}

/** What a command's series run with, and what interrupted them. */
export interface SeriesSession {
  readonly deps: RunSeriesDeps;
  readonly jobs: readonly SeriesJob[];
  readonly interruptedBy: () => string | null;
}

export async function seriesCommand(
  context: CommandContext,
  options: SeriesCommandOptions,
  work: (session: SeriesSession) => Promise<Said>,
): Promise<number> {
  const { config } = context.loaded;
  const { dryRun } = options;
  prepareState(context.statePath, config.state, context.configArgument, !dryRun);
  const lock = dryRun ? null : await options.lock(lockPath(context.statePath));
  if (lock !== null && !lock.acquired) return options.held(lock);
  try {
    const interruption = onInterrupt();
    const skips = reportFileSkips();
    const hooks = { onReadStats: skips.add, ...logHooks(options.log) };
    const endpoints = await openEndpoints(context.loaded, {
      aws: context.aws,
      clock: context.clock,
      dryRun,
      output: options.output,
      ...hooks,
    });
    try {
      const state = StateHandle.open(context.statePath, !dryRun);
      const deps: RunSeriesDeps = {
        state,
        sink: endpoints.sink,
        clock: context.clock,
        signal: interruption.signal,
        source: endpoints.source,
        windows: windowSettings(context),
        trace: options.log.trace,
      };
      const session = { deps, jobs: seriesJobs(context.loaded), interruptedBy: interruption.received };
      const said = await work(session);
      if (dryRun) await writeStdout(formatDatums(endpoints.collected, chooseFormat(options.output, process.stdout.isTTY === true)));
      if (options.quietWhenStdoutCloses && stdoutClosed()) throw new StdoutClosedError("standard output was closed by its reader");
      skips.flush(options.log);
      printLines(options.log, said.lines);
      if (options.after !== undefined && interruption.received() === null) await options.after(session, endpoints.sink, said);
      return said.code;
    } finally {
      endpoints.close();
      interruption.dispose();
    }
  } finally {
    // Whatever happened: a lock left behind would make the next run take it over as stale, hiding the failure.
    if (lock?.acquired) lock.lock.release();
  }
}

/**
 * Collects the skipped-line reports of every query and range a command reads, to say each one
 * once, as a warning, at the end (several queries read the same files).
 */
export function reportFileSkips() {
  const lines = new Set<string>();
  return {
    add: (_query: SourceQuery, _range: Interval, stats: ReadStats) => describeSkips(stats).forEach((line) => lines.add(line)),
    flush: (log: Log) => {
      for (const line of lines) log.write({ level: "warning", message: line });
      lines.clear();
    },
  };
}

/** What the series said, into the log: the summary with the summary, warnings and errors to stderr, a failed query's outcome in both. */
export function printLines(log: Log, lines: readonly Line[]): void {
  for (const line of lines) log.write(eventOf(line));
}

export function eventOf(line: Line): LogEvent {
  const level = line.severity === "error" ? "error" : line.to === "warn" ? "warning" : "info";
  return {
    level,
    message: line.text,
    ...(line.query === undefined ? {} : { query: line.query }),
    ...(line.fields === undefined ? {} : { fields: line.fields }),
    ...(line.outcome === true ? { outcome: true } : {}),
  };
}
