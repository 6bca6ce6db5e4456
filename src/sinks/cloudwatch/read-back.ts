// Reads back whether data points exist, to settle a batch whose PutMetricData call may or may not
// have landed (the call has no idempotency token). SampleCount at exactly the datum's timestamp,
// metric, dimensions and unit: any sample there came from that batch, since each window is
// published once. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { Datum } from "../../metrics/datum.js";
import { wrapAwsError } from "../../aws/errors.js";

/** GetMetricData takes at most 500 queries per call. */
const QUERIES_PER_CALL = 500;

interface Series {
  readonly datum: Datum;
  readonly indices: number[];
}

export async function readBack(
  client: Pick<CloudWatchClient, "send">,
  namespace: string,
  storageResolution: number,
  datums: readonly Datum[],
): Promise<boolean[]> {
  const present = datums.map(() => false);
  const series = groupBySeries(datums);
  for (let offset = 0; offset < series.length; offset += QUERIES_PER_CALL) {
    const chunk = series.slice(offset, offset + QUERIES_PER_CALL);
    const found = await fetchChunk(client, namespace, storageResolution, chunk, datums);
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

/**
 * GetMetricData returns no data points at a period under 60 s when StartTime is more than 3 hours
 * ago, and regular-resolution metrics only have periods of 60 s and more (MetricStat reference,
 * Period). A 1 s period would read every batch of a catch-up or backfill as absent, and re-send
 * it. Datums on whole minutes (every bin of a minute or longer) are read back at 60 s whatever their
 * storage resolution; only sub-minute high-resolution datums need 1 s, which sees them for 3 hours.
 */
function readBackPeriod(chunk: readonly Series[], datums: readonly Datum[], storageResolution: number): number {
  const subMinute = chunk.some((series) => series.indices.some((index) => datums[index]!.timestamp % 60_000 !== 0));
  return storageResolution === 1 && subMinute ? 1 : 60;
}

async function fetchChunk(
  client: Pick<CloudWatchClient, "send">,
  namespace: string,
  storageResolution: number,
  chunk: readonly Series[],
  datums: readonly Datum[],
): Promise<number[]> {
  const period = readBackPeriod(chunk, datums, storageResolution);
  const bucket = (time: number) => Math.floor(time / (period * 1000)) * period * 1000;
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
          StartTime: new Date(Math.min(...times)),
          EndTime: new Date(Math.max(...times) + period * 1000),
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
        (result.Timestamps ?? []).filter((_, i) => (result.Values?.[i] ?? 0) > 0).map((t) => t.getTime()),
      );
      for (const index of series.indices) if (sampled.has(bucket(datums[index]!.timestamp))) found.push(index);
    }
    nextToken = output.NextToken;
  } while (nextToken);
  return found;
}
