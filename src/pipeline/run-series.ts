// One cron run of one series: settle what an earlier run left (a batch in flight, batches of
// unknown fate, an unfinished plan), then publish every due window since the last published one.
import { EXIT_CODES, exitCodeFor } from "../errors.js";
import type { Datum } from "../metrics/datum.js";
import type { ResultRow } from "../insights/types.js";
import { subtractIntervals, type Interval } from "../schedule/intervals.js";
import { pendingDatums, publishedUntil, type SeriesState } from "../schedule/state.js";
import { resumeAfter, runRange, type WindowSettings } from "../schedule/windows.js";
import type { Source, SourceQuery } from "../sources/source.js";
import { executePlan, newPlan, recoverInFlight, type PublishTally, type SeriesContext } from "./publish-plan.js";
import { queryRange, type QueryTally } from "./query-range.js";
import { settleUncertain } from "./settle-uncertain.js";

export interface SeriesJob {
  readonly query: SourceQuery;
  readonly key: string;
  readonly identity: string;
  /** Rows to datums by the query's mapping, zero-filled over the range's bins; rows that give none are counted in `tally`. */
  readonly toDatums: (rows: ResultRow[], range: Interval, tally: QueryTally) => Datum[];
}

export interface SeriesReport {
  readonly name: string;
  /** Windows this run queried and published (from === to when none was due). */
  readonly range: Interval;
  readonly skipped: Interval | null;
  readonly publish: PublishTally;
  readonly query: QueryTally;
  /** Datums still waiting for read-back to settle their fate. */
  readonly pending: number;
  /** Set when the run stopped early (signal) with windows left to publish. */
  readonly interrupted: boolean;
  /** Windows of `range` left alone because the state lists them as published (backfill without --force). */
  readonly alreadyPublished?: number;
  /** Windows of `range` this run published, when that can be fewer than all (backfill, an interrupted run). */
  readonly windowsDone?: number;
  /** Holes behind the newest published window (left by a backfill ahead of it) that this run filled. */
  readonly filled?: readonly Interval[];
  /** A new series that starts where an earlier definition of its query stopped publishing (state.ts). */
  readonly continues?: number;
  /** Windows of `range` left alone because an earlier definition of the query published them (or began to). */
  readonly publishedEarlier?: number;
  /** Why batches of unknown fate could not be settled (read-back or re-send failed); they stay pending. */
  readonly settleFailure?: string;
}

export interface RunSeriesDeps extends Omit<SeriesContext, "key"> {
  readonly source: Source;
  readonly windows: WindowSettings;
}

export async function runSeries(deps: RunSeriesDeps, job: SeriesJob): Promise<SeriesReport> {
  const context: SeriesContext = { ...deps, key: job.key };
  const publish: PublishTally = { datums: 0, batches: 0, uncertain: 0, expired: 0 };
  const query: QueryTally = { queries: 0, bytesScanned: 0 };
  let series = deps.state.series(job.key, job.query.name, job.identity);
  const recovered = recoverInFlight(series);
  if (recovered !== series) deps.state.update(job.key, recovered);
  let settleFailure: { settleFailure: string } | undefined;
  try {
    series = await settleUncertain(context, recovered, publish);
  } catch (error) {
    // Those batches hold older windows than any this run publishes, so a failed read-back (say, a
    // policy without cloudwatch:GetMetricData) leaves them pending without holding up the series.
    if (deps.signal.aborted || exitCodeFor(error) !== EXIT_CODES.runtime) throw error;
    settleFailure = { settleFailure: (error as Error).message };
    series = deps.state.series(job.key, job.query.name, job.identity);
  }
  series = await executePlan(context, series, publish);
  const filled: Interval[] = [];
  const report = (range: Interval, skipped: Interval | null, final: SeriesState): SeriesReport => ({
    name: job.query.name,
    range,
    skipped,
    publish,
    query,
    pending: pendingDatums(final),
    interrupted: final.plan !== null,
    // A range is published as one plan: cut short, none of its windows is complete yet.
    ...(final.plan !== null ? { windowsDone: 0 } : {}),
    filled,
    ...settleFailure,
  });
  if (series.plan !== null) return report({ from: 0, to: 0 }, null, series);

  const own = publishedUntil(series);
  // Windows an earlier definition of the query published (or began to) are never published again,
  // by this series' first run or by one that runs again after the config went back and forth.
  const others = deps.state.publishedByOthers(job.key, job.query.name);
  const after = resumeAfter(own, others, deps.windows);
  const { range, skipped } = runRange(after, deps.clock.now(), deps.windows);
  const publishRange = async (todo: Interval) => {
    const rows = await queryRange(deps.source, job.query, todo, deps.windows.period, deps.signal, query);
    series = { ...series, plan: newPlan(todo, job.toDatums(rows, todo, query), deps.sink) };
    deps.state.update(job.key, series);
    series = await executePlan(context, series, publish);
  };
  for (const hole of holesWithinCatchUp(series, range.to, deps.windows).flatMap((h) => subtractIntervals(h, others))) {
    if (deps.signal.aborted || series.plan !== null) return report({ from: 0, to: 0 }, skipped, series);
    await publishRange(hole);
    filled.push(hole);
  }
  const parts = subtractIntervals(range, others);
  for (const part of parts) {
    if (deps.signal.aborted || series.plan !== null) break;
    await publishRange(part);
  }
  // Cut short, report() already says no window is done.
  const earlier = series.plan === null ? leftToEarlier(range, parts, deps.windows.period) : {};
  return { ...report(range, skipped, series), ...continuesFrom(own, after), ...earlier };
}

/** A new series (nothing `own` published) that starts `after` an earlier definition's windows says so. */
export function continuesFrom(own: number | null, after: number | null): Pick<SeriesReport, "continues"> {
  return own === null && after !== null ? { continues: after } : {};
}

/** The windows of `range` outside `parts` (what is to be published) are an earlier definition's: count them. */
export function leftToEarlier(range: Interval, parts: readonly Interval[], period: number): Pick<SeriesReport, "publishedEarlier" | "windowsDone"> {
  const windows = (range.to - range.from) / period;
  const done = parts.reduce((sum, part) => sum + part.to - part.from, 0) / period;
  return done < windows ? { publishedEarlier: windows - done, windowsDone: done } : {};
}

/**
 * Unpublished windows between the first and the newest published one, within maxCatchUp of the
 * newest due window: what a backfill run ahead of the cron frontier leaves behind. (Older holes
 * were reported as skipped when they arose; windows before a series' first run are not its own.)
 */
function holesWithinCatchUp(series: SeriesState, end: number, windows: WindowSettings): Interval[] {
  const first = series.published[0];
  const until = publishedUntil(series);
  if (first === undefined || until === null) return [];
  const from = Math.max(first.from, end - Math.floor(windows.maxCatchUp / windows.period) * windows.period);
  return from < until ? subtractIntervals({ from, to: until }, series.published) : [];
}
