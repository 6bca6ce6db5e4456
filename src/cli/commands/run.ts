// `mail-metrics run --config FILE`: publish every window that closed since the last run, once.
import { parseDuration } from "../../config/duration.js";
import { EXIT_CODES, exitCodeFor, RuntimeError, UsageError } from "../../errors.js";
import { openEndpoints, type Endpoints } from "../../pipeline/endpoints.js";
import { seriesJobs } from "../../pipeline/jobs.js";
import { previewSeries } from "../../pipeline/preview-series.js";
import { runSeries, type RunSeriesDeps, type SeriesReport } from "../../pipeline/run-series.js";
import { runStateless } from "../../pipeline/run-stateless.js";
import { StateHandle } from "../../pipeline/state-handle.js";
import { skippedWarning, summaryLine } from "../../pipeline/summary.js";
import { formatInterval } from "../../schedule/intervals.js";
import { tryLock, waitForLock, type LockAttempt } from "../../schedule/lock.js";
import { pendingDatums, type SeriesState } from "../../schedule/state.js";
import { oldestBackfillable } from "../../schedule/windows.js";
import { onInterrupt, type Interruption } from "../../util/signals.js";
import { StdoutClosedError, stdoutClosed, writeStdout } from "../../util/stdio.js";
import { commandContext, type AwsOverrides, type CommandContext } from "../command-context.js";
import { prepareState } from "../state-access.js";
import { chooseFormat, formatDatums, type OutputFormat } from "../output.js";
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
  const endpoints = await openEndpoints(context.loaded, { aws: context.aws, clock: context.clock, dryRun, output: options.output, onFileStats: skips.add });
  try {
    const state = new StateHandle(context.statePath, !dryRun);
    const deps: RunSeriesDeps = { state, sink: endpoints.sink, clock: context.clock, signal: interruption.signal, source: endpoints.source, windows: windowSettings(context) };
    const jobs = seriesJobs(context.loaded);
    const outcomes = await Promise.allSettled(
      jobs.map(async (job) => {
        if (!dryRun) return { report: await runSeries(deps, job), notes: [] };
        return previewSeries(deps, job);
      }),
    );
    const orphans = jobs.flatMap((job) => state.unfinishedByOthers(job.key, job.query.name).map((series) => orphanWarning(series)));
    if (dryRun) await printCollected(endpoints, options.output);
    // Batches the reader of stdout (a stdout sink) did not take are left unpublished in the state; say nothing more.
    if (stdoutClosed()) throw new StdoutClosedError("standard output was closed by its reader");
    skips.flush();
    for (const line of orphans) process.stderr.write(`mail-metrics: ${line}\n`);
    return finish(context, jobs.map((job) => job.query.name), outcomes, dryRun, interruption);
  } finally {
    endpoints.close();
    interruption.dispose();
  }
}

/** The first window a backfill run within the next hour can still publish; undefined when the sink takes any age. */
function oldestAccepted(context: CommandContext): number | undefined {
  if (context.loaded.config.sink.type !== "cloudwatch") return undefined;
  return oldestBackfillable(context.clock.now() + 3_600_000, context.loaded.config.schedule.period);
}

export function windowSettings({ loaded }: CommandContext) {
  const { schedule } = loaded.config;
  return {
    period: schedule.period,
    lag: schedule.lag,
    maxCatchUp: schedule.maxCatchUp,
    ...(schedule.startAt === undefined ? {} : { startAt: Date.parse(schedule.startAt) }),
  };
}

async function acquire(context: CommandContext, wait: string | undefined): Promise<LockAttempt> {
  const path = `${context.statePath}.lock`;
  if (wait === undefined) return tryLock(path);
  const timeout = parseDuration(wait);
  if (timeout === undefined) throw new UsageError(`--wait "${wait}" is not a duration; write it like 30s or 5m`);
  const attempt = await waitForLock(path, timeout, context.clock);
  if (!attempt.acquired) throw new RuntimeError(`another run still holds the lock on ${context.statePath} (${attempt.holder}) after waiting ${wait}`);
  return attempt;
}

async function printCollected(endpoints: Endpoints, output: OutputFormat | undefined): Promise<void> {
  await writeStdout(formatDatums(endpoints.collected, chooseFormat(output, process.stdout.isTTY === true)));
}

type Outcome = PromiseSettledResult<{ report: SeriesReport; notes: string[] }>;

/** Prints the summary (stdout, unless stdout holds the datums) and the errors (stderr). */
function finish(context: CommandContext, names: readonly string[], outcomes: Outcome[], dryRun: boolean, interruption: Interruption): number {
  const period = context.loaded.config.schedule.period;
  const interruptedBy = interruption.received();
  // Where stdout carries the datums (a dry run, a stdout sink), the summary goes to stderr.
  const datumsOnStdout = dryRun || context.loaded.config.sink.type === "stdout";
  const info = (line: string) => (datumsOnStdout ? process.stderr : process.stdout).write(`${line}\n`);
  const warn = (line: string) => process.stderr.write(`mail-metrics: ${line}\n`);
  let code = 0;
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status === "rejected") {
      // A query cut short by the signal is not a failure of its own: the "stopped by" line says why.
      if (cutShortBy(outcome.reason, interruption.signal)) {
        info(`${names[i]}: stopped while querying; nothing of this run published for it, the next run does it`);
        continue;
      }
      // A bug is not one query's runtime failure: let main report it with its stack (exit 70).
      if (exitCodeFor(outcome.reason) === EXIT_CODES.internal) throw outcome.reason;
      code = Math.max(code, exitCodeFor(outcome.reason));
      warn(outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason));
      continue;
    }
    const { report, notes } = outcome.value;
    notes.forEach(info);
    info(summaryLine(report, period, dryRun ? "would publish" : "published"));
    if (report.skipped) warn(skippedWarning(report.name, report.skipped, period, context.configArgument, oldestAccepted(context)));
    if (report.settleFailure !== undefined) {
      warn(`${report.name}: could not settle the datums of unknown fate, which stay pending for the next run: ${report.settleFailure}`);
      code = Math.max(code, EXIT_CODES.runtime);
    }
  }
  if (interruptedBy !== null) {
    warn(`stopped by ${interruptedBy}: running queries were stopped and the state saved; the next run continues from there`);
    return 1;
  }
  return code;
}

/** Whether `error` is (or wraps) the interruption itself: a wait rejected with the signal's reason, or an aborted SDK call. */
function cutShortBy(error: unknown, signal: AbortSignal): boolean {
  if (!signal.aborted) return false;
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e === signal.reason || e.name === "AbortError") return true;
  return false;
}

/**
 * An earlier definition of a query left a plan or batches of unknown fate. The new definition
 * publishes none of those windows (their batches may have landed), and only the earlier one can
 * finish them: say so on every run until it has.
 */
function orphanWarning(series: SeriesState): string {
  const work = [
    ...(series.plan === null ? [] : [`windows ${formatInterval(series.plan.range)} part-published`]),
    ...(series.uncertain.length === 0 ? [] : [`${pendingDatums(series)} datums of unknown fate`]),
  ].join(" and ");
  return (
    `${series.query}: its earlier definition (identity ${series.identity}) left ${work}, which the current definition does not ` +
    "publish again; to finish them, run once with the earlier definition restored, then switch back"
  );
}
