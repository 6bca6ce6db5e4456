// Settles batches whose PutMetricData fate is unknown. Never guesses: a datum found by read-back
// landed; a datum not found is re-sent only once CloudWatch would surely show it by now
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html: data
// points 3-24 h old can take up to 2 h to appear, 24 h or older up to 48 h); until then it stays
// pending and the run says so.
import type { Datum } from "../metrics/datum.js";
import type { SeriesState, UncertainBatch } from "../state/series.js";
import { PublishError } from "../sinks/sink.js";
import { recordLost, windowsOfDatums, withoutExpired, type PublishTally, type SeriesContext } from "./publish-plan.js";

const HOUR = 3_600_000;
/** How long a recent data point may take to become readable; beyond this, absent means never sent. */
export const RECENT_VISIBILITY_MS = 15 * 60_000;

export function visibilityDelay(datum: Datum, sentAt: number): number {
  const age = sentAt - datum.timestamp;
  if (age >= 24 * HOUR) return 48 * HOUR;
  if (age >= 3 * HOUR) return 2 * HOUR;
  return RECENT_VISIBILITY_MS;
}

export async function settleUncertain(context: SeriesContext, start: SeriesState, tally: PublishTally): Promise<SeriesState> {
  let series = start;
  for (const batch of start.uncertain) {
    if (context.signal.aborted) break;
    const { waiting, missing, expired } = await classify(context, batch);
    const found = batch.datums.length - waiting.length - missing.length - expired.length;
    context.trace?.(
      `${start.query}: read back ${batch.datums.length} datums of unknown fate (sent ${new Date(batch.sentAt).toISOString()}): ` +
        `${found} found, ${waiting.length} not visible yet, ${missing.length} missing (re-sent), ${expired.length} too old to send`,
      { query: start.query, found, waiting: waiting.length, missing: missing.length, expired: expired.length },
    );
    tally.expired += expired.length;
    tally.readBack.checked += batch.datums.length;
    tally.readBack.found += found;
    const keep = series.uncertain.filter((other) => other !== batch);
    const pending = waiting.length > 0 ? [{ ...batch, datums: waiting }] : [];
    series = recordLost({ ...series, uncertain: [...keep, ...pending] }, windowsOfDatums(expired, context.period), tally);
    if (missing.length > 0) series = await resend(context, series, missing, batch.sentAt, tally);
    else context.state.update(context.key, series);
  }
  return series;
}

async function classify(context: SeriesContext, batch: UncertainBatch) {
  const now = context.clock.now();
  const present = context.sink.readBack ? await context.sink.readBack(batch.datums) : batch.datums.map(() => false);
  const waiting: Datum[] = [];
  const missing: Datum[] = [];
  batch.datums.forEach((datum, index) => {
    if (present[index]) return;
    if (!context.sink.readBack || now - batch.sentAt >= visibilityDelay(datum, batch.sentAt)) missing.push(datum);
    else waiting.push(datum);
  });
  // Missing and too old to be accepted now: re-sending would fail on every run from now on.
  const { fresh, expired } = withoutExpired(missing, context.sink, now);
  return { waiting, missing: fresh, expired };
}

/** Re-sends datums read-back proved missing; recorded as a new uncertain batch while the call runs. */
async function resend(
  context: SeriesContext,
  series: SeriesState,
  missing: readonly Datum[],
  originalSentAt: number,
  tally: PublishTally,
): Promise<SeriesState> {
  const inFlight: UncertainBatch = { datums: missing, sentAt: context.clock.now(), reason: "re-sent after read-back found it missing" };
  context.state.update(context.key, { ...series, uncertain: [...series.uncertain, inFlight] });
  try {
    await context.sink.publish(missing);
  } catch (error) {
    const known = error instanceof PublishError && error.fate === "not-published";
    // Refused: nothing landed, so the datums are still missing as of their old send time.
    const entry = known ? { ...inFlight, sentAt: originalSentAt } : { ...inFlight, reason: (error as Error).message };
    context.state.update(context.key, { ...series, uncertain: [...series.uncertain, entry] });
    throw error;
  }
  context.state.update(context.key, series);
  tally.datums += missing.length;
  tally.batches += 1;
  tally.readBack.resent += missing.length;
  return series;
}
