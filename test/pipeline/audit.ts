// Compares what the stand-in received with what the peer's record predicts. Sums alone would hide a
// 0 published twice, so every metric and timestamp is also checked for more than one datum
// (CloudWatch would aggregate them: SampleCount 2, a doubled Sum). The heartbeat `run` publishes
// beside the counts (src/sinks/heartbeat.ts) is no part of that ledger: left out by its names.
import { HEARTBEAT_NAMES } from "../../src/metrics/heartbeat-names.js";
import type { RequestRecord, StoredDatum } from "../fake-cloudwatch/records.js";
import type { StandIn } from "../fake-cloudwatch/start-stand-in.js";
import { NAMESPACE } from "./cloud-fixture.js";
import { keyOf, type Expected } from "./peer-model.js";

const HEARTBEAT = new Set(HEARTBEAT_NAMES);

/** A datum of the heartbeat, not of a query. */
export const isHeartbeat = (datum: Pick<StoredDatum, "metricName">): boolean => HEARTBEAT.has(datum.metricName);

/** The metric names a PutMetricData request carried, as sent (the stand-in keeps the request, also when a fault answered it). */
export function metricNamesOf(request: RequestRecord): string[] {
  const data = request.input?.MetricData;
  return Array.isArray(data) ? data.map((datum) => String((datum as { MetricName?: unknown })?.MetricName)) : [];
}

const heartbeatOnly = (request: RequestRecord) =>
  metricNamesOf(request).length > 0 && metricNamesOf(request).every((name) => HEARTBEAT.has(name));

/** The PutMetricData requests of the ledger (query datums), whatever their outcome: those of the heartbeat left out. */
export function ledgerPuts(standIn: StandIn): RequestRecord[] {
  return standIn.state.requests.filter((r) => r.operation === "PutMetricData" && !heartbeatOnly(r));
}

/** The datums the stand-in stored for queries (the heartbeat's left out). */
export function ledgerDatums(standIn: StandIn): StoredDatum[] {
  return standIn.state.datums.filter((datum) => !isHeartbeat(datum));
}

/** The heartbeat's PutMetricData requests. */
export function heartbeatPuts(standIn: StandIn): RequestRecord[] {
  return standIn.state.requests.filter((r) => r.operation === "PutMetricData" && heartbeatOnly(r));
}

export interface Audit {
  /** Datums received in the namespace. */
  readonly datums: number;
  /** Metric @ timestamp published more than once. */
  readonly duplicates: readonly string[];
  /** Expected but never received. */
  readonly missing: readonly string[];
  /** Received but not expected. */
  readonly extra: readonly string[];
  /** Received once with another value than expected: `key: got X, expected Y`. */
  readonly wrong: readonly string[];
}

export function audit(standIn: StandIn, expected: Expected): Audit {
  const received = new Map<string, number[]>();
  const datums = standIn.state.datums.filter((d) => d.namespace === NAMESPACE && !isHeartbeat(d));
  for (const datum of datums) {
    const dims = Object.keys(datum.dimensions).length === 0 ? "" : ` ${JSON.stringify(datum.dimensions)}`;
    const key = keyOf(`${datum.metricName}${dims}`, datum.timestamp);
    received.set(key, [...(received.get(key) ?? []), datum.value ?? Number.NaN]);
  }
  const duplicates = [...received].filter(([, values]) => values.length > 1).map(([key]) => key);
  const missing = [...expected.keys()].filter((key) => !received.has(key));
  const extra = [...received.keys()].filter((key) => !expected.has(key));
  const wrong = [...received]
    .filter(([key, values]) => values.length === 1 && expected.has(key) && values[0] !== expected.get(key))
    .map(([key, values]) => `${key}: got ${values[0]}, expected ${expected.get(key)}`);
  return { datums: datums.length, duplicates, missing, extra, wrong };
}

/** The audit of a run that published every expected datum exactly once. */
export function exact(expected: Expected): Audit {
  return { datums: expected.size, duplicates: [], missing: [], extra: [], wrong: [] };
}
