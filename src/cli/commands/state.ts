// `mail-metrics state show|reset --config FILE`: what each query has published, and forgetting it.
import { InternalError, RuntimeError, UsageError } from "../../errors.js";
import { windowsBefore } from "../../pipeline/before-source.js";
import { sourceKind } from "../../sources/registry.js";
import type { Coverage } from "../../sources/source.js";
import { seriesJobs } from "../../pipeline/jobs.js";
import { StateHandle } from "../../state/handle.js";
import { holeText, lostText, plural } from "../../pipeline/summary.js";
import { formatInterval, minusIntervals, unionOf, windowCount } from "../../windows/intervals.js";
import { isoTime } from "../../util/iso-time.js";
import { lockPath, tryLock } from "../../state/lock.js";
import { owingUntil, splitOwed, unsettledOwed, type EarlierDefinitions } from "../../state/owed-windows.js";
import { lastDueEnd, oldestPublishable } from "../../windows/windows.js";
import type { SeriesState } from "../../state/series.js";
import { commandContext, windowSettings, type CommandContext } from "../command-context.js";
import { prepareState } from "../../state/safety.js";

export interface StateOptions {
  readonly config: string;
  readonly query?: string;
  readonly yes?: boolean;
  readonly now?: string;
}

/** A config without a state has nothing to show or forget: say so rather than open a file it never uses. */
function refuseWithoutState(context: CommandContext, command: string): void {
  if (context.loaded.config.state.enabled) return;
  throw new UsageError(
    `${context.configArgument} sets state.enabled: false, so its runs record nothing and there is no state to ${command}; ` +
      `remove state.enabled: false to keep one`,
  );
}

export async function stateShow(options: StateOptions): Promise<number> {
  const context = await commandContext(options.config, options.now === undefined ? {} : { now: options.now });
  refuseWithoutState(context, "show");
  prepareState(context.statePath, context.loaded.config.state, context.configArgument, false);
  const current = new Set(seriesJobs(context.loaded).map((job) => job.key));
  const state = StateHandle.open(context.statePath, false);
  const all = Object.entries(state.all());
  const coverage = await filesCoverageOf(context);
  const lines = [`state file: ${context.statePath}`];
  if (all.length === 0) lines.push("nothing published yet");
  const inConfig = new Set(all.filter(([key]) => current.has(key)).map(([, series]) => series.query));
  for (const [key, series] of all) {
    // A query's unpublished windows are the current definition's to publish: shown there once.
    const owner = current.has(key) || !inConfig.has(series.query);
    lines.push(...describeSeries(context, series, current.has(key), owner ? state.earlier(key, series.query) : null, coverage));
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

/** `earlier`: the other definitions of the query, when this series is the one whose unpublished windows are shown. */
function describeSeries(
  context: CommandContext,
  series: SeriesState,
  inConfig: boolean,
  earlier: EarlierDefinitions | null,
  coverage: Coverage | undefined,
): string[] {
  const gone = inConfig ? "" : " — not in the config any more (the query, its log groups, mapping or destination changed)";
  const lines = [`${series.query} (identity ${series.identity})${gone}`];
  if (series.published.length === 0) lines.push("  published: nothing");
  series.published.forEach((range, i) => lines.push(`  ${i === 0 ? "published:" : "          "} ${formatInterval(range)}`));
  const { period } = context.loaded.config.schedule;
  const split = earlier === null ? { due: [], holes: [], lost: [] } : unpublished(context, series, earlier, inConfig);
  const waiting = windowsBefore(split.due, coverage, period);
  const unpublishedLines = [
    ...split.holes.map((hole) => ({ from: hole.from, text: `  not published: ${holeText(hole, period, context.configArgument)}` })),
    ...minusIntervals(split.due, waiting).map((range) => ({
      from: range.from,
      text: `  not published: ${formatInterval(range)} (${plural(windowCount([range], period), "window")}); the next run publishes it`,
    })),
    ...waiting.map((range) => ({
      from: range.from,
      text:
        `  not published: ${formatInterval(range)} (${plural(windowCount([range], period), "window")}): ${coverage!.what} ` +
        `${coverage!.where}; a run publishes it once they hold its lines`,
    })),
  ];
  lines.push(...unpublishedLines.sort((a, b) => a.from - b.from).map((line) => line.text));
  const lost = unionOf(series.lost, split.lost);
  if (lost.length > 0) lines.push(`  lost: ${lostText(lost, period)}`);
  const plan = series.plan;
  if (plan)
    lines.push(
      `  in progress: ${formatInterval(plan.range)}, ${plan.done} of ${plan.batchEnds.length} batches sent; the next run finishes it`,
    );
  for (const batch of series.uncertain) {
    lines.push(
      `  unknown fate: ${batch.datums.length} datums sent ${isoTime(batch.sentAt)} (${batch.reason}); the next runs settle it by read-back`,
    );
  }
  return lines;
}

/**
 * The series' owed windows not published yet, divided as a run at --now would (owed-windows.ts):
 * the current definition owing, as that run would, every window due since the last run.
 */
function unpublished(context: CommandContext, series: SeriesState, earlier: EarlierDefinitions, current: boolean) {
  const { sink } = context.loaded.config;
  const windows = windowSettings(context);
  const now = context.clock.now();
  const end = lastDueEnd(now, windows);
  const owing = current ? owingUntil(series, earlier, windows, end).series : series;
  const oldest = sink.type === "cloudwatch" ? oldestPublishable(now, windows.period) : undefined;
  return splitOwed(unsettledOwed(owing, earlier), end, windows, oldest);
}

/**
 * Where a files source's lines begin (pipeline/before-source.ts: a run leaves the windows before
 * them owed). Other sources cannot tell, and files that cannot be read are the runs' to report.
 */
async function filesCoverageOf(context: CommandContext): Promise<Coverage | undefined> {
  const { config } = context.loaded;
  if (config.source.type !== "files") return undefined;
  const aws = () => Promise.reject(new InternalError("a files source calls no AWS"));
  const source = await sourceKind(config.source.type).open(config.source, { clock: context.clock, aws });
  return source.coverage?.().catch((error: unknown) => {
    if (error instanceof RuntimeError) return undefined;
    throw error;
  });
}

export async function stateReset(options: StateOptions): Promise<number> {
  const context = await commandContext(options.config, {});
  refuseWithoutState(context, "reset");
  const name = options.query!;
  prepareState(context.statePath, context.loaded.config.state, context.configArgument, true);
  const lock = tryLock(lockPath(context.statePath));
  if (!lock.acquired)
    throw new RuntimeError(`another run holds the lock on ${context.statePath} (${lock.holder}); try again when it has finished`);
  try {
    const state = StateHandle.open(context.statePath, true);
    const keys = Object.entries(state.all())
      .filter(([, series]) => series.query === name)
      .map(([key]) => key);
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
