// One cron run of one series. First, before anything can fail, it records the windows it owes up to
// the newest due one (where a new series begins: so every later run publishes from there, whatever
// this one meets). Then it settles what an earlier run left (a batch in flight, batches of unknown
// fate, an unfinished plan) and publishes every owed window within schedule.maxCatchUp. Older owed
// windows are holes it names for backfill; those too old for the destination are recorded as lost.
import type { Datum } from "../metrics/datum.js";
import type { RowTable } from "../insights/types.js";
import { EXIT_CODES, exitCodeFor } from "../errors.js";
import { clipIntervals, minusIntervals, subtractIntervals, unionOf, windowCount, type Interval } from "../windows/intervals.js";
import { newlyLost, owingUntil, splitOwed, unsettledOwed } from "../state/owed-windows.js";
import { frontierOf, markLost, pendingDatums, sameIntervals, type SeriesState } from "../state/series.js";
import { catchUpStart, lastDueEnd, oldestPublishable, type WindowSettings } from "../windows/windows.js";
import type { Source, SourceQuery } from "../sources/source.js";
import { executePlan, newPublishPlan, newTally, recoverInFlight, type PublishTally, type SeriesContext } from "./publish-plan.js";
import { queryRange, type QueryTally } from "./query-range.js";
import { settleUncertain } from "./settle-uncertain.js";
import { coverageOf, windowsBefore, type BeforeSource } from "./before-source.js";

export interface SeriesJob {
  readonly query: SourceQuery;
  readonly key: string;
  readonly identity: string;
  /** Rows to datums by the query's mapping, zero-filled over the range's bins; rows that give none are counted in `tally`. */
  readonly toDatums: (rows: RowTable, range: Interval, tally: QueryTally) => Datum[];
}

export interface SeriesReport {
  readonly name: string;
  /** The run's new windows (from === to when none was due). */
  readonly range: Interval;
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
  /** Older owed windows this run published too: left by an earlier run or a backfill that did not finish. */
  readonly filled?: readonly Interval[];
  /** Owed windows more than schedule.maxCatchUp behind that a backfill can still publish: named on every run. */
  readonly holes?: readonly Interval[];
  /** The part of `holes` no run had reported yet: reported on stderr, once. */
  readonly newHoles?: readonly Interval[];
  /**
   * Windows this run found lost, reported on stderr (exit 1): its dropped datums', and holes that
   * began to age out (their rest, ageing out later, is not news).
   */
  readonly newlyLost?: readonly Interval[];
  /** Due windows left owed because they end before the source's events begin (before-source.ts). */
  readonly beforeSource?: BeforeSource;
  /** A new series that starts where an earlier definition of its query stopped (owed-windows.ts). */
  readonly continues?: number;
  /** Why batches of unknown fate could not be settled (read-back or re-send failed); they stay pending. */
  readonly settleFailure?: string;
  /** What stopped the run of this series after it began: what it did until then is in the rest. */
  readonly failure?: unknown;
}

export interface RunSeriesDeps extends Omit<SeriesContext, "key" | "period"> {
  readonly source: Source;
  readonly windows: WindowSettings;
}

export async function runSeries(deps: RunSeriesDeps, job: SeriesJob): Promise<SeriesReport> {
  const context: SeriesContext = { ...deps, key: job.key, period: deps.windows.period };
  const publish = newTally();
  const query: QueryTally = { queries: 0, bytesScanned: 0 };
  const end = lastDueEnd(deps.clock.now(), deps.windows);
  const { series: begun, start, continues } = begin(deps, job, end);
  let series = begun;
  const lostBefore = begun.lost;
  let agedOut: readonly Interval[] = [];
  let outcome: Partial<SeriesReport> = {};
  const report = (): SeriesReport => ({
    name: job.query.name,
    range: { from: end, to: end },
    publish,
    query,
    pending: pendingDatums(series),
    interrupted: series.plan !== null,
    // A range is published as one plan: cut short, none of its windows is complete yet.
    ...(series.plan !== null ? { windowsDone: 0 } : {}),
    // Dropped datums are news every time; a hole ageing out only when it starts to (owed-windows.ts).
    newlyLost: unionOf(publish.lost, newlyLost(agedOut, lostBefore)),
    ...outcome,
  });
  try {
    const settled = await settleEarlierWork(context, series, publish);
    series = settled.series;
    outcome = { ...settled.failure };
    if (series.plan !== null) return report();

    const earlier = deps.state.earlier(job.key, job.query.name);
    const oldest = deps.sink.maxAge === undefined ? undefined : oldestPublishable(deps.clock.now(), deps.windows.period);
    const split = splitOwed(unsettledOwed(series, earlier), end, deps.windows, oldest);
    series = markLost(series, split.lost);
    agedOut = split.lost;
    // A hole that grew is reported whole, with the one command that publishes all of it.
    const reported = unionOf(series.reported, earlier.reported);
    const newHoles = split.holes.filter((hole) => subtractIntervals(hole, reported).length > 0);
    if (!sameIntervals(series.reported, split.holes)) series = { ...series, reported: split.holes };
    deps.state.update(job.key, series);

    // The windows new to this run; older due ones were owed already (an earlier run or backfill did not finish).
    const range = start < end ? { from: Math.max(start, catchUpStart(end, deps.windows)), to: end } : { from: end, to: end };
    const coverage = split.due.length === 0 ? undefined : await coverageOf(deps.source);
    const before = windowsBefore(split.due, coverage, deps.windows.period);
    const due = minusIntervals(split.due, before);
    outcome = {
      ...outcome,
      range,
      holes: split.holes,
      newHoles,
      ...(before.length === 0 ? {} : { beforeSource: { windows: before, coverage: coverage! } }),
      ...(continues === undefined ? {} : { continues }),
    };
    const published: Interval[] = [];
    for (const part of due) {
      if (deps.signal.aborted) break;
      const rows = await queryRange(deps.source, job.query, part, deps.windows.period, deps.signal, query);
      series = { ...series, plan: newPublishPlan(part, job.toDatums(rows, part, query), deps.sink) };
      deps.state.update(job.key, series);
      series = await executePlan(context, series, publish);
      if (series.plan !== null) break;
      published.push(part);
    }
    // Only what was published: a run stopped by a signal leaves the rest owed, for the next run.
    outcome = { ...outcome, filled: minusIntervals(published, [range]), ...windowsDone(range, published, deps.windows.period) };
    return report();
  } catch (error) {
    return { ...report(), failure: error };
  }
}

/** Records, before any query, that the series owes every window from where this run starts to `end`. */
function begin(deps: RunSeriesDeps, job: SeriesJob, end: number): { series: SeriesState; start: number; continues?: number } {
  const stored = deps.state.series(job.key, job.query.name, job.identity);
  const earlier = deps.state.earlier(job.key, job.query.name);
  const { series, start } = owingUntil(recoverInFlight(stored), earlier, deps.windows, end);
  deps.state.update(job.key, series);
  const isNew = frontierOf(stored) === null;
  return { series, start, ...(isNew && start === earlier.frontier ? { continues: start } : {}) };
}

/** Settles batches of unknown fate and finishes an earlier run's plan. */
async function settleEarlierWork(context: SeriesContext, start: SeriesState, publish: PublishTally) {
  let series = start;
  let failure: { settleFailure: string } | undefined;
  try {
    series = await settleUncertain(context, series, publish);
  } catch (error) {
    // Those batches hold older windows than any this run publishes, so a failed read-back (say, a
    // policy without cloudwatch:GetMetricData) leaves them pending without holding up the series.
    if (context.signal.aborted || exitCodeFor(error) !== EXIT_CODES.runtime) throw error;
    failure = { settleFailure: (error as Error).message };
    series = context.state.series(context.key, series.query, series.identity);
  }
  return { series: await executePlan(context, series, publish), failure };
}

/** How many of the run's new windows it published, when not all (cut short). */
function windowsDone(range: Interval, published: readonly Interval[], period: number): Pick<SeriesReport, "windowsDone"> {
  const done = windowCount(clipIntervals(unionOf(published), range), period);
  return done < windowCount([range], period) ? { windowsDone: done } : {};
}
