// When a datum PutMetricData received becomes readable by GetMetricData.
import type { StoredDatum } from "./records.js";

const HOUR = 3_600_000;

/**
 * `delay` ms after receipt, or "documented": as late as the PutMetricData reference allows for the
 * point's age at receipt ("Data points with time stamps from 24 hours ago or longer can take at least
 * 48 hours to become available … between 3 and 24 hours ago can take as much as 2 hours"). For
 * recent points AWS gives no figure (UNCONFIRMED); "documented" takes 15 minutes, the time a new
 * metric may take to appear in ListMetrics (ListMetrics reference).
 */
export function visibleFrom(datum: StoredDatum, delay: number | "documented"): number {
  if (delay !== "documented") return datum.receivedAt + delay;
  const age = datum.receivedAt - datum.timestamp;
  const wait = age >= 24 * HOUR ? 48 * HOUR : age >= 3 * HOUR ? 2 * HOUR : 15 * 60_000;
  return datum.receivedAt + wait;
}
