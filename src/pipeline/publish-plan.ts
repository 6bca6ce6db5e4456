// Publishes a plan batch by batch, writing the state before and after every call:
//   before: inFlight = {batch, startedAt}   after: done = batch + 1, inFlight = null
// so a run killed at any point leaves a state that says exactly which batches landed, and at most
// one batch whose fate is unknown (killed during the call), which recoverInFlight() hands to read-back (settle-uncertain.ts).
import type { Datum } from "../metrics/datum.js";
import { formatInterval, unionOf, type Interval } from "../windows/intervals.js";
import { completePlan, markLost, type PublishPlan, type SeriesState } from "../state/series.js";
import { PublishError, type Sink } from "../sinks/sink.js";
import type { Clock } from "../util/clock.js";
import type { Trace } from "../util/trace.js";
import { floorTo } from "../windows/windows.js";
import type { StateHandle } from "../state/handle.js";

export interface SeriesContext {
  readonly state: StateHandle;
  readonly key: string;
  readonly sink: Sink;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** schedule.period: a datum dropped as too old makes its whole window lost. */
  readonly period: number;
  /** --verbose: each batch sent, each read-back. */
  readonly trace?: Trace;
}

/** What a run did for one series, for its summary line. */
export interface PublishTally {
  datums: number;
  batches: number;
  /** Datums of batches whose fate became unknown during this run. */
  uncertain: number;
  /** Datums dropped unpublished because the sink no longer accepts them (too old; see withoutExpired). */
  expired: number;
  /** Windows of the datums dropped unpublished (`expired`): lost. */
  lost: Interval[];
  /** Datums of unknown fate read back this run, those found there, and those re-sent as missing (also counted in `datums`). */
  readBack: { checked: number; found: number; resent: number };
}

export function newTally(): PublishTally {
  return { datums: 0, batches: 0, uncertain: 0, expired: 0, lost: [], readBack: { checked: 0, found: 0, resent: 0 } };
}

/** Records windows as lost in the series and in the run's tally. */
export function recordLost(series: SeriesState, windows: readonly Interval[], tally: PublishTally): SeriesState {
  if (windows.length === 0) return series;
  tally.lost = unionOf(tally.lost, windows);
  return markLost(series, windows);
}

export function newPublishPlan(range: Interval, datums: readonly Datum[], sink: Sink): PublishPlan {
  return { range, datums, batchEnds: sink.batchEnds(datums), done: 0, inFlight: null };
}

/** A batch left in flight by a killed run becomes uncertain: read-back decides whether it landed. */
export function recoverInFlight(series: SeriesState): SeriesState {
  const plan = series.plan;
  if (plan?.inFlight == null) return series;
  const { batch, startedAt } = plan.inFlight;
  const datums = batchDatums(plan, batch);
  return {
    ...series,
    plan: { ...plan, done: batch + 1, inFlight: null },
    uncertain: [...series.uncertain, { datums, sentAt: startedAt, reason: "a run ended during its PutMetricData call" }],
  };
}

/**
 * Sends the plan's remaining batches. Returns the series with the plan's range marked published
 * once every batch is done; stops early (plan kept) when the signal aborts; throws on a failed batch
 * after recording it (refused: the plan resumes there next run; unknown: the batch is parked).
 */
export async function executePlan(context: SeriesContext, start: SeriesState, tally: PublishTally): Promise<SeriesState> {
  let series = start;
  for (;;) {
    const plan = series.plan;
    if (plan === null) return series;
    if (plan.done >= plan.batchEnds.length) {
      series = completePlan(series, plan);
      context.state.update(context.key, series);
      return series;
    }
    if (context.signal.aborted) return series;
    series = await sendBatch(context, series, plan, tally);
  }
}

async function sendBatch(context: SeriesContext, start: SeriesState, plan: PublishPlan, tally: PublishTally): Promise<SeriesState> {
  let series = start;
  const batch = plan.done;
  const startedAt = context.clock.now();
  const { fresh: datums, expired } = withoutExpired(batchDatums(plan, batch), context.sink, startedAt);
  tally.expired += expired.length;
  series = recordLost(series, windowsOfDatums(expired, context.period), tally);
  if (datums.length === 0) {
    // Nothing the sink still accepts: the batch is done without a call.
    const skipped: SeriesState = { ...series, plan: { ...plan, done: batch + 1, inFlight: null } };
    context.state.update(context.key, skipped);
    return skipped;
  }
  context.state.update(context.key, { ...series, plan: { ...plan, inFlight: { batch, startedAt } } });
  const what = `${series.query}: batch ${batch + 1} of ${plan.batchEnds.length} of windows ${formatInterval(plan.range)}`;
  context.trace?.(`${what}: sending ${datums.length} datums`, {
    query: series.query,
    batch: batch + 1,
    batches: plan.batchEnds.length,
    datums: datums.length,
  });
  try {
    await context.sink.publish(datums);
  } catch (error) {
    if (!(error instanceof PublishError) || error.fate === "not-published") {
      context.state.update(context.key, series);
      throw error instanceof PublishError ? inContext(error, series, plan) : error;
    }
    const parked: SeriesState = {
      ...series,
      plan: { ...plan, done: batch + 1, inFlight: null },
      uncertain: [...series.uncertain, { datums, sentAt: startedAt, reason: error.message }],
    };
    context.state.update(context.key, parked);
    tally.uncertain += datums.length;
    throw inContext(error, series, plan);
  }
  const next: SeriesState = { ...series, plan: { ...plan, done: batch + 1, inFlight: null } };
  context.state.update(context.key, next);
  context.trace?.(`${what}: sent`);
  tally.datums += datums.length;
  tally.batches += 1;
  return next;
}

/** Says which query, window and batch failed and what of the plan is published, so a user with
 * several queries knows what the failure touched (the sink only knows the datums). */
function inContext(error: PublishError, series: SeriesState, plan: PublishPlan): PublishError {
  const batch = plan.done;
  const left = plan.batchEnds.length - batch - 1;
  const where =
    `${series.query}, windows ${formatInterval(plan.range)}: batch ${batch + 1} of ${plan.batchEnds.length} ` +
    `(${batch} published before it${left > 0 ? `, ${left} left for the next run` : ""})`;
  return new PublishError(`${where}: ${error.message}`, error.fate, { cause: error });
}

/** The datums of batch `batch` of a plan. */
function batchDatums(plan: PublishPlan, batch: number): readonly Datum[] {
  return plan.datums.slice(batch === 0 ? 0 : plan.batchEnds[batch - 1], plan.batchEnds[batch]);
}

/** The windows (of `period`) that hold the datums' timestamps. */
export function windowsOfDatums(datums: readonly Datum[], period: number): Interval[] {
  return unionOf(datums.map((datum) => ({ from: floorTo(datum.timestamp, period), to: floorTo(datum.timestamp, period) + period })));
}

/**
 * CloudWatch refuses data points more than two weeks old, for good (PutMetricData reference:
 * "up to two weeks in the past"). A plan resumed, or a batch of unknown fate settled, after that can
 * never publish them: sending them anyway fails the run on every retry and blocks every later window
 * of the series. They are dropped, and their windows recorded as lost, so the run can say so once and go on.
 */
export function withoutExpired(datums: readonly Datum[], sink: Sink, now: number): { fresh: readonly Datum[]; expired: readonly Datum[] } {
  if (sink.maxAge === undefined) return { fresh: datums, expired: [] };
  const oldest = now - sink.maxAge;
  return { fresh: datums.filter((datum) => datum.timestamp >= oldest), expired: datums.filter((datum) => datum.timestamp < oldest) };
}
