// Reads back whether data points exist, to settle a batch whose PutMetricData call may or may not
// have landed (the call has no idempotency token). SampleCount in the period bucket holding the
// datum's timestamp, for its metric, dimensions and unit: any sample there came from that batch,
// since each window is published once (and a config rule keeps bins whole periods).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { Datum } from "../../metrics/datum.js";
import { wrapAwsError } from "../../aws/errors.js";

/** GetMetricData takes at most 500 queries per call. */
const QUERIES_PER_CALL = 500;
/**
 * High-resolution points are kept at 1-second granularity for 3 hours only; after that GetMetricData
 * returns nothing for periods under 60 s (MetricStat reference), so older points are read per minute.
 */
const HIGH_RESOLUTION_WINDOW_MS = 3 * 3_600_000 - 10 * 60_000;

/**
 * The read-back period (seconds) for a batch: 60 s, which sees every point on a whole minute at
 * any age and resolution; 1 s only for recent high-resolution points off the minute.
 */
export function readBackPeriod(storageResolution: number, datums: readonly Datum[], now: number): number {
  const offMinute = datums.some((datum) => datum.timestamp % 60_000 !== 0);
  const oldest = Math.min(...datums.map((datum) => datum.timestamp));
  return storageResolution === 1 && offMinute && now - oldest < HIGH_RESOLUTION_WINDOW_MS ? 1 : 60;
}

interface Series {
  readonly datum: Datum;
  readonly indices: number[];
}

export async function readBack(
  client: Pick<CloudWatchClient, "send">,
  namespace: string,
  storageResolution: number,
  datums: readonly Datum[],
  now: number,
): Promise<boolean[]> {
  const present = datums.map(() => false);
  if (datums.length === 0) return present;
  const period = readBackPeriod(storageResolution, datums, now);
  const series = groupBySeries(datums);
  for (let offset = 0; offset < series.length; offset += QUERIES_PER_CALL) {
    const chunk = series.slice(offset, offset + QUERIES_PER_CALL);
    const found = await fetchChunk(client, namespace, period, chunk, datums);
    for (const index of found) present[index] = true;
  }
  return present;
}

function groupBySeries(datums: readonly Datum[]): Series[] {
  const byKey = new Map<string, Series>();
  datums.forEach((datum, index) => {
    const key = JSON.stringify([datum.name, datum.unit, Object.entries(datum.dimensions)]);
    const series = byKey.get(key);
    if (series) series.indices.push(index);
    else byKey.set(key, { datum, indices: [index] });
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
      if (!series) continue;
      const sampled = new Set(
        (result.Timestamps ?? []).filter((_, i) => (result.Values?.[i] ?? 0) > 0).map((t) => bucket(t.getTime())),
      );
      for (const index of series.indices) if (sampled.has(bucket(datums[index]!.timestamp))) found.push(index);
    }
    nextToken = output.NextToken;
  } while (nextToken);
  return found;
}
