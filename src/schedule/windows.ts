// Windows are [start, end) ranges aligned to the period in UTC (epoch-aligned, as bin() is).
// A window is due once end + lag <= now; no window is published before it is due.
import { MAX_DATUM_AGE_MS } from "../metrics/datum.js";
import type { Interval } from "./intervals.js";

export interface WindowSettings {
  readonly period: number;
  readonly lag: number;
  readonly maxCatchUp: number;
  /** Epoch ms of the first window to publish when nothing is published yet. */
  readonly startAt?: number;
}

export function floorTo(time: number, period: number): number {
  return Math.floor(time / period) * period;
}

export function ceilTo(time: number, period: number): number {
  return Math.ceil(time / period) * period;
}

/** End of the newest due window: the largest aligned `end` with end + lag <= now. */
export function lastDueEnd(now: number, settings: WindowSettings): number {
  return floorTo(now - settings.lag, settings.period);
}

export interface RunRange {
  /** Windows to publish now; empty (from === to) when none is due. */
  readonly range: Interval;
  /** Due windows older than maxCatchUp that this run leaves for backfill. */
  readonly skipped: Interval | null;
}

/**
 * What a cron run publishes: every due window after the last published one, oldest first.
 * With nothing published it starts at `startAt`, else at the last due window. When more than
 * maxCatchUp is due, the oldest part is skipped (and reported) so the run stays bounded.
 */
export function runRange(publishedUntil: number | null, now: number, settings: WindowSettings): RunRange {
  const end = lastDueEnd(now, settings);
  const start =
    publishedUntil ?? (settings.startAt === undefined ? end - settings.period : floorTo(settings.startAt, settings.period));
  if (start >= end) return { range: { from: end, to: end }, skipped: null };
  // At least the newest window: a maxCatchUp shorter than a period would otherwise skip every window of every run.
  const earliest = end - Math.max(settings.period, floorTo(settings.maxCatchUp, settings.period));
  if (start >= earliest) return { range: { from: start, to: end }, skipped: null };
  return { range: { from: earliest, to: end }, skipped: { from: start, to: earliest } };
}

/**
 * Where a series' run starts: after its own newest published window; for a new series of a query
 * whose earlier definition published windows (`earlier`), after the newest of those, so that
 * editing a query neither publishes its windows twice nor leaves a gap (unless schedule.startAt
 * lies later). Null: a first run (runRange starts at startAt or the last due window).
 */
export function resumeAfter(own: number | null, earlier: readonly Interval[], settings: WindowSettings): number | null {
  if (own !== null || earlier.length === 0) return own;
  const newest = Math.max(...earlier.map((range) => range.to));
  if (settings.startAt !== undefined && floorTo(settings.startAt, settings.period) > newest) return null;
  return newest;
}

/** How far back a backfill may start: an hour inside what PutMetricData accepts, kept in hand for the run itself. */
const BACKFILL_REACH_MS = MAX_DATUM_AGE_MS - 3_600_000;

/** The start of the oldest window a backfill started at `now` may publish to CloudWatch. */
export function oldestBackfillable(now: number, period: number): number {
  return ceilTo(now - BACKFILL_REACH_MS, period);
}

/** Splits a range into consecutive windows of `period`. */
export function windowsOf(range: Interval, period: number): Interval[] {
  const out: Interval[] = [];
  for (let from = range.from; from < range.to; from += period) out.push({ from, to: Math.min(from + period, range.to) });
  return out;
}

/** Cuts a window-aligned range in two halves on a window boundary (for results that hit the row limit). */
export function halve(range: Interval, period: number): [Interval, Interval] | null {
  const windows = (range.to - range.from) / period;
  if (windows < 2) return null;
  const middle = range.from + Math.floor(windows / 2) * period;
  return [
    { from: range.from, to: middle },
    { from: middle, to: range.to },
  ];
}
