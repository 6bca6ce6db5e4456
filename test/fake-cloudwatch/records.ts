// The records the stand-in keeps: what tests assert on after driving a client against it.
import type { LogEvent, ResultRow } from "../../src/insights/types.js";
import type { OmittedMember } from "./faults.js";
import type { Input } from "./input.js";
import type { Service } from "./service-error.js";

/** A log event as stored by PutLogEvents (or seeded by a test). */
export interface StoredLogEvent extends LogEvent {
  readonly logGroup: string;
  readonly logStream: string;
  readonly ingestionTime: number;
}

export interface LogGroupRecord {
  readonly name: string;
  /** Stand-in clock, epoch ms. */
  readonly createdAt: number;
  readonly streams: Map<string, StoredLogEvent[]>;
}

/** One HTTP request, whatever became of it. */
export interface RequestRecord {
  /** 1-based arrival order over all operations. */
  readonly seq: number;
  service: Service | "sts" | "unknown";
  operation: string;
  /** Stand-in clock, epoch ms. */
  readonly receivedAt: number;
  /** Body size as sent (after gzip when compressed). */
  readonly wireBytes: number;
  /** Body size after decompression. */
  readonly bodyBytes: number;
  readonly contentEncoding: string | undefined;
  /** HTTP status answered, or "dropped" when the connection was cut; undefined while pending. */
  outcome: number | "dropped" | undefined;
  /** Error code answered, if any. */
  errorCode: string | undefined;
  /** The Region of the request's SigV4 credential scope (`Credential=KEY/DATE/REGION/SERVICE/aws4_request`). */
  readonly region: string | undefined;
  /** The decoded JSON request, when it was one: what the call asked for (its log groups, namespace, alarm). */
  readonly input: Input | undefined;
}

/** An alarm as PutMetricAlarm stored it. */
export interface StoredAlarm {
  /** The PutMetricAlarm request as sent (Tags included, as sent at creation). */
  readonly input: Input;
  readonly arn: string;
  /** Set at creation only: PutMetricAlarm ignores Tags when it updates an alarm. */
  readonly tags: ReadonlyMap<string, string>;
  /** Stand-in clock, epoch ms, of the last PutMetricAlarm. */
  readonly updatedAt: number;
}

export type QueryStatus = "Scheduled" | "Running" | "Complete" | "Failed" | "Cancelled" | "Timeout" | "Unknown";
export type QueryEnd = "Complete" | "Failed" | "Cancelled" | "Timeout" | "Unknown" | "never";

export interface QueryStatistics {
  readonly recordsMatched: number;
  readonly recordsScanned: number;
  readonly bytesScanned: number;
  readonly estimatedRecordsSkipped: number;
  readonly estimatedBytesSkipped: number;
  readonly logGroupsScanned: number;
  /** Rows of the final result set across all pages; absent when a fault plays a service without it. */
  readonly resultCount?: number;
}

/** A query accepted by StartQuery, with the parameters as the client sent them. */
export interface QueryRecord {
  readonly queryId: string;
  readonly queryString: string;
  /** Resolved names of the queried log groups. */
  readonly logGroupNames: readonly string[];
  /** Epoch seconds, as sent. */
  readonly startTime: number;
  readonly endTime: number;
  /** Effective limit: the request's `limit` or the default. */
  readonly limit: number;
  readonly createdAt: number;
  /** How the query ends, after how many Scheduled and Running polls (see query-lifecycle.ts). */
  readonly end: QueryEnd;
  readonly scheduledPolls: number;
  readonly runningPolls: number;
  /** Ended before any poll (fault endsAtOnce). */
  readonly endsAtOnce: boolean;
  readonly rows: readonly ResultRow[];
  readonly statistics: QueryStatistics;
  /** What GetQueryResults shows while the query is Running (query-run.ts). */
  readonly partial: () => { readonly rows: readonly ResultRow[]; readonly statistics: QueryStatistics };
  /** GetQueryResults answers the first page only, without nextToken (fault firstPageOnly). */
  readonly firstPageOnly: boolean;
  /** GetQueryResults leaves these members out of its answers (fault omit). */
  readonly omit: readonly OmittedMember[];
  /** Why the engine failed while running the query; the query then ends Failed. */
  readonly engineFailure: string | undefined;
  polls: number;
  stopped: boolean;
}

export interface StatisticSet {
  readonly SampleCount: number;
  readonly Sum: number;
  readonly Minimum: number;
  readonly Maximum: number;
}

/** A datum accepted by PutMetricData. */
export interface StoredDatum {
  readonly namespace: string;
  readonly metricName: string;
  /** Dimension name → value. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** Epoch ms; the receive time when the datum had no Timestamp. */
  readonly timestamp: number;
  readonly value: number | undefined;
  readonly values: readonly number[] | undefined;
  readonly counts: readonly number[] | undefined;
  readonly statisticValues: StatisticSet | undefined;
  readonly unit: string;
  readonly storageResolution: 1 | 60;
  /** `seq` of the PutMetricData request it came in. */
  readonly requestSeq: number;
  /** Stand-in clock, epoch ms. */
  readonly receivedAt: number;
}
