// What CloudWatch holds for one series: the Sum of its points per window, for `explain` to compare
// with the events behind them. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
// (a StartTime 15 to 63 days back needs a Period that is a multiple of 300 s, older ones of 3600 s:
// windows are multiples of a 5-minute bin up to 63 days back, and older points are refused here).
import { GetMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { wrapAwsError } from "../../aws/errors.js";
import { UsageError } from "../../errors.js";
import type { Unit } from "../../metrics/datum.js";
import type { Interval } from "../../windows/intervals.js";
import { resultPoints } from "./result-points.js";

const DAY = 86_400_000;

export interface SeriesId {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly unit: Unit;
}

/** Window start → the Sum CloudWatch holds for it; a window without a point is absent. */
export async function publishedSums(
  client: Pick<CloudWatchClient, "send">,
  series: SeriesId,
  range: Interval,
  period: number,
  now: number,
): Promise<Map<number, number>> {
  const age = now - range.from;
  const multiple = age > 63 * DAY ? 3_600_000 : age > 15 * DAY ? 300_000 : 60_000;
  if (period % multiple !== 0) {
    throw new UsageError(
      `CloudWatch keeps points from ${Math.floor(age / DAY)} days back per ${multiple / 60_000} minutes only, coarser than the ${period / 60_000}-minute windows; explain a more recent range`,
    );
  }
  const sums = new Map<number, number>();
  let nextToken: string | undefined;
  do {
    const output = await client
      .send(
        new GetMetricDataCommand({
          MetricDataQueries: [
            {
              Id: "published",
              ReturnData: true,
              MetricStat: {
                Metric: {
                  Namespace: series.namespace,
                  MetricName: series.name,
                  Dimensions: Object.entries(series.dimensions).map(([Name, Value]) => ({ Name, Value })),
                },
                Period: period / 1000,
                Stat: "Sum",
                Unit: series.unit,
              },
            },
          ],
          StartTime: new Date(range.from),
          EndTime: new Date(range.to),
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      )
      .catch((error: unknown) => {
        throw wrapAwsError("GetMetricData", error);
      });
    for (const result of output.MetricDataResults ?? []) {
      const { times, values } = resultPoints(result, "what CloudWatch holds for the series is unknown");
      times.forEach((time, i) => sums.set(time.getTime(), (sums.get(time.getTime()) ?? 0) + values[i]!));
    }
    nextToken = output.NextToken;
  } while (nextToken);
  return sums;
}
