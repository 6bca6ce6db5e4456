// Publishes the heartbeat (sinks/heartbeat.ts) with one PutMetricData call: standard resolution,
// timestamped now, in the sink's namespace with the single dimension Config, so the alarms and
// dashboard of `alarms sync` and `dashboard` find it. Sent through the writer that retries only
// throttling (src/aws/retry.ts): a heartbeat sent twice would add its bytes twice to a Sum.
import { PutMetricDataCommand, type CloudWatchClient, type MetricDatum, type StandardUnit } from "@aws-sdk/client-cloudwatch";
import { HEARTBEAT_DIMENSION, HEARTBEAT_METRICS } from "../../metrics/heartbeat-names.js";
import { sanitise, VALUE_MAX } from "../../metrics/sanitise.js";
import { wrapAwsError } from "../../aws/errors.js";
import type { HeartbeatFigures } from "../heartbeat.js";

export interface HeartbeatTarget {
  readonly writer: Pick<CloudWatchClient, "send">;
  readonly namespace: string;
  /** The Config dimension's value: the config file's name without .yaml. */
  readonly config: string;
}

export async function publishHeartbeat(target: HeartbeatTarget, figures: HeartbeatFigures, now: number): Promise<void> {
  const command = new PutMetricDataCommand({ Namespace: target.namespace, MetricData: heartbeatData(figures, target.config, now) });
  try {
    await target.writer.send(command);
  } catch (error) {
    throw wrapAwsError("PutMetricData", error, { queryName: `heartbeat to ${target.namespace}` });
  }
}

export function heartbeatData(figures: HeartbeatFigures, config: string, now: number): MetricDatum[] {
  // A config name PutMetricData would refuse as it is (non-ASCII) is made valid as query dimensions are.
  const dimensions = [{ Name: HEARTBEAT_DIMENSION, Value: sanitise(config, VALUE_MAX) ?? "config" }];
  const datum = (name: string, value: number, unit: StandardUnit): MetricDatum => ({
    MetricName: name,
    Dimensions: dimensions,
    Timestamp: new Date(now),
    Value: value,
    Unit: unit,
    StorageResolution: 60,
  });
  return [
    ...(figures.windowAge === undefined ? [] : [datum(HEARTBEAT_METRICS.windowAge, figures.windowAge, "Seconds")]),
    datum(HEARTBEAT_METRICS.unknownFate, figures.unknownFate, "Count"),
    datum(HEARTBEAT_METRICS.bytesScanned, figures.bytesScanned, "Bytes"),
    datum(HEARTBEAT_METRICS.stuckLockAge, figures.stuckLockAge, "Seconds"),
  ];
}
