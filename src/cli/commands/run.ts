// `mail-metrics run --config FILE`: publish every window that closed since the last run, once.
// `--dry-run` is the same run (pipeline/run-queries.ts) with a state that is not written and a sink
// that collects the datums, printed at the end.
import { parseDuration } from "../../config/duration.js";
import { RuntimeError, UsageError } from "../../errors.js";
import { openEndpoints } from "../../pipeline/endpoints.js";
import { seriesJobs } from "../../pipeline/jobs.js";
import { runQueries } from "../../pipeline/run-queries.js";
import type { RunSeriesDeps } from "../../pipeline/run-series.js";
import { runStateless } from "../../pipeline/run-stateless.js";
import { StateHandle } from "../../pipeline/state-handle.js";
import { tryLock, waitForLock, type LockAttempt } from "../../schedule/lock.js";
import { onInterrupt } from "../../util/signals.js";
import { StdoutClosedError, stdoutClosed, writeStdout } from "../../util/stdio.js";
import { commandContext, windowSettings, type AwsOverrides, type CommandContext } from "../command-context.js";
import { prepareState } from "../state-access.js";
import { chooseFormat, formatDatums, type OutputFormat } from "../output.js";
import { printLines } from "../print-lines.js";
import { reportFileSkips } from "../report-skips.js";

export interface RunOptions extends AwsOverrides {
  readonly config: string;
  readonly dryRun?: boolean;
  readonly now?: string;
  readonly wait?: string;
  readonly output?: OutputFormat;
}

export async function run(options: RunOptions): Promise<number> {
  const context = await commandContext(options.config, options);
  const { config } = context.loaded;
  if (!config.state.enabled) return runStateless(context, options.output);
  const dryRun = options.dryRun === true;
  prepareState(context, !dryRun);
  const lock = dryRun ? null : await acquire(context, options.wait);
  if (lock !== null && !lock.acquired) {
    process.stdout.write(`mail-metrics: another run holds the lock on ${context.statePath} (${lock.holder}); nothing to do\n`);
    return 0;
  }
  try {
    return await runLocked(context, options, dryRun);
  } finally {
    // Whatever happened: a lock left behind would make the next run take it over as stale, hiding the failure.
    if (lock?.acquired) lock.lock.release();
  }
}

async function runLocked(context: CommandContext, options: RunOptions, dryRun: boolean): Promise<number> {
  const { config } = context.loaded;
  const interruption = onInterrupt();
  const skips = reportFileSkips();
  const endpoints = await openEndpoints(context.loaded, {
    aws: context.aws,
    clock: context.clock,
    dryRun,
    output: options.output,
    onFileStats: skips.add,
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
    const said = await runQueries(deps, seriesJobs(context.loaded), {
      dryRun,
      configPath: context.configArgument,
      ...stateNote(context),
      interruptedBy: interruption.received,
    });
    if (dryRun) await writeStdout(formatDatums(endpoints.collected, chooseFormat(options.output, process.stdout.isTTY === true)));
    // Batches the reader of stdout (a stdout sink) did not take are left unpublished in the state; say nothing more.
    if (stdoutClosed()) throw new StdoutClosedError("standard output was closed by its reader");
    skips.flush();
    // Where stdout carries the datums (a dry run, a stdout sink), the summary goes to stderr.
    printLines(said.lines, dryRun || config.sink.type === "stdout");
    return said.code;
  } finally {
    endpoints.close();
    interruption.dispose();
  }
}

/**
 * Where a run publishing to CloudWatch keeps its state, when that is this user's default path: a
 * second user (or a cron job as another user) running the same config would have a state of its own
 * and publish every window again. Said on every run, in the summary, so it is seen but not mailed.
 */
function stateNote(context: CommandContext): { stateNote?: string } {
  const { config } = context.loaded;
  if (config.sink.type !== "cloudwatch" || config.state.path !== undefined) return {};
  return { stateNote: `state ${context.statePath} (this user's default: set state.path so that every run of this config uses one state)` };
}

async function acquire(context: CommandContext, wait: string | undefined): Promise<LockAttempt> {
  const path = `${context.statePath}.lock`;
  if (wait === undefined) return tryLock(path);
  const timeout = parseDuration(wait);
  if (timeout === undefined) throw new UsageError(`--wait "${wait}" is not a duration; write it like 30s or 5m`);
  const attempt = await waitForLock(path, timeout, context.clock);
  if (!attempt.acquired)
    throw new RuntimeError(`another run still holds the lock on ${context.statePath} (${attempt.holder}) after waiting ${wait}`);
  return attempt;
}
