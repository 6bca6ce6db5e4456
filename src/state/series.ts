// What the state file records, per series (a query with a given identity): the windows it owes and
// what became of them (published, lost), the plan being published batch by batch, and batches whose
// fate is unknown.
import type { Datum } from "../metrics/datum.js";
import { addInterval, minusIntervals, subtractIntervals, unionOf, type Interval } from "../windows/intervals.js";

/** A batch handed to PutMetricData whose fate is unknown (killed mid-call, timeout, 5xx). */
export interface UncertainBatch {
  readonly datums: readonly Datum[];
  /** When the call that may or may not have landed was started, epoch ms. */
  readonly sentAt: number;
  readonly reason: string;
}

/** The datums of a range, fixed before the first batch is sent so a resumed run sends the same ones. */
export interface PublishPlan {
  readonly range: Interval;
  readonly datums: readonly Datum[];
  /** Exclusive end index into `datums` of each batch. */
  readonly batchEnds: readonly number[];
  /** Batches [0, done) are published (or moved to `uncertain`). */
  readonly done: number;
  /** Set just before a PutMetricData call and cleared just after it. */
  readonly inFlight: { readonly batch: number; readonly startedAt: number } | null;
}

export interface SeriesState {
  readonly query: string;
  readonly identity: string;
  /**
   * The windows the series has undertaken to publish: each run's range, from where the series began
   * (written before its first query) to the newest due window, and each backfill's range. Each of
   * them is published, lost, or a hole that runs and `state show` name until it is published.
   * Empty: the series has not begun.
   */
  readonly owed: readonly Interval[];
  /** Windows whose datums were all sent (a batch of unknown fate is settled in `uncertain`). */
  readonly published: readonly Interval[];
  /** Owed windows that can no longer be published: too old for the destination before their datums could all be sent. */
  readonly lost: readonly Interval[];
  /** The holes a run has already reported on stderr (each is reported there once). */
  readonly reported: readonly Interval[];
  readonly plan: PublishPlan | null;
  readonly uncertain: readonly UncertainBatch[];
}

export const STATE_VERSION = 2;

export interface StateFile {
  readonly version: typeof STATE_VERSION;
  readonly series: Readonly<Record<string, SeriesState>>;
}

export const EMPTY_STATE: StateFile = { version: STATE_VERSION, series: {} };

export function emptySeries(query: string, identity: string): SeriesState {
  return { query, identity, owed: [], published: [], lost: [], reported: [], plan: null, uncertain: [] };
}

/** Datums of batches whose fate is still unknown. */
export function pendingDatums(series: SeriesState): number {
  return series.uncertain.reduce((sum, batch) => sum + batch.datums.length, 0);
}

/** Windows the series has dealt with: published, lost, or in a plan under way (some of its batches may have landed). */
export function settledWindows(series: SeriesState): Interval[] {
  return unionOf(series.published, series.lost, series.plan === null ? [] : [series.plan.range]);
}

/** End of the newest window the series owes or dealt with; null before it began. */
export function frontierOf(series: SeriesState): number | null {
  const ends = [...series.owed, ...series.published, ...series.lost, series.plan?.range].filter((r) => r !== undefined).map((r) => r.to);
  return ends.length === 0 ? null : Math.max(...ends);
}

/** The series owing `range` too. */
export function owe(series: SeriesState, range: Interval): SeriesState {
  const owed = addInterval(series.owed, range);
  return sameIntervals(owed, series.owed) ? series : { ...series, owed };
}

export function sameIntervals(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length === b.length && a.every((range, i) => range.from === b[i]!.from && range.to === b[i]!.to);
}

/** `windows` can no longer be published: recorded as lost, and no longer as published. */
export function markLost(series: SeriesState, windows: readonly Interval[]): SeriesState {
  if (windows.length === 0) return series;
  return { ...series, lost: unionOf(series.lost, windows), published: minusIntervals(series.published, unionOf(windows)) };
}

/** A plan whose batches are all done: its range is published, except windows lost on the way. */
export function completePlan(series: SeriesState, plan: PublishPlan): SeriesState {
  return { ...series, published: unionOf(series.published, subtractIntervals(plan.range, series.lost)), plan: null };
}
