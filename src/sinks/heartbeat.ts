// The tool's own health, which a sink that can (CloudWatch) publishes once per run beside the
// query metrics, so one alarm fires when cron stops, falls behind or keeps failing. It is no part
// of the exactly-once ledger: never in the state's plans, never read back, never re-sent.
import { HEARTBEAT_NAMES } from "../metrics/heartbeat-names.js";

export interface HeartbeatFigures {
  /**
   * Seconds from the end of the newest published window to now, for the query furthest behind:
   * a query that stalls makes it grow while the others publish. Absent when no query has begun.
   */
  readonly windowAge?: number;
  /** Datums of unknown fate in the state, awaiting read-back. */
  readonly unknownFate: number;
  /** Bytes Logs Insights scanned in this run. */
  readonly bytesScanned: number;
  /** Seconds another run had held the lock when this run found it held longer than state.stuckAfter; 0 when this run took the lock. */
  readonly stuckLockAge: number;
}

/** Seconds another run had held the lock when a run found it stuck (past state.stuckAfter); 0 from a run that took the lock. */
export const STUCK_LOCK_METRIC = "mail-metrics-stuck-lock-age";

/** Every metric name of the heartbeat. */
export const HEARTBEAT_METRIC_NAMES: readonly string[] = [...HEARTBEAT_NAMES, STUCK_LOCK_METRIC];
