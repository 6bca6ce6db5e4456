// Opens the run's source and sink from the config. The AWS SDK is imported only when the config
// talks to AWS, so local runs start fast and never need credentials.
import type { LoadedConfig } from "../config/resolved.js";
import type { Datum } from "../metrics/datum.js";
import type { Sink } from "../sinks/sink.js";
import { createStdoutSink } from "../sinks/stdout.js";
import type { OutputFormat } from "../cli/output.js";
import type { Source, SourceQuery } from "../sources/source.js";
import { filesSource } from "../sources/files/source.js";
import type { FilesStats } from "../sources/files/sum-stats.js";
import type { Interval } from "../schedule/intervals.js";
import type { AwsSettings } from "../aws/clients.js";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { Clock } from "../util/clock.js";
import { seriesSpacing } from "./jobs.js";

export interface EndpointOptions {
  readonly aws: AwsSettings;
  readonly clock: Clock;
  /** Collect datums instead of publishing them (the sink is otherwise the real one: its batches, its age limit, its read-back). */
  readonly dryRun: boolean;
  readonly output?: OutputFormat;
  readonly onFileStats?: (query: SourceQuery, range: Interval, stats: FilesStats) => void;
}

export interface Endpoints {
  readonly source: Source;
  readonly sink: Sink;
  /** Datums a dry run would have published, in order. */
  readonly collected: Datum[];
  /** The CloudWatch client for reads (GetMetricData), when the sink is CloudWatch. */
  readonly metricsReader?: Pick<CloudWatchClient, "send">;
  /** The Region the AWS clients resolved (config, --region, environment or profile); undefined without AWS. */
  region(): Promise<string | undefined>;
  close(): void;
}

export async function openEndpoints(loaded: LoadedConfig, options: EndpointOptions): Promise<Endpoints> {
  const { config } = loaded;
  const needsAws = config.source.type === "cloudwatch-logs" || config.sink.type === "cloudwatch";
  const clients = needsAws ? (await import("../aws/clients.js")).createClients(options.aws, options.clock) : null;
  const collected: Datum[] = [];
  const source: Source =
    config.source.type === "files"
      ? filesSource({
          paths: config.source.paths,
          timezone: config.source.timezone,
          ...(config.source.year === undefined ? {} : { year: config.source.year }),
          now: options.clock.now,
          ...(options.onFileStats ? { onStats: options.onFileStats } : {}),
        })
      : (await import("../sources/cloudwatch/source.js")).cloudWatchSource({
          logs: clients!.logs,
          starter: clients!.logsStarter,
          clock: options.clock,
          logGroups: config.source.logGroups,
          queryLimit: config.source.queryLimit,
          queryTimeout: config.source.queryTimeout,
        });
  const sink: Sink =
    config.sink.type === "stdout"
      ? createStdoutSink({ output: options.output ?? config.sink.output })
      : (await import("../sinks/cloudwatch/sink.js")).cloudWatchSink({
          writer: clients!.metricsWriter,
          reader: clients!.metrics,
          namespace: config.sink.namespace,
          storageResolution: config.sink.storageResolution,
          now: options.clock.now,
          seriesSpacing: seriesSpacing(loaded.queries),
        });
  return {
    source,
    sink: options.dryRun ? collectingSink(sink, collected) : sink,
    collected,
    ...(clients !== null && config.sink.type === "cloudwatch" ? { metricsReader: clients.metrics } : {}),
    region: async () => (clients === null ? undefined : clients.logs.config.region().catch(() => undefined)),
    close: () => clients?.destroy(),
  };
}

/**
 * A dry run's sink: the real one (its batches, its age limit, its read-back, which only reads), whose
 * publish() collects the datums for printing instead. The run's code cannot tell it apart, so a dry
 * run takes exactly the path a run would.
 */
export function collectingSink(real: Sink, collected: Datum[]): Sink {
  return {
    batchEnds: (datums) => real.batchEnds(datums),
    ...(real.maxAge === undefined ? {} : { maxAge: real.maxAge }),
    ...(real.readBack === undefined ? {} : { readBack: (datums: readonly Datum[]) => real.readBack!(datums) }),
    publish: async (batch) => void collected.push(...batch),
  };
}
