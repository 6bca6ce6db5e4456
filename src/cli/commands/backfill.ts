// `mail-metrics backfill --config FILE --from ISO --to ISO`: the windows of a past range that the
// state does not list as published, with the same mapping as `run`, a few queries at a time.
import { RuntimeError, UsageError } from "../../errors.js";
import { backfillQueries } from "../../pipeline/backfill-queries.js";
import type { OutputFormat } from "../../sinks/stdout/format.js";
import { tryLock } from "../../state/lock.js";
import { isoTime } from "../../util/iso-time.js";
import type { Interval } from "../../windows/intervals.js";
import { ceilTo, floorTo, lastDueEnd, oldestBackfillable } from "../../windows/windows.js";
import { commandClock, commandContext, type AwsOverrides, type CommandContext } from "../command-context.js";
import { commandLog, type LogOptions } from "../log.js";
import { progressView } from "../progress.js";
import { seriesCommand } from "../series-command.js";
import { parseTimeOption } from "../time-option.js";

export interface BackfillCommandOptions extends AwsOverrides, LogOptions {
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
  const clock = commandClock(options.now);
  const { log, forConfig } = commandLog(options, clock);
  const context = await commandContext(options.config, options, clock);
  const { config } = context.loaded;
  forConfig(config);
  if (!config.state.enabled) {
    throw new UsageError(
      `backfill records what it publishes in the state, and ${context.configArgument} sets state.enabled: false; use ` +
        `'mail-metrics query' to print a past range`,
    );
  }
  const range = backfillRange(context, options);
  const concurrency = parseConcurrency(options.concurrency) ?? config.schedule.concurrency;
  const dryRun = options.dryRun === true;
  return seriesCommand(
    context,
    {
      dryRun,
      log,
      output: options.output,
      lock: async (path) => tryLock(path),
      held: ({ holder }) => {
        throw new RuntimeError(`another run holds the lock on ${context.statePath} (${holder}); try again when it has finished`);
      },
    },
    async ({ deps, jobs, interruptedBy }) => {
      const progress = progressView(context.clock, log);
      try {
        return await backfillQueries(deps, jobs, {
          range,
          concurrency,
          force: options.force === true,
          onProgress: progress.update,
          dryRun,
          configPath: context.configArgument,
          interruptedBy,
        });
      } finally {
        progress.done();
      }
    },
  );
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
      `--to ${options.to} reaches past the newest closed window (it ends ${isoTime(newest)}); windows still open are published ` +
        `by 'mail-metrics run'`,
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
