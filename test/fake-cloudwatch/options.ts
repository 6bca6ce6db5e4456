// What a test can configure when it starts the stand-in.
import { compileQuery } from "../../src/insights/compile.js";
import type { CompiledQuery } from "../../src/insights/types.js";
import type { RangeReading } from "./query-range.js";

export interface StandInOptions {
  /** The stand-in clock (epoch ms) for timestamp-age rules, ingestion times and visibility. Default Date.now. */
  readonly now?: () => number;
  /**
   * Compiles a Logs Insights query string; throws QuerySyntaxError for a query AWS would reject.
   * Default: the project's own engine, compileQuery from src/insights/compile.ts.
   */
  readonly compile?: (queryString: string) => CompiledQuery;
  /** GetQueryResults answers Running this many times before the query ends. Default 1. */
  readonly runningPolls?: number;
  /** How StartQuery's [startTime, endTime] covers sub-second events (query-range.ts). Default "stated". */
  readonly rangeReading?: RangeReading;
  /**
   * A datum becomes readable by GetMetricData this long after it was received (stand-in clock), or
   * "documented": as late as the PutMetricData reference allows for its age (visibility.ts). Default 0.
   */
  readonly visibilityDelayMs?: number | "documented";
  /** StartQuery fails with LimitExceededException while this many queries are Running. Default: no limit. */
  readonly maxConcurrentQueries?: number;
  /** GetMetricData's MaxDatapoints when a call gives none: AWS's default, 100,800, unless a test pages sooner. */
  readonly getMetricDataMaxDatapoints?: number;
  /** PutMetricData body limit, enforced both on the wire and after gunzip. Default 1,000,000. */
  readonly maxPutMetricDataBytes?: number;
  /**
   * StartQuery fails like AWS when endTime is before the creation of a queried log group. Default
   * false, since tests usually create a group "now" and then back-fill older events.
   */
  readonly checkLogGroupCreation?: boolean;
  /** Account id used in ARNs and in `@log` ("account-id:log-group-name"). Default 123456789012. */
  readonly accountId?: string;
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
}

export type ResolvedOptions = Required<Omit<StandInOptions, "maxConcurrentQueries">> & Pick<StandInOptions, "maxConcurrentQueries">;

export function resolveOptions(options: StandInOptions): ResolvedOptions {
  return {
    now: options.now ?? Date.now,
    compile: options.compile ?? compileQuery,
    runningPolls: options.runningPolls ?? 1,
    rangeReading: options.rangeReading ?? "stated",
    visibilityDelayMs: options.visibilityDelayMs ?? 0,
    maxConcurrentQueries: options.maxConcurrentQueries,
    getMetricDataMaxDatapoints: options.getMetricDataMaxDatapoints ?? 100_800,
    maxPutMetricDataBytes: options.maxPutMetricDataBytes ?? 1_000_000,
    checkLogGroupCreation: options.checkLogGroupCreation ?? false,
    accountId: options.accountId ?? "123456789012",
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
  };
}
