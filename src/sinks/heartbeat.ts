// The tool's own health, which a sink that can (CloudWatch) publishes once per run beside the
// query metrics, so one alarm fires when cron stops, falls behind or keeps failing. It is no part
// of the exactly-once ledger: never in the state's plans, never read back, never re-sent.

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
