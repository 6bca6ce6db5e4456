// Values, timestamps, units and resolution of one MetricDatum, per the MetricDatum reference:
// values finite within ±2^360; Value, StatisticValues and Values are exclusive; ≤ 150 Values with
// Counts of the same length; timestamps ≤ 2 weeks old and ≤ 2 hours ahead; StorageResolution 1 | 60;
// Unit from the StandardUnit enum.
import { UNITS } from "../../src/metrics/datum.js";
import {
  invalid,
  missing,
  optionalArray,
  optionalNumber,
  optionalObject,
  optionalString,
  requiredNumber,
  toNumber,
  type Input,
} from "./input.js";
import type { StatisticSet } from "./records.js";
import { ServiceError } from "./service-error.js";

const HOUR = 3_600_000;
const MAX_AGE_MS = 14 * 24 * HOUR;
const MAX_AHEAD_MS = 2 * HOUR;
const MAX_MAGNITUDE = 2 ** 360;
export const MAX_VALUES = 150;

export interface DatumValues {
  readonly value: number | undefined;
  readonly values: number[] | undefined;
  readonly counts: number[] | undefined;
  readonly statisticValues: StatisticSet | undefined;
}

/** Epoch ms of the datum's Timestamp (sent as epoch seconds), or `now` when absent. */
export function readTimestamp(datum: Input, path: string, now: number): number {
  const seconds = optionalNumber("cloudwatch", datum, "Timestamp", `${path}.Timestamp`);
  if (seconds === undefined) return now;
  const ms = Math.round(seconds * 1000);
  if (!Number.isFinite(ms) || ms < now - MAX_AGE_MS || ms > now + MAX_AHEAD_MS) {
    const shown = Number.isFinite(ms) ? new Date(ms).toISOString() : seconds;
    throw invalid("cloudwatch", `${path}.Timestamp`, shown, "must be within the past two weeks and at most two hours in the future");
  }
  return ms;
}

export function readValues(datum: Input, path: string): DatumValues {
  const value = optionalNumber("cloudwatch", datum, "Value", `${path}.Value`);
  const set = optionalObject("cloudwatch", datum, "StatisticValues", `${path}.StatisticValues`);
  const values = numberList(datum, "Values", path);
  const counts = numberList(datum, "Counts", path);
  const given = [value !== undefined && "Value", set !== undefined && "StatisticValues", values !== undefined && "Values"].filter(Boolean);
  if (given.length > 1) {
    throw new ServiceError(
      "InvalidParameterCombinationException",
      `The parameters ${given.map((g) => `${path}.${g}`).join(" and ")} are mutually exclusive and you have specified more than one.`,
    );
  }
  if (given.length === 0) throw missing("cloudwatch", `${path}.Value`);
  if (value !== undefined) checkValue(value, `${path}.Value`);
  values?.forEach((v, i) => checkValue(v, `${path}.Values.member.${i + 1}`));
  if (values !== undefined) checkCounts(values, counts, path);
  else if (counts !== undefined) throw new ServiceError("InvalidParameterCombinationException", `${path}.Counts requires ${path}.Values.`);
  const statisticValues = set === undefined ? undefined : readStatisticSet(set, `${path}.StatisticValues`);
  return { value, values, counts, statisticValues };
}

function checkCounts(values: number[], counts: number[] | undefined, path: string): void {
  if (values.length > MAX_VALUES) throw invalid("cloudwatch", `${path}.Values`, `${values.length} values`, `at most ${MAX_VALUES}`);
  if (counts === undefined) return;
  if (counts.length !== values.length) {
    throw new ServiceError("InvalidParameterCombinationException", `${path}.Values and ${path}.Counts must have the same length.`);
  }
  counts.forEach((count, i) => {
    if (!Number.isFinite(count) || count < 0)
      throw invalid("cloudwatch", `${path}.Counts.member.${i + 1}`, count, "must be a finite count ≥ 0");
  });
}

function readStatisticSet(set: Input, path: string): StatisticSet {
  const read = (key: string) => checkValue(requiredNumber("cloudwatch", set, key, `${path}.${key}`), `${path}.${key}`);
  const stats = { SampleCount: read("SampleCount"), Sum: read("Sum"), Minimum: read("Minimum"), Maximum: read("Maximum") };
  if (stats.SampleCount <= 0) throw invalid("cloudwatch", `${path}.SampleCount`, stats.SampleCount, "must be > 0");
  if (stats.Minimum > stats.Maximum) throw invalid("cloudwatch", `${path}.Minimum`, stats.Minimum, "must not exceed Maximum");
  return stats;
}

function checkValue(value: number, path: string): number {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
    throw invalid("cloudwatch", path, String(value), "must be a finite number within -2^360 to 2^360");
  }
  return value;
}

function numberList(datum: Input, key: string, path: string): number[] | undefined {
  const list = optionalArray("cloudwatch", datum, key, `${path}.${key}`);
  return list?.map((item, i) => toNumber("cloudwatch", item, `${path}.${key}.member.${i + 1}`));
}

export function readUnit(datum: Input, path: string): string {
  const unit = optionalString("cloudwatch", datum, "Unit", `${path}.Unit`) ?? "None";
  if (!(UNITS as readonly string[]).includes(unit)) throw invalid("cloudwatch", `${path}.Unit`, unit, `must be one of ${UNITS.join(", ")}`);
  return unit;
}

export function readResolution(datum: Input, path: string): 1 | 60 {
  const resolution = optionalNumber("cloudwatch", datum, "StorageResolution", `${path}.StorageResolution`) ?? 60;
  if (resolution !== 1 && resolution !== 60) throw invalid("cloudwatch", `${path}.StorageResolution`, resolution, "must be 1 or 60");
  return resolution;
}
