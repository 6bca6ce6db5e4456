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

/** Start of the oldest window a run catches up: maxCatchUp before `end`, and at least the newest window. */
export function catchUpStart(end: number, settings: WindowSettings): number {
  // At least the newest window: a maxCatchUp shorter than a period would otherwise skip every window of every run.
  return end - Math.max(settings.period, floorTo(settings.maxCatchUp, settings.period));
}

const HOUR = 3_600_000;

/**
 * The start of the oldest window a backfill started at `now` may publish: an hour inside what
 * PutMetricData accepts, kept in hand for the backfill itself.
 */
export function oldestBackfillable(now: number, period: number): number {
  return ceilTo(now - (MAX_DATUM_AGE_MS - HOUR), period);
}

/**
 * The start of the oldest window that can still be published: a backfill started within the coming
 * hour reaches it, so the command a run or `state show` gives for a hole still works an hour later.
 * Owed windows older than this are lost; the run and `state show` draw the line with this one function.
 */
export function oldestPublishable(now: number, period: number): number {
  return oldestBackfillable(now + HOUR, period);
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
