// Reads back whether data points exist, to settle a batch whose PutMetricData call may or may not
// have landed (the call has no idempotency token): SampleCount in the period bucket holding the
// datum's timestamp, for its metric, dimensions and unit. A sample there is taken for the datum
// only when no other datum of the series can share the bucket.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
//
// The bucket is as fine as CloudWatch still answers for the point's age (MetricStat.Period: for a
// StartTime over 3 hours ago a multiple of 60 s, over 15 days 300 s, over 63 days 3600 s, "or no data
// points … is returned"). At 1 s and 60 s each window is published once and a series has one datum
// per bin, so a sample in the bucket is this datum's (bins are whole minutes, or whole seconds for
// recent high-resolution points, which are read per second). A 300 s or 3600 s bucket can hold several bins of one series, from
// other batches too (bin(1m), or windows shorter than the bucket): a sample there proves nothing
// about this datum. Such a bucket is trusted only when the series' bins are a multiple of it
// (`spacing`); otherwise the datum is reported not found. That never re-sends a landed point: a
// point read at 300 s or more is nearly 15 days old, past the two weeks PutMetricData accepts, so
// "not found" only has it counted as dropped (withoutExpired, pipeline/publish-plan.ts), never sent again.
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { Datum } from "../../metrics/datum.js";
import { wrapAwsError } from "../../aws/errors.js";
import { resultPoints, unreadableResult } from "./result-points.js";

/**
 * A result read-back cannot read says nothing of which points landed; taken for "not found", a landed
 * point would be re-sent (pipeline/settle-uncertain.ts).
 */
const UNREADABLE =
  "read-back cannot tell which points landed, so the batches of unknown fate stay pending and the next run reads them back again";
/** GetMetricData takes at most 500 queries per call. */
const QUERIES_PER_CALL = 500;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * How old a point may be for each period, kept short of CloudWatch's limits (3 h, 15 d, 63 d) by a
 * margin for clock skew, the request's travel and the bucket reaching back before the timestamp.
 */
const HIGH_RESOLUTION_WINDOW_MS = 3 * HOUR - 10 * MINUTE;
const MINUTE_WINDOW_MS = 15 * DAY - HOUR;
const FIVE_MINUTE_WINDOW_MS = 63 * DAY - HOUR;

/**
 * The read-back period (seconds) for a datum: 1 s for recent points of a series binned finer than a
 * minute, else 60 s while CloudWatch keeps minutes, then 300 s, then 3600 s.
 */
export function readBackPeriod(datum: Datum, now: number, perSecond: boolean): number {
  const age = now - datum.timestamp;
  if (perSecond && age < HIGH_RESOLUTION_WINDOW_MS) return 1;
  if (age < MINUTE_WINDOW_MS) return 60;
  return age < FIVE_MINUTE_WINDOW_MS ? 300 : 3600;
}

/**
 * Whether a batch's series may hold two points within a minute, so recent ones must be read per
 * second: high-resolution points whose bins are not whole minutes (with the bins unknown, when some
 * point of the batch is off the minute).
 */
export function subMinute(storageResolution: number, datums: readonly Datum[], spacing: number): boolean {
  if (storageResolution !== 1) return false;
  return spacing > 0 ? spacing % MINUTE !== 0 : datums.some((datum) => datum.timestamp % MINUTE !== 0);
}

/** Whether a sample in a `period` bucket can only be the datum's: see the header. */
function tellsApart(period: number, spacing: number): boolean {
  return period <= 60 || (spacing > 0 && spacing % (period * 1000) === 0);
}

interface Series {
  readonly datum: Datum;
  readonly period: number;
  readonly indices: number[];
}

/**
 * For each datum, whether CloudWatch holds a sample for it. `spacing` is the least time (ms) between
 * two timestamps of one series, the queries' bin(); 0 when unknown.
 */
export async function readBack(
  client: Pick<CloudWatchClient, "send">,
  namespace: string,
  storageResolution: number,
  datums: readonly Datum[],
  now: number,
  spacing = 0,
): Promise<boolean[]> {
  const present = datums.map(() => false);
  const byPeriod = new Map<number, Series[]>();
  const perSecond = subMinute(storageResolution, datums, spacing);
  for (const series of groupBySeries(datums, (datum) => readBackPeriod(datum, now, perSecond))) {
    if (tellsApart(series.period, spacing)) byPeriod.set(series.period, [...(byPeriod.get(series.period) ?? []), series]);
  }
  for (const [period, list] of byPeriod) {
    for (let offset = 0; offset < list.length; offset += QUERIES_PER_CALL) {
      const found = await fetchChunk(client, namespace, period, list.slice(offset, offset + QUERIES_PER_CALL), datums);
      for (const index of found) present[index] = true;
    }
  }
  return present;
}

/** Datums by metric, dimensions, unit and read-back period. */
function groupBySeries(datums: readonly Datum[], periodOf: (datum: Datum) => number): Series[] {
  const byKey = new Map<string, Series>();
  datums.forEach((datum, index) => {
    const period = periodOf(datum);
    const key = JSON.stringify([datum.name, datum.unit, Object.entries(datum.dimensions), period]);
    const series = byKey.get(key);
    if (series) series.indices.push(index);
    else byKey.set(key, { datum, period, indices: [index] });
  });
  return [...byKey.values()];
}

async function fetchChunk(
  client: Pick<CloudWatchClient, "send">,
  namespace: string,
  period: number,
  chunk: readonly Series[],
  datums: readonly Datum[],
): Promise<number[]> {
  const bucket = (time: number) => Math.floor(time / (period * 1000));
  const times = chunk.flatMap((series) => series.indices.map((index) => datums[index]!.timestamp));
  const queries: MetricDataQuery[] = chunk.map((series, position) => ({
    Id: `m${position}`,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: namespace,
        MetricName: series.datum.name,
        Dimensions: Object.entries(series.datum.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: period,
      Stat: "SampleCount",
      Unit: series.datum.unit,
    },
  }));
  const found: number[] = [];
  let nextToken: string | undefined;
  do {
    const output = await client
      .send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(bucket(Math.min(...times)) * period * 1000),
          EndTime: new Date((bucket(Math.max(...times)) + 1) * period * 1000),
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      )
      .catch((error: unknown) => {
        throw wrapAwsError("GetMetricData", error);
      });
    for (const result of output.MetricDataResults ?? []) {
      const series = chunk[Number(result.Id?.slice(1))];
      if (!series) throw unreadableResult("a result without its query's Id", UNREADABLE);
      const { times: stamps, values } = resultPoints(result, UNREADABLE);
      // A bucket whose samples count 0 (another writer's Counts) holds none of this datum.
      const sampled = new Set(stamps.filter((_, i) => values[i]! > 0).map((t) => bucket(t.getTime())));
      for (const index of series.indices) if (sampled.has(bucket(datums[index]!.timestamp))) found.push(index);
    }
    nextToken = output.NextToken;
  } while (nextToken);
  return found;
}
