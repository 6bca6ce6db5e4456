// Named rules about a metric mapping against the query it maps. They return problems relative to
// the mapping (`value`, `dimensions.Relay`); the caller frames them for a query file or a config.
import type { CompiledQuery, StatsOutput } from "../../insights/types.js";
import { tableValues } from "../../metrics/dimension-values.js";
import { isStatic, placeholders } from "../../metrics/template.js";
import { didYouMean } from "../closest.js";
import type { MetricMapping } from "../../metrics/mapping.js";
import type { KeyPath } from "../yaml-source.js";

export interface MappingProblem {
  /** Key path inside `metric`, e.g. ["value"] or ["dimensions", "Relay"]. */
  readonly key: KeyPath;
  readonly message: string;
}

/** PutMetricData allows 30 dimensions per metric (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html; docs/cloudwatch-facts.md#metric-names). */
const MAX_DIMENSIONS = 30;

/** Every field the mapping reads must be a field the query's rows carry (when the query fixes them). */
export function mappingFieldsProduced(mapping: MetricMapping, compiled: CompiledQuery): MappingProblem[] {
  const produced = compiled.outputFields;
  if (produced === null) return [];
  const uses: [KeyPath, string][] = [
    [["value"], mapping.value],
    [["timestamp"], mapping.timestamp],
    ...placeholders(mapping.name).map((field): [KeyPath, string] => [["name"], field]),
    ...Object.entries(mapping.dimensions).flatMap(([dimension, template]) =>
      placeholders(template).map((field): [KeyPath, string] => [["dimensions", dimension], field]),
    ),
  ];
  return uses
    .filter(([, field]) => !produced.includes(field))
    .map(([key, field]) => ({
      key,
      message: `field "${field}" is not produced by the query (it produces: ${produced.join(", ")})${didYouMean(field, produced)}`,
    }));
}

/**
 * A datum's timestamp must be a time and its value an aggregate of the last stats: a `by` group or
 * a count as the timestamp, or a group as the value, fails on every row at run time. A field a
 * command after the stats assigns is not judged (mappingFieldsProduced checks that it exists).
 */
export function timestampAndValueFitStats(mapping: MetricMapping, compiled: CompiledQuery): MappingProblem[] {
  const outputs = compiled.statsOutputs ?? [];
  const named = (name: string) => outputs.find((output) => output.name === name);
  const list = (role: StatsOutput["role"]) => outputs.filter((output) => output.role === role).map((output) => output.name);
  const problems: MappingProblem[] = [];
  const timestamp = named(mapping.timestamp);
  if (timestamp !== undefined && !timestamp.time) {
    const bins = list("bin");
    problems.push({
      key: ["timestamp"],
      message:
        `field "${timestamp.name}" is ${timestamp.role === "group" ? "a `by` group" : "an aggregate"} of the last stats, not a time; ` +
        (bins.length > 0 ? `use its bin() output: ${bins.join(" or ")}` : "group the last stats by bin(5m) as binStart and use binStart"),
    });
  }
  const value = named(mapping.value);
  if (value !== undefined && value.role !== "aggregate") {
    const aggregates = list("aggregate");
    problems.push({
      key: ["value"],
      message:
        `field "${value.name}" is ${value.role === "bin" ? "the bin() time" : "a `by` group"} of the last stats, not an ` +
        `aggregate; use ${aggregates.length > 0 ? aggregates.join(" or ") : "an aggregate such as count(*) as n"}`,
    });
  }
  return problems;
}

/**
 * The bin time (a bin() of the stats, or whatever metric.timestamp reads) in the metric name or a
 * dimension would make every bin publish a new metric: each one billed as a custom metric, none an
 * alarm or dashboard can follow. The datum's time is metric.timestamp's already.
 */
export function noBinInSeries(mapping: MetricMapping, compiled: CompiledQuery): MappingProblem[] {
  const bins = new Set([
    mapping.timestamp,
    ...(compiled.statsOutputs ?? []).filter((output) => output.role === "bin").map((output) => output.name),
  ]);
  const templates: [KeyPath, string][] = [
    [["name"], mapping.name],
    ...Object.entries(mapping.dimensions).map(([dimension, template]): [KeyPath, string] => [["dimensions", dimension], template]),
  ];
  return templates.flatMap(([key, template]) =>
    placeholders(template)
      .filter((field) => bins.has(field))
      .map((field) => ({
        key,
        message:
          `{${field}} is the bin time: every bin would publish a new metric (each billed, none an alarm can follow); ` +
          `each datum carries it as its time already (metric.timestamp), so remove {${field}} here`,
      })),
  );
}

/**
 * Zero-filled datums have no row to fill a template from: their dimensions are the static ones, and
 * every value of a dimension whose table bounds its values (one with a default); and they need the
 * bins of a bin() to fill.
 */
export function zeroFillIsStatic(mapping: MetricMapping, compiled: CompiledQuery): MappingProblem[] {
  if (mapping.zeroFill.length === 0) return [];
  const problems: MappingProblem[] = Object.entries(mapping.dimensions)
    .filter(([dimension, template]) => !isStatic(template) && tableValues(mapping.dimensionValues?.[dimension]) === undefined)
    .map(([dimension, template]) => ({
      key: ["dimensions", dimension],
      message:
        `"${template}" has a placeholder, but zeroFill (${mapping.zeroFill.join(", ")}) needs dimensions whose values are known without a row: ` +
        `make the dimension static, give it a value table with a default (dimensionValues: { ${dimension}: { map: {…}, default: other } }), or set zeroFill: []`,
    }));
  if (compiled.binPeriods.length === 0) {
    problems.push({ key: ["zeroFill"], message: "zeroFill needs a query that groups by bin(...), e.g. stats count(*) by metric, bin(5m)" });
  }
  return problems;
}

/**
 * A value table that sends two values to one (a default does, for every value it does not name)
 * adds up the rows it merges (metrics/add-up-mapped.ts): right for a count or a sum, wrong for an
 * average, a minimum or a percentile.
 */
export function valueTablesAddUp(mapping: MetricMapping, compiled: CompiledQuery): MappingProblem[] {
  const tables = Object.keys(mapping.dimensionValues ?? {}).filter((dimension) => !isStatic(mapping.dimensions[dimension] ?? ""));
  const value = compiled.statsOutputs?.find((output) => output.name === mapping.value);
  if (tables.length === 0 || value === undefined || value.role !== "aggregate" || value.additive === true) return [];
  return [
    {
      key: ["dimensionValues", tables[0]!],
      message: `the table merges rows whose values it gives the same ${tables[0]}, adding up their "${mapping.value}"; that is right for count() or sum() only, so make metric.value one of those, or remove the table`,
    },
  ];
}

/** At most 30 dimensions, names 1–255 printable ASCII, not starting with ':' (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Dimension.html; docs/cloudwatch-facts.md#metric-names). */
export function dimensionsWithinLimits(mapping: MetricMapping): MappingProblem[] {
  const names = Object.keys(mapping.dimensions);
  const problems: MappingProblem[] = names
    .filter((name) => !/^[\x21-\x39\x3b-\x7e][\x20-\x7e]{0,254}$/.test(name))
    .map((name) => ({
      key: ["dimensions", name],
      message: `dimension name "${name}" is invalid; use 1-255 printable ASCII characters, not starting with ':' or a space`,
    }));
  if (names.length > MAX_DIMENSIONS) {
    problems.push({ key: ["dimensions"], message: `${names.length} dimensions; CloudWatch allows at most ${MAX_DIMENSIONS} per metric` });
  }
  return problems;
}

/** All mapping rules, in reporting order. */
export function checkMapping(mapping: MetricMapping, compiled: CompiledQuery): MappingProblem[] {
  return [
    ...mappingFieldsProduced(mapping, compiled),
    ...timestampAndValueFitStats(mapping, compiled),
    ...noBinInSeries(mapping, compiled),
    ...zeroFillIsStatic(mapping, compiled),
    ...valueTablesAddUp(mapping, compiled),
    ...dimensionsWithinLimits(mapping),
  ];
}
