// What `doctor` asks CloudWatch: can the identity read the namespace (GetMetricData, which
// read-back needs), and when did the heartbeat last arrive — the newest mail-metrics-window-age
// point of this config in the last three hours.
import { GetMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { HEARTBEAT_DIMENSION, HEARTBEAT_METRICS } from "../../metrics/heartbeat-names.js";
import { wrapAwsError } from "../../aws/errors.js";
import { resultPoints } from "./result-points.js";

export interface NewestHeartbeat {
  readonly at: number;
  /** Its window age, seconds. */
  readonly windowAge: number;
}

const LOOK_BACK_MS = 3 * 3_600_000;

export async function newestHeartbeat(
  reader: Pick<CloudWatchClient, "send">,
  namespace: string,
  config: string,
  now: number,
): Promise<NewestHeartbeat | null> {
  const command = new GetMetricDataCommand({
    StartTime: new Date(Math.floor((now - LOOK_BACK_MS) / 60_000) * 60_000),
    EndTime: new Date(now),
    ScanBy: "TimestampDescending",
    MetricDataQueries: [
      {
        Id: "age",
        MetricStat: {
          Metric: {
            Namespace: namespace,
            MetricName: HEARTBEAT_METRICS.windowAge,
            Dimensions: [{ Name: HEARTBEAT_DIMENSION, Value: config }],
          },
          Period: 60,
          Stat: "Maximum",
        },
      },
    ],
  });
  try {
    const result = (await reader.send(command)).MetricDataResults?.[0];
    const { times, values } = resultPoints(result, "the heartbeat's window age is unknown");
    if (times.length === 0) return null;
    const newest = times.reduce((best, time, i) => (time.getTime() > times[best]!.getTime() ? i : best), 0);
    return { at: times[newest]!.getTime(), windowAge: values[newest]! };
  } catch (error) {
    throw wrapAwsError("GetMetricData", error, { queryName: `namespace ${namespace}` });
  }
}
