// Where datums go. The exactly-once machinery (src/pipeline/) drives a sink batch by batch and
// records each batch's fate in the state file around every publish() call. Each kind of sink is a
// folder holding its config schema, its code and its SinkKind (kind.ts), registered in registry.ts.
import type { z } from "zod";
import type { AwsClients } from "../aws/clients.js";
import { RuntimeError } from "../errors.js";
import type { Datum } from "../metrics/datum.js";
import type { Clock } from "../util/clock.js";
import type { HeartbeatFigures } from "./heartbeat.js";
import type { OutputFormat } from "./stdout/format.js";

/** Whether a failed publish() may have reached the destination anyway. */
export type Fate = "not-published" | "unknown";

/** A failed publish: a runtime failure (exit 1) the next run recovers from, not a bug (exit 70). */
export class PublishError extends RuntimeError {
  constructor(
    message: string,
    readonly fate: Fate,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface Sink {
  /** Exclusive end indices of the batches `datums` is sent in. */
  batchEnds(datums: readonly Datum[]): number[];
  /**
   * How old (ms before now) a datum may be for the destination to accept it; absent when any age is.
   * Older datums are refused for good, so the pipeline drops them instead of retrying forever.
   */
  readonly maxAge?: number;
  /** Sends one batch; throws PublishError saying whether it may have landed. */
  publish(batch: readonly Datum[]): Promise<void>;
  /**
   * For each datum, whether the destination already holds a data point at exactly its metric,
   * dimensions and timestamp. Absent on sinks that cannot be read (stdout never has unknown fates).
   */
  readBack?(datums: readonly Datum[]): Promise<boolean[]>;
  /**
   * Publishes the tool's own health once per run (sinks/heartbeat.ts), outside the ledger: absent on
   * sinks without one (stdout) and in a dry run. Throws an error saying why it failed.
   */
  heartbeat?(figures: HeartbeatFigures): Promise<void>;
}

/** What a run gives a sink it opens. */
export interface SinkDeps {
  readonly clock: Clock;
  /** The run's AWS clients, made on first use (loading the SDK only for sources and sinks that call AWS). */
  readonly aws: () => Promise<AwsClients>;
  /** `--output`, for sinks that print. */
  readonly output?: OutputFormat;
  /** The least time (ms) between two timestamps of one metric series (the queries' bin()); 0 when unknown. */
  readonly seriesSpacing: number;
  /** The config file's name without .yaml: the heartbeat's Config dimension. */
  readonly configName: string;
}

/** A kind of sink: its part of the config (a strict object whose `type` names it) and how a run opens it. */
export interface SinkKind<Schema extends z.ZodObject = z.ZodObject> {
  readonly schema: Schema;
  /**
   * Where its datums end up, as far as they are one metric series or another: part of each series'
   * identity (state/identity.ts), so that a new destination starts new series.
   */
  destination(config: z.output<Schema>): string;
  open(config: z.output<Schema>, deps: SinkDeps): Promise<Sink>;
}
