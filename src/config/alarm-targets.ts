// What each `alarms.metrics` entry watches: the metric name, the one series (dimensions) and the
// query that publishes it, worked out from the queries' name templates and the strings their fields
// can hold (insights/field-shapes.ts), as the one-series rule does. A name no query can publish, or
// a series no query writes, is an issue: such an alarm would watch nothing and never fire.
import { literal, type Shape } from "../insights/analysis/string-shape.js";
import { overlap } from "../insights/analysis/shape-overlap.js";
import { HEARTBEAT_DIMENSION, HEARTBEAT_NAMES } from "../metrics/heartbeat-names.js";
import { NAME_MAX, VALUE_MAX } from "../metrics/sanitise.js";
import { isStatic } from "../metrics/template.js";
import type { AlarmEntry } from "./alarms-schema.js";
import { closest } from "./closest.js";
import type { ResolvedQuery } from "./resolved.js";
import { dimensionValueShape, published, templateShape } from "./series-shapes.js";
import type { Config } from "./schema.js";

export interface AlarmTarget {
  /** Position in `alarms.metrics`. */
  readonly index: number;
  readonly entry: AlarmEntry;
  /** The alarm's name after the prefix. */
  readonly suffix: string;
  readonly metricName: string;
  /** The series; a heartbeat's Config value is the config's name, filled in by whoever knows it. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** The query that publishes it, or undefined for the tool's own heartbeat metrics. */
  readonly query: ResolvedQuery | undefined;
  /** Whether the metric name alone leaves more than one series of this config to choose from. */
  readonly nameIsAmbiguous: boolean;
}

export interface TargetIssue {
  readonly index: number;
  /** Key under `alarms.metrics[index]`. */
  readonly key: "metric" | "query" | "dimensions";
  readonly message: string;
}

export interface AlarmTargets {
  readonly targets: readonly AlarmTarget[];
  readonly issues: readonly TargetIssue[];
}

type Found = { readonly targets: AlarmTarget[] } | { readonly issue: Omit<TargetIssue, "index"> };

export function alarmTargets(config: Config, queries: readonly ResolvedQuery[]): AlarmTargets {
  const targets: AlarmTarget[] = [];
  const issues: TargetIssue[] = [];
  for (const [index, entry] of (config.alarms?.metrics ?? []).entries()) {
    const found = entry.metric !== undefined ? metricTarget(entry.metric, entry, queries) : queryTargets(entry.query!, entry, queries);
    if ("issue" in found) issues.push({ index, ...found.issue });
    else targets.push(...found.targets.map((target) => ({ ...target, index })));
  }
  return { targets, issues };
}

function metricTarget(metric: string, entry: AlarmEntry, queries: readonly ResolvedQuery[]): Found {
  if (HEARTBEAT_NAMES.includes(metric)) return heartbeatTarget(metric, entry);
  const producers = queries.filter((query) => canName(query, metric));
  if (producers.length === 0) return { issue: { key: "metric", message: unknownMetric(metric, queries) } };
  const wanted = entry.dimensions;
  const fitting = wanted === undefined ? producers : producers.filter((query) => seriesProblem(query, wanted) === undefined);
  if (fitting.length === 0) return { issue: { key: "dimensions", message: seriesProblem(producers[0]!, wanted!)! } };
  if (fitting.length > 1) return { issue: { key: "metric", message: ambiguous(metric, fitting) } };
  const query = fitting[0]!;
  const dimensions = wanted ?? staticDimensions(query);
  if (dimensions === undefined) return { issue: { key: "metric", message: oneSeriesWanted(metric, query) } };
  const nameIsAmbiguous = producers.length > 1 || !Object.values(query.mapping.dimensions).every(isStatic);
  return { targets: [{ index: 0, entry, suffix: entry.name ?? metric, metricName: metric, dimensions, query, nameIsAmbiguous }] };
}

function heartbeatTarget(metric: string, entry: AlarmEntry): Found {
  const keys = Object.keys(entry.dimensions ?? { [HEARTBEAT_DIMENSION]: "" });
  if (keys.length !== 1 || keys[0] !== HEARTBEAT_DIMENSION) {
    return {
      issue: {
        key: "dimensions",
        message: `${metric} is published with the one dimension ${HEARTBEAT_DIMENSION} (the config's name); remove dimensions, or give only ${HEARTBEAT_DIMENSION}`,
      },
    };
  }
  const dimensions = entry.dimensions ?? {};
  return {
    targets: [{ index: 0, entry, suffix: entry.name ?? metric, metricName: metric, dimensions, query: undefined, nameIsAmbiguous: false }],
  };
}

function queryTargets(name: string, entry: AlarmEntry, queries: readonly ResolvedQuery[]): Found {
  const query = queries.find((candidate) => candidate.name === name);
  if (query === undefined) {
    const hint = closest(
      name,
      queries.map((q) => q.name),
    );
    const names = queries.map((q) => q.name).join(", ");
    return {
      issue: {
        key: "query",
        message: `no query of this config is named "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; use one of: ${names}`,
      },
    };
  }
  const { zeroFill, dimensions } = query.mapping;
  if (zeroFill.length === 0) {
    return {
      issue: {
        key: "query",
        message: `${name} has no zeroFill names, so its metric names are known only from the log; list them under its zeroFill, or alarm on metric: NAME`,
      },
    };
  }
  // A mapping with zeroFill has static dimensions only (config/rules/mapping-rules.ts).
  const series = entry.dimensions ?? dimensions;
  const problem = seriesProblem(query, series);
  if (problem !== undefined) return { issue: { key: "dimensions", message: problem } };
  return {
    targets: zeroFill.map((metric) => ({
      index: 0,
      entry,
      suffix: metric,
      metricName: metric,
      dimensions: series,
      query,
      nameIsAmbiguous: false,
    })),
  };
}

/** A zero-fill name, or a name its template can produce from what the query's fields can hold. */
function canName(query: ResolvedQuery, metric: string): boolean {
  if (query.mapping.zeroFill.includes(metric)) return true;
  const fields = query.compiled.fieldShapes;
  if (fields === undefined) return true;
  return overlap(published(templateShape(query.mapping.name, fields)), literal(metric), NAME_MAX) !== undefined;
}

function canHold(query: ResolvedQuery, dimension: string, value: string): boolean {
  const template = query.mapping.dimensions[dimension]!;
  if (isStatic(template)) return template === value;
  const fields = query.compiled.fieldShapes;
  if (fields === undefined) return true;
  // Through the dimension's value table, when it has one (Provider: Google, …, other).
  const shape: Shape = dimensionValueShape(query.mapping, dimension, fields);
  return overlap(shape, literal(value), VALUE_MAX) !== undefined;
}

/** Why `wanted` is not a series the query writes, or undefined when it is. */
function seriesProblem(query: ResolvedQuery, wanted: Readonly<Record<string, string>>): string | undefined {
  const own = query.mapping.dimensions;
  const keys = Object.keys(own).sort();
  const given = Object.keys(wanted).sort();
  const where = `${query.name} (queries[${query.index}])`;
  if (keys.join("\0") !== given.join("\0")) {
    const shown = keys.length === 0 ? "no dimensions" : `the dimensions ${keys.join(", ")}`;
    return `${where} publishes with ${shown}, so an alarm on ${given.length === 0 ? "no dimensions" : given.join(", ")} would watch a series nobody writes; give exactly ${keys.length === 0 ? "none" : keys.join(", ")}`;
  }
  const wrong = keys.find((key) => !canHold(query, key, wanted[key]!));
  if (wrong === undefined) return undefined;
  return `${where} never writes ${wrong}=${JSON.stringify(wanted[wrong])} (its ${wrong} is ${JSON.stringify(own[wrong])}); use a value it publishes`;
}

/** The query's dimensions when all are static, else undefined (its rows decide them). */
function staticDimensions(query: ResolvedQuery): Record<string, string> | undefined {
  const dimensions = query.mapping.dimensions;
  return Object.values(dimensions).every(isStatic) ? { ...dimensions } : undefined;
}

function oneSeriesWanted(metric: string, query: ResolvedQuery): string {
  const dims = Object.entries(query.mapping.dimensions).map(([key, value]) => `${key}: ${isStatic(value) ? value : `<a ${value} value>`}`);
  return (
    `${query.name} (queries[${query.index}]) publishes ${metric} once per ${Object.keys(query.mapping.dimensions).join(", ")} taken from its rows, ` +
    `and an alarm watches one series; alarm on metric: ${metric} with dimensions: { ${dims.join(", ")} }`
  );
}

function ambiguous(metric: string, queries: readonly ResolvedQuery[]): string {
  const list = queries.map(
    (query) =>
      `${query.name} (${
        Object.entries(query.mapping.dimensions)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ") || "no dimensions"
      })`,
  );
  return `${metric} can be published by ${list.join(" and ")}; pick one series with dimensions:`;
}

function unknownMetric(metric: string, queries: readonly ResolvedQuery[]): string {
  const known = [...queries.flatMap((query) => query.mapping.zeroFill), ...HEARTBEAT_NAMES];
  const hint = closest(metric, known);
  const names = queries.map((query) => `${query.name} names its metrics "${query.mapping.name}"`).join(", ");
  return `no query of this config can publish a metric named "${metric}"${hint ? ` (did you mean "${hint}"?)` : ""}: ${names}; see what a run publishes with mail-metrics run --dry-run`;
}
