// How one stored datum contributes to CloudWatch statistics, and the metric identity that
// CloudWatch aggregates over: namespace, name and the EXACT set of dimensions
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Dimension).
import type { StatisticSet, StoredDatum } from "./records.js";

/** The statistic set a datum stands for: Value is one sample; Values/Counts are Counts[i] samples of Values[i]. */
export function statisticsOf(datum: StoredDatum): StatisticSet {
  if (datum.statisticValues !== undefined) return datum.statisticValues;
  if (datum.values !== undefined) {
    let SampleCount = 0;
    let Sum = 0;
    let Minimum = Infinity;
    let Maximum = -Infinity;
    datum.values.forEach((value, i) => {
      const count = datum.counts?.[i] ?? 1;
      SampleCount += count;
      Sum += value * count;
      if (count > 0) {
        Minimum = Math.min(Minimum, value);
        Maximum = Math.max(Maximum, value);
      }
    });
    return { SampleCount, Sum, Minimum, Maximum };
  }
  const value = datum.value ?? 0;
  return { SampleCount: 1, Sum: value, Minimum: value, Maximum: value };
}

export function mergeStatistics(a: StatisticSet, b: StatisticSet): StatisticSet {
  return {
    SampleCount: a.SampleCount + b.SampleCount,
    Sum: a.Sum + b.Sum,
    Minimum: Math.min(a.Minimum, b.Minimum),
    Maximum: Math.max(a.Maximum, b.Maximum),
  };
}

export type Dimensions = Readonly<Record<string, string>>;

/** True when both hold the same names with the same values, in any order. */
export function sameDimensions(a: Dimensions, b: Dimensions): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

/** `Namespace MetricName {a=1,b=2}`, dimensions sorted by name: one key per CloudWatch metric. */
export function metricKey(namespace: string, metricName: string, dimensions: Dimensions): string {
  const dims = Object.keys(dimensions)
    .sort()
    .map((name) => `${name}=${dimensions[name]}`)
    .join(",");
  return `${namespace} ${metricName} {${dims}}`;
}
