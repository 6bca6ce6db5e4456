// The tool's own health metrics, which `run` publishes in the sink's namespace with the single
// dimension Config = the config file's name without .yaml. Alarms and the dashboard refer to them
// by these names; they count nothing from the log.
export const HEARTBEAT_DIMENSION = "Config";

export const HEARTBEAT_METRICS = {
  /** Seconds from the end of the newest published window to now. */
  windowAge: "mail-metrics-window-age",
  /** Datums whose PutMetricData call ended with an unknown fate, awaiting read-back. */
  unknownFate: "mail-metrics-unknown-fate-datums",
  /** Bytes Logs Insights scanned in the run. */
  bytesScanned: "mail-metrics-bytes-scanned",
  /** Seconds another run had held the lock when a run found it stuck (past state.stuckAfter); 0 from a run that took the lock. */
  stuckLockAge: "mail-metrics-stuck-lock-age",
} as const;

export const HEARTBEAT_NAMES: readonly string[] = Object.values(HEARTBEAT_METRICS);

/** `prod` for /etc/mail-metrics/prod.yaml: the Config dimension, and the default in alarm and dashboard names. */
export function configName(configPath: string): string {
  return (configPath.split("/").pop() ?? configPath).replace(/\.ya?ml$/i, "");
}
