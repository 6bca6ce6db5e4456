// What the state file records, per series (a query with a given identity): the windows published,
// the plan being published batch by batch, and batches whose fate is unknown.
import type { Datum } from "../metrics/datum.js";
import type { Interval } from "./intervals.js";

/** A batch handed to PutMetricData whose fate is unknown (killed mid-call, timeout, 5xx). */
export interface UncertainBatch {
  readonly datums: readonly Datum[];
  /** When the call that may or may not have landed was started, epoch ms. */
  readonly sentAt: number;
  readonly reason: string;
}

/** The datums of a range, fixed before the first batch is sent so a resumed run sends the same ones. */
export interface Plan {
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
  readonly published: readonly Interval[];
  readonly plan: Plan | null;
  readonly uncertain: readonly UncertainBatch[];
}

export interface StateFile {
  readonly version: 1;
  readonly series: Readonly<Record<string, SeriesState>>;
}

export const EMPTY_STATE: StateFile = { version: 1, series: {} };

export function emptySeries(query: string, identity: string): SeriesState {
  return { query, identity, published: [], plan: null, uncertain: [] };
}

/** End of the newest published window, or null when nothing is published. */
export function publishedUntil(series: SeriesState): number | null {
  const last = series.published.at(-1);
  return last === undefined ? null : last.to;
}

/** Datums of batches whose fate is still unknown. */
export function pendingDatums(series: SeriesState): number {
  return series.uncertain.reduce((sum, batch) => sum + batch.datums.length, 0);
}
