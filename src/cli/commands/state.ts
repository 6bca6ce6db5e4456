// `mail-metrics state show|reset --config FILE`: what each query has published, and forgetting it.
import { RuntimeError, UsageError } from "../../errors.js";
import { seriesJobs } from "../../pipeline/jobs.js";
import { StateHandle } from "../../pipeline/state-handle.js";
import { formatInterval, type Interval } from "../../schedule/intervals.js";
import { isoTime } from "../../util/iso-time.js";
import { tryLock } from "../../schedule/lock.js";
import { oldestBackfillable } from "../../schedule/windows.js";
import type { SeriesState } from "../../schedule/state.js";
import { commandContext } from "../command-context.js";
import { prepareState } from "../state-access.js";

export interface StateOptions {
  readonly config: string;
  readonly query?: string;
  readonly yes?: boolean;
  readonly now?: string;
}

export async function stateShow(options: StateOptions): Promise<number> {
  const context = await commandContext(options.config, options.now === undefined ? {} : { now: options.now });
  prepareState(context, false);
  const current = new Set(seriesJobs(context.loaded).map((job) => job.key));
  const all = Object.entries(new StateHandle(context.statePath, false).all());
  const lines = [`state file: ${context.statePath}`];
  if (all.length === 0) lines.push("nothing published yet");
  const { sink, schedule } = context.loaded.config;
  const oldest = sink.type === "cloudwatch" ? oldestBackfillable(context.clock.now(), schedule.period) : undefined;
  for (const [key, series] of all) lines.push(...describeSeries(series, current.has(key), oldest));
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** `oldest`: the first window a backfill can still publish (undefined: any). */
function describeSeries(series: SeriesState, inConfig: boolean, oldest: number | undefined): string[] {
  const lines = [`${series.query} (identity ${series.identity})${inConfig ? "" : " — not in the config any more (the query, its log groups, mapping or destination changed)"}`];
  if (series.published.length === 0) lines.push("  published: nothing");
  series.published.forEach((range, i) => lines.push(`  ${i === 0 ? "published:" : "          "} ${formatInterval(range)}`));
  for (let i = 1; i < series.published.length; i += 1) {
    const hole = { from: series.published[i - 1]!.to, to: series.published[i]!.from };
    lines.push(`  not published: ${formatInterval(hole)} (${holeAdvice(hole, oldest)})`);
  }
  const plan = series.plan;
  if (plan) lines.push(`  in progress: ${formatInterval(plan.range)}, ${plan.done} of ${plan.batchEnds.length} batches sent; the next run finishes it`);
  for (const batch of series.uncertain) {
    lines.push(`  unknown fate: ${batch.datums.length} datums sent ${isoTime(batch.sentAt)} (${batch.reason}); the next runs settle it by read-back`);
  }
  return lines;
}

export async function stateReset(options: StateOptions): Promise<number> {
  const context = await commandContext(options.config, {});
  const name = options.query!;
  prepareState(context, true);
  const lock = tryLock(`${context.statePath}.lock`);
  if (!lock.acquired) throw new RuntimeError(`another run holds the lock on ${context.statePath} (${lock.holder}); try again when it has finished`);
  try {
    const state = new StateHandle(context.statePath, true);
    const keys = Object.entries(state.all()).filter(([, series]) => series.query === name).map(([key]) => key);
    if (keys.length === 0) {
      const known = [...new Set(Object.values(state.all()).map((series) => series.query))];
      throw new UsageError(`the state has no query named "${name}"${known.length > 0 ? `; it has: ${known.join(", ")}` : ""}`);
    }
    if (options.yes !== true) {
      throw new UsageError(
        `state reset forgets every window "${name}" has published: its next run starts afresh as a first run does ` +
          `(at schedule.startAt, else with the last due window) and publishes again any of those windows it covers, ` +
          `as would a backfill over them, doubling their sums. Add --yes to confirm`,
      );
    }
    keys.forEach((key) => state.remove(key));
    process.stdout.write(`forgot what ${name} published (${keys.length} series) in ${context.statePath}\n`);
    return 0;
  } finally {
    lock.lock.release();
  }
}

function holeAdvice(hole: Interval, oldest: number | undefined): string {
  if (oldest === undefined || oldest <= hole.from) return "backfill it";
  if (oldest >= hole.to) return "older than the two weeks CloudWatch accepts: it can no longer be published";
  return `backfill from ${isoTime(oldest)}; the part before is older than CloudWatch accepts`;
}
