// The CloudWatch sink: PutMetricData in batches of ≤1,000 datums and ≤1 MB, and read-back for
// batches of unknown fate. Throttling is retried by the SDK (see src/aws/retry.ts); a 4xx means
// the batch was refused (not published), a 5xx, timeout or dropped connection means its fate is
// unknown and must be settled by read-back before anything is sent again.
import { PutMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { MAX_DATUM_AGE_MS, type Datum } from "../../metrics/datum.js";
import { PublishError, type Sink } from "../sink.js";
import { notProcessed, wrapAwsError } from "../../aws/errors.js";
import { batchEnds, wireDatum } from "./batches.js";
import { readBack } from "./read-back.js";
import { publishHeartbeat } from "./heartbeat.js";

export interface CloudWatchSinkOptions {
  readonly writer: Pick<CloudWatchClient, "send">;
  readonly reader: Pick<CloudWatchClient, "send">;
  readonly namespace: string;
  readonly storageResolution: 1 | 60;
  /** Epoch ms now; read-back depends on how old the points are. */
  readonly now: () => number;
  /** The least time (ms) between two timestamps of one series (the queries' bin()), 0 when unknown: see read-back.ts. */
  readonly seriesSpacing?: number;
  /** Publish the heartbeat with this Config dimension value (the config's name); absent: no heartbeat. */
  readonly heartbeat?: { readonly config: string };
}

export function cloudWatchSink(options: CloudWatchSinkOptions): Sink {
  return {
    maxAge: MAX_DATUM_AGE_MS,
    batchEnds: (datums) => batchEnds(datums, options.storageResolution),
    async publish(batch) {
      const command = new PutMetricDataCommand({
        Namespace: options.namespace,
        MetricData: batch.map((datum) => wireDatum(datum, options.storageResolution)),
      });
      try {
        await options.writer.send(command);
      } catch (error) {
        const fate = notProcessed(error) ? "not-published" : "unknown";
        const what = fate === "unknown" ? "its fate is unknown and will be settled by read-back" : "it was not published";
        const failure = wrapAwsError("PutMetricData", error);
        throw new PublishError(`${failure.message} (${batch.length} datums to ${options.namespace}); ${what}`, fate, { cause: error });
      }
    },
    readBack: (datums: readonly Datum[]) =>
      readBack(options.reader, options.namespace, options.storageResolution, datums, options.now(), options.seriesSpacing),
    ...(options.heartbeat === undefined
      ? {}
      : {
          heartbeat: (figures) =>
            publishHeartbeat(
              { writer: options.writer, namespace: options.namespace, config: options.heartbeat!.config },
              figures,
              options.now(),
            ),
        }),
  };
}
