// Period buckets for GetMetricData, counted from `origin` (StartTime as CloudWatch rounds it,
// metric-periods.ts); StartTime is inclusive and EndTime exclusive (GetMetricData reference).
import { mergeStatistics, statisticsOf } from "./datum-stats.js";
import type { StatisticSet, StoredDatum } from "./records.js";

export const STATS = ["Sum", "SampleCount", "Maximum", "Minimum", "Average"] as const;
export type Stat = (typeof STATS)[number];

export interface Series {
  /** Bucket starts, epoch ms, ascending. */
  readonly timestamps: number[];
  readonly values: number[];
}

export function aggregate(datums: readonly StoredDatum[], origin: number, endMs: number, periodSeconds: number, stat: Stat): Series {
  const period = periodSeconds * 1000;
  const buckets = new Map<number, StatisticSet>();
  for (const datum of datums) {
    if (datum.timestamp < origin || datum.timestamp >= endMs) continue;
    const bucket = origin + Math.floor((datum.timestamp - origin) / period) * period;
    const previous = buckets.get(bucket);
    const stats = statisticsOf(datum);
    buckets.set(bucket, previous === undefined ? stats : mergeStatistics(previous, stats));
  }
  const timestamps = [...buckets.keys()].sort((a, b) => a - b);
  return { timestamps, values: timestamps.map((t) => pick(buckets.get(t) as StatisticSet, stat)) };
}

function pick(stats: StatisticSet, stat: Stat): number {
  switch (stat) {
    case "Sum":
      return stats.Sum;
    case "SampleCount":
      return stats.SampleCount;
    case "Maximum":
      return stats.Maximum;
    case "Minimum":
      return stats.Minimum;
    case "Average":
      return stats.Sum / stats.SampleCount;
  }
}
