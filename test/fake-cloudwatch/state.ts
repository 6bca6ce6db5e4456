// Everything the stand-in received and holds, plus the helpers tests assert with.
import { mergeStatistics, metricKey, sameDimensions, statisticsOf, type Dimensions } from "./datum-stats.js";
import type { LogGroupRecord, QueryRecord, RequestRecord, StoredAlarm, StoredDatum, StoredLogEvent } from "./records.js";

export interface SeedEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime?: number;
}

export interface TimeRange {
  /** Inclusive, epoch ms. */
  readonly from?: number;
  /** Exclusive, epoch ms. */
  readonly to?: number;
}

export class StandInState {
  readonly logGroups = new Map<string, LogGroupRecord>();
  /** Every query StartQuery accepted, in order. */
  readonly queries: QueryRecord[] = [];
  /** Every HTTP request, in arrival order (including failed, throttled and dropped ones). */
  readonly requests: RequestRecord[] = [];
  /** Every datum PutMetricData accepted, in arrival order. */
  readonly datums: StoredDatum[] = [];
  /** Alarms by name, in creation order. */
  readonly alarms = new Map<string, StoredAlarm>();
  readonly dashboards = new Map<string, string>();
  /** Stand-in or engine bugs, answered as HTTP 500 (see exchange.ts); tests may assert it stays empty. */
  readonly internalErrors: string[] = [];

  constructor(private readonly now: () => number) {}

  /** Requests received for one operation, e.g. `requestCount("StartQuery")`. */
  requestCount(operation: string): number {
    return this.requests.filter((request) => request.operation === operation).length;
  }

  /** Requests for one operation that were answered 200. */
  successCount(operation: string): number {
    return this.requests.filter((request) => request.operation === operation && request.outcome === 200).length;
  }

  /** Creates the group (and stream) if needed and stores events without PutLogEvents validation. */
  seedLogEvents(logGroup: string, logStream: string, events: readonly SeedEvent[]): void {
    const group = this.ensureLogGroup(logGroup);
    const stream = group.streams.get(logStream) ?? [];
    group.streams.set(logStream, stream);
    for (const event of events) {
      stream.push({ ...event, logGroup, logStream, ingestionTime: event.ingestionTime ?? this.now() });
    }
  }

  /** Seeded groups count as created at epoch 0 unless given, so any time range is queryable. */
  ensureLogGroup(name: string, createdAt = 0): LogGroupRecord {
    const existing = this.logGroups.get(name);
    if (existing !== undefined) return existing;
    const group: LogGroupRecord = { name, createdAt, streams: new Map() };
    this.logGroups.set(name, group);
    return group;
  }

  logEvents(logGroup: string): StoredLogEvent[] {
    const group = this.logGroups.get(logGroup);
    return group === undefined ? [] : [...group.streams.values()].flat();
  }

  /** Datums of one metric; with `dimensions`, only that exact dimension set (CloudWatch's identity). */
  datumsOf(namespace: string, metricName: string, dimensions?: Dimensions, range: TimeRange = {}): StoredDatum[] {
    return this.datums.filter(
      (datum) =>
        datum.namespace === namespace &&
        datum.metricName === metricName &&
        (dimensions === undefined || sameDimensions(datum.dimensions, dimensions)) &&
        datum.timestamp >= (range.from ?? -Infinity) &&
        datum.timestamp < (range.to ?? Infinity),
    );
  }

  /** Sum over every sample received for the metric (what GetMetricData's Sum would add up). */
  sumOf(namespace: string, metricName: string, dimensions?: Dimensions, range?: TimeRange): number {
    return this.datumsOf(namespace, metricName, dimensions, range).reduce((sum, d) => sum + statisticsOf(d).Sum, 0);
  }

  /**
   * Datums grouped by `metricKey(...) @ ISO timestamp`; a key with more than one datum means the
   * same metric and timestamp was published more than once (CloudWatch would aggregate them).
   */
  datumsByMetricAndTimestamp(): Map<string, StoredDatum[]> {
    const groups = new Map<string, StoredDatum[]>();
    for (const datum of this.datums) {
      const key = `${metricKey(datum.namespace, datum.metricName, datum.dimensions)} @ ${new Date(datum.timestamp).toISOString()}`;
      groups.set(key, [...(groups.get(key) ?? []), datum]);
    }
    return groups;
  }

  /** The combined statistic set of the datums of one metric, or undefined when none. */
  statisticsOf(namespace: string, metricName: string, dimensions?: Dimensions, range?: TimeRange) {
    const datums = this.datumsOf(namespace, metricName, dimensions, range);
    return datums.length === 0 ? undefined : datums.map(statisticsOf).reduce(mergeStatistics);
  }
}
