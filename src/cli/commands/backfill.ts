// `mail-metrics backfill --config FILE --from ISO --to ISO`: the windows of a past range that the
// state does not list as published, with the same mapping as `run`, a few queries at a time.
import { RuntimeError, UsageError } from "../../errors.js";
import { backfillQueries } from "../../pipeline/backfill-queries.js";
import { openEndpoints } from "../../pipeline/endpoints.js";
import { seriesJobs } from "../../pipeline/jobs.js";
import type { RunSeriesDeps } from "../../pipeline/run-series.js";
import { StateHandle } from "../../pipeline/state-handle.js";
import type { Interval } from "../../schedule/intervals.js";
import { isoTime } from "../../util/iso-time.js";
import { tryLock } from "../../schedule/lock.js";
import { ceilTo, floorTo, lastDueEnd, oldestBackfillable } from "../../schedule/windows.js";
import { onInterrupt } from "../../util/signals.js";
import { writeStdout } from "../../util/stdio.js";
import { commandContext, windowSettings, type AwsOverrides, type CommandContext } from "../command-context.js";
import { prepareState } from "../state-access.js";
import { chooseFormat, formatDatums, type OutputFormat } from "../output.js";
import { progressView } from "../progress.js";
import { reportFileSkips } from "../report-skips.js";
import { parseTimeOption } from "../time-option.js";
import { printLines } from "../print-lines.js";

export interface BackfillCommandOptions extends AwsOverrides {
  readonly config: string;
  readonly from: string;
  readonly to: string;
  readonly force?: boolean;
  readonly concurrency?: string;
  readonly dryRun?: boolean;
  readonly now?: string;
  readonly output?: OutputFormat;
}

export async function backfill(options: BackfillCommandOptions): Promise<number> {
  const context = await commandContext(options.config, options);
  const { config } = context.loaded;
  if (!config.state.enabled) {
    throw new UsageError(
      `backfill records what it publishes in the state, and ${context.configArgument} sets state.enabled: false; use 'mail-metrics query' to print a past range`,
    );
  }
  const range = backfillRange(context, options);
  const concurrency = parseConcurrency(options.concurrency) ?? config.schedule.concurrency;
  const dryRun = options.dryRun === true;
  prepareState(context, !dryRun);
  const lock = dryRun ? null : tryLock(`${context.statePath}.lock`);
  if (lock !== null && !lock.acquired)
    throw new RuntimeError(`another run holds the lock on ${context.statePath} (${lock.holder}); try again when it has finished`);
  try {
    return await backfillLocked(context, options, range, concurrency, dryRun);
  } finally {
    // Whatever happened: a lock left behind would make the next run take it over as stale, hiding the failure.
    if (lock?.acquired) lock.lock.release();
  }
}

async function backfillLocked(
  context: CommandContext,
  options: BackfillCommandOptions,
  range: Interval,
  concurrency: number,
  dryRun: boolean,
): Promise<number> {
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
  const progress = progressView(context.clock);
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
    const said = await backfillQueries(deps, seriesJobs(context.loaded), {
      range,
      concurrency,
      force: options.force === true,
      onProgress: progress.update,
      dryRun,
      interruptedBy: interruption.received,
    });
    progress.done();
    if (dryRun) await writeStdout(formatDatums(endpoints.collected, chooseFormat(options.output, process.stdout.isTTY === true)));
    skips.flush();
    printLines(said.lines, dryRun || config.sink.type === "stdout");
    return said.code;
  } finally {
    progress.done();
    endpoints.close();
    interruption.dispose();
  }
}

function backfillRange(context: CommandContext, options: BackfillCommandOptions): Interval {
  const { period, lag } = context.loaded.config.schedule;
  const now = context.clock.now();
  const from = floorTo(parseTimeOption("--from", options.from), period);
  const to = ceilTo(parseTimeOption("--to", options.to), period);
  if (from >= to) throw new UsageError(`--from ${options.from} is not before --to ${options.to}`);
  const newest = lastDueEnd(now, { period, lag, maxCatchUp: 0 });
  if (to > newest) {
    throw new UsageError(
      `--to ${options.to} reaches past the newest closed window (it ends ${isoTime(newest)}); windows still open are published by 'mail-metrics run'`,
    );
  }
  const oldest = oldestBackfillable(now, period);
  if (context.loaded.config.sink.type === "cloudwatch" && from < oldest) {
    throw new UsageError(
      `--from ${options.from} is older than CloudWatch accepts: PutMetricData takes data points up to two weeks old, ` +
        `so the earliest window that can still be backfilled starts at ${isoTime(oldest)}`,
    );
  }
  return { from, to };
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 30) throw new UsageError(`--concurrency "${value}" must be a whole number from 1 to 30`);
  return n;
}
