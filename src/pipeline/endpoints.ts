// Opens the run's source and sink, of the kinds the config names (sources/registry.ts,
// sinks/registry.ts). The AWS SDK is loaded only when one of them asks for the clients, so local
// runs start fast and never need credentials.
import type { AwsClients, AwsSettings } from "../aws/clients.js";
import type { LoadedConfig } from "../config/resolved.js";
import type { Datum } from "../metrics/datum.js";
import { sinkKind } from "../sinks/registry.js";
import type { Sink } from "../sinks/sink.js";
import type { OutputFormat } from "../sinks/stdout/format.js";
import type { ReadStats } from "../sources/files/read-stats.js";
import { sourceKind } from "../sources/registry.js";
import type { Source, SourceQuery } from "../sources/source.js";
import type { Clock } from "../util/clock.js";
import type { Interval } from "../windows/intervals.js";
import { configName } from "../metrics/heartbeat-names.js";
import type { Trace } from "../util/trace.js";
import { seriesSpacing } from "./jobs.js";

export interface EndpointOptions {
  readonly aws: AwsSettings;
  readonly clock: Clock;
  /** Collect datums instead of publishing them (the sink is otherwise the real one: its batches, its age limit, its read-back). */
  readonly dryRun: boolean;
  readonly output?: OutputFormat;
  readonly onReadStats?: (query: SourceQuery, range: Interval, stats: ReadStats) => void;
  /** --verbose: the calls the source makes. */
  readonly trace?: Trace;
  /** Where the AWS SDK's warnings go, in our words (aws/clients.ts); default stderr. */
  readonly warn?: (message: string) => void;
}

export interface Endpoints {
  readonly source: Source;
  readonly sink: Sink;
  /** Datums a dry run would have published, in order. */
  readonly collected: Datum[];
  /** The AWS clients (GetMetricData, the Region they resolved), made on first use; closed with the endpoints. */
  aws(): Promise<AwsClients>;
  close(): void;
}

export async function openEndpoints(loaded: LoadedConfig, options: EndpointOptions): Promise<Endpoints> {
  const { config } = loaded;
  let clients: Promise<AwsClients> | undefined;
  let made: AwsClients | undefined;
  const aws = () =>
    (clients ??= import("../aws/clients.js").then(({ createClients }) => (made = createClients(options.aws, options.clock, options.warn))));
  const source = await sourceKind(config.source.type).open(config.source, {
    clock: options.clock,
    aws,
    queries: loaded.queries,
    configPath: loaded.path,
    ...(options.onReadStats ? { onReadStats: options.onReadStats } : {}),
    ...(options.trace === undefined ? {} : { trace: options.trace }),
  });
  const sink = await sinkKind(config.sink.type).open(config.sink, {
    clock: options.clock,
    aws,
    ...(options.output === undefined ? {} : { output: options.output }),
    seriesSpacing: seriesSpacing(loaded.queries),
    configName: configName(loaded.path),
  });
  const collected: Datum[] = [];
  return { source, sink: options.dryRun ? collectingSink(sink, collected) : sink, collected, aws, close: () => made?.destroy() };
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
