// What a query owes and has not published yet, across the series of its definitions, and how a run
// at a given time divides it: windows it publishes now (within schedule.maxCatchUp), holes left for
// backfill (named by every run and by `state show`), and windows too old to publish any more (lost).
// `run` and `state show` both divide with splitOwed, so they name the same holes and lost ranges.
import { clipIntervals, minusIntervals, unionOf, type Interval } from "../windows/intervals.js";
import { frontierOf, owe, settledWindows, type SeriesState } from "./series.js";
import { catchUpStart, floorTo, type WindowSettings } from "../windows/windows.js";

/** What the other series of the same query (its earlier definitions) owe and have dealt with. */
export interface EarlierDefinitions {
  readonly owed: readonly Interval[];
  /** Published, lost, or in a plan (some batches of it may have landed): never published again by another definition. */
  readonly settled: readonly Interval[];
  readonly frontier: number | null;
  /** Holes they reported already: not news when the current definition names them. */
  readonly reported: readonly Interval[];
}

export function earlierDefinitions(others: readonly SeriesState[]): EarlierDefinitions {
  const frontiers = others.map(frontierOf).filter((end) => end !== null);
  return {
    owed: unionOf(...others.map((series) => series.owed)),
    settled: unionOf(...others.map(settledWindows)),
    frontier: frontiers.length === 0 ? null : Math.max(...frontiers),
    reported: unionOf(...others.map((series) => series.reported)),
  };
}

/**
 * Windows the query owes (this series, or an earlier definition that began them) that no definition
 * has published, lost or begun to publish: what the current definition still has to publish.
 */
export function unsettledOwed(series: SeriesState, earlier: EarlierDefinitions): Interval[] {
  const owed = unionOf(series.owed, earlier.owed);
  return minusIntervals(owed, unionOf(settledWindows(series), earlier.settled));
}

/**
 * Where a run's new windows start: after the newest window the query owes, whichever definition
 * owes it, so an edit of the query (or its undoing) neither publishes a window twice nor leaves a
 * gap. A new definition starts at schedule.startAt instead when that lies later; a query's first
 * series starts at schedule.startAt, else with the newest due window (ending at `end`).
 */
export function runStart(series: SeriesState, earlier: EarlierDefinitions, settings: WindowSettings, end: number): number {
  const own = frontierOf(series);
  if (own !== null) return Math.max(own, earlier.frontier ?? own);
  const startAt = settings.startAt === undefined ? undefined : floorTo(settings.startAt, settings.period);
  if (earlier.frontier !== null && (startAt === undefined || startAt <= earlier.frontier)) return earlier.frontier;
  return startAt ?? end - settings.period;
}

/** The series owing, as a run whose newest due window ends at `end` records first, every window from where that run starts to `end`. */
export function owingUntil(
  series: SeriesState,
  earlier: EarlierDefinitions,
  settings: WindowSettings,
  end: number,
): { series: SeriesState; start: number } {
  const start = runStart(series, earlier, settings, end);
  return { series: owe(series, { from: start, to: end }), start };
}

export interface OwedSplit {
  /** Within maxCatchUp of `end`: a run publishes these now. */
  readonly due: Interval[];
  /** Older than maxCatchUp but still accepted by the destination: left for backfill. */
  readonly holes: Interval[];
  /** Older than the destination accepts (`oldest`): can no longer be published. */
  readonly lost: Interval[];
}

/** Divides unsettled owed windows for a run whose newest due window ends at `end`; `oldest` is oldestPublishable (undefined: any age). */
export function splitOwed(open: readonly Interval[], end: number, settings: WindowSettings, oldest: number | undefined): OwedSplit {
  const lost = oldest === undefined ? [] : clipIntervals(open, { from: -Infinity, to: oldest });
  const publishable = minusIntervals(open, lost);
  const earliest = catchUpStart(end, settings);
  return {
    due: clipIntervals(publishable, { from: earliest, to: end }),
    holes: clipIntervals(publishable, { from: -Infinity, to: earliest }),
    lost,
  };
}

/**
 * The lost windows a run reports: those that do not extend windows lost before. A hole older than
 * maxCatchUp ages into lost a window at a time; it is reported when it starts to, not on every run
 * after (each run still names what is left of it, with the command that publishes it).
 */
export function newlyLost(lost: readonly Interval[], before: readonly Interval[]): Interval[] {
  return unionOf(lost).filter((range) => !before.some((old) => old.to >= range.from && old.from <= range.to));
}
