// GetMetricData's rules for old data, by how long ago StartTime is (MetricStat.Period and
// GetMetricDataInput.StartTime in client-cloudwatch@3.1164.0; "Start times are evaluated relative to
// the time that CloudWatch receives the request").
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The multiple the Period must be of for data starting `age` ms ago, "or no data points in that
 * time range is returned": none under 3 hours, 60 s up to 15 days, 300 s up to 63 days, then 3600 s.
 */
export function requiredPeriodMultiple(age: number): number {
  if (age <= 3 * HOUR) return 1;
  if (age <= 15 * DAY) return 60;
  if (age <= 63 * DAY) return 300;
  return 3600;
}

/**
 * Where CloudWatch starts counting buckets: StartTime rounded down to the whole minute under 15 days,
 * to the 5-minute clock interval up to 63 days, to the hour beyond; with a Period of 1, 5, 10, 20 or
 * 30 s, to that division of a minute (only data under 3 hours old is kept that fine).
 */
export function alignedStart(startMs: number, periodSeconds: number, age: number): number {
  const step = periodSeconds % 60 !== 0 ? periodSeconds * 1000 : age > 63 * DAY ? HOUR : age > 15 * DAY ? 5 * 60_000 : 60_000;
  return Math.floor(startMs / step) * step;
}
