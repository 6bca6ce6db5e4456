// A metric datum as mail-metrics publishes it: the unit of PutMetricData
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html).

/** StandardUnit values accepted by PutMetricData. */
export const UNITS = [
  "Seconds",
  "Microseconds",
  "Milliseconds",
  "Bytes",
  "Kilobytes",
  "Megabytes",
  "Gigabytes",
  "Terabytes",
  "Bits",
  "Kilobits",
  "Megabits",
  "Gigabits",
  "Terabits",
  "Percent",
  "Count",
  "Bytes/Second",
  "Kilobytes/Second",
  "Megabytes/Second",
  "Gigabytes/Second",
  "Terabytes/Second",
  "Bits/Second",
  "Kilobits/Second",
  "Megabits/Second",
  "Gigabits/Second",
  "Terabits/Second",
  "Count/Second",
  "None",
] as const;

export type Unit = (typeof UNITS)[number];

/** "Data points with time stamps ... up to two weeks in the past" (PutMetricData reference). */
export const MAX_DATUM_AGE_MS = 14 * 86_400_000;

export interface Datum {
  readonly name: string;
  /** Start of the bin, epoch milliseconds. */
  readonly timestamp: number;
  readonly value: number;
  readonly unit: Unit;
  /** Dimension name to value, in the order the mapping lists them. */
  readonly dimensions: Readonly<Record<string, string>>;
}
