// What `run` and `backfill` share around their series: the state checked (and its directory made),
// the lock, the source and sink opened, Ctrl-C and SIGTERM turned into an abort, then what they
// print: a dry run's datums, the skipped lines of the files read, the summary and the warnings.
import { openEndpoints } from "../pipeline/endpoints.js";
import { seriesJobs } from "../pipeline/jobs.js";
import type { Line, Said } from "../pipeline/run-queries.js";
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

export interface SeriesCommandOptions {
  readonly dryRun: boolean;
  readonly output: OutputFormat | undefined;
  /** Takes the lock at `path` (a dry run takes none). */
  readonly lock: (path: string) => Promise<LockAttempt>;
  /** What to do when another run holds the lock: the command's exit code, or a throw. */
  readonly held: (holder: string) => number;
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
  if (lock !== null && !lock.acquired) return options.held(lock.holder);
  try {
    const interruption = onInterrupt();
    const skips = reportFileSkips();
    const endpoints = await openEndpoints(context.loaded, {
      aws: context.aws,
      clock: context.clock,
      dryRun,
      output: options.output,
      onReadStats: skips.add,
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
      };
      const said = await work({ deps, jobs: seriesJobs(context.loaded), interruptedBy: interruption.received });
      if (dryRun) await writeStdout(formatDatums(endpoints.collected, chooseFormat(options.output, process.stdout.isTTY === true)));
      if (options.quietWhenStdoutCloses && stdoutClosed()) throw new StdoutClosedError("standard output was closed by its reader");
      skips.flush();
      // Where stdout carries the datums (a dry run, a stdout sink), the summary goes to stderr.
      printLines(said.lines, dryRun || config.sink.type === "stdout");
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
 * Collects the skipped-line reports of every query and range a command reads, to print each one
 * once on stderr at the end (several queries read the same files).
 */
export function reportFileSkips() {
  const lines = new Set<string>();
  return {
    add: (_query: SourceQuery, _range: Interval, stats: ReadStats) => describeSkips(stats).forEach((line) => lines.add(line)),
    flush: () => {
      for (const line of lines) process.stderr.write(`mail-metrics: ${line}\n`);
      lines.clear();
    },
  };
}

/** Warnings to stderr; the summary to stdout, or to stderr where stdout carries the datums. */
function printLines(lines: readonly Line[], infoOnStderr: boolean): void {
  for (const line of lines) {
    if (line.to === "warn") process.stderr.write(`mail-metrics: ${line.text}\n`);
    else (infoOnStderr ? process.stderr : process.stdout).write(`${line.text}\n`);
  }
}
