// Which query of a config publishes a metric: the one whose name template, zero-fill names and
// dimensions can produce that name and those dimension values (series-shapes.ts). Two queries
// cannot publish one series (rules/one-series-per-metric.ts), so with every dimension given at
// most one matches; with some left out, several may, and the user picks.
import { UsageError } from "../errors.js";
import { overlap } from "../insights/analysis/shape-overlap.js";
import { literal } from "../insights/analysis/string-shape.js";
import { NAME_MAX, VALUE_MAX } from "../metrics/sanitise.js";
import { isStatic } from "../metrics/template.js";
import type { LoadedConfig, ResolvedQuery } from "./resolved.js";
import { seriesShapes, type SeriesShape } from "./series-shapes.js";

export interface MetricSelector {
  readonly metric: string;
  /** Dimensions given on the command line (--dimension Name=Value). */
  readonly dimensions: Readonly<Record<string, string>>;
  /** --query NAME, to pick among several. */
  readonly query?: string;
}

export interface Publisher {
  readonly query: ResolvedQuery;
  /** Every dimension whose value is known: given, or static in the mapping. */
  readonly dimensions: Readonly<Record<string, string>>;
  /** Dimensions with a placeholder that were not given: explain covers all their values. */
  readonly open: readonly string[];
}

export function findPublisher(loaded: LoadedConfig, selector: MetricSelector): Publisher {
  const candidates = selector.query === undefined ? loaded.queries : loaded.queries.filter((query) => query.name === selector.query);
  if (candidates.length === 0) {
    throw new UsageError(
      `--query ${selector.query}: the config has no such query; it has ${loaded.queries.map((query) => query.name).join(", ")}`,
    );
  }
  const verdicts = candidates.map((query) => ({ query, why: whyNot(query, selector) }));
  const matches = verdicts.filter((verdict) => verdict.why === null).map((verdict) => verdict.query);
  if (matches.length === 1) return publisher(matches[0]!, selector);
  if (matches.length === 0) {
    const reasons = verdicts.map(({ query, why }) => `${query.name} (${query.displayFile}): ${why}`).join("; ");
    throw new UsageError(`no query of ${loaded.path} publishes ${describe(selector)}: ${reasons}`);
  }
  const names = matches
    .map((query) => `${query.name} (dimensions: ${Object.keys(query.mapping.dimensions).join(", ") || "none"})`)
    .join(" and ");
  throw new UsageError(
    `${describe(selector)} can come from ${names}; pick one with --query ${matches[0]!.name}, or give the dimensions that tell them apart with --dimension Name=Value`,
  );
}

/** Why the query cannot publish the selected series, or null when it can. */
function whyNot(query: ResolvedQuery, selector: MetricSelector): string | null {
  const dimensions = query.mapping.dimensions;
  const unknown = Object.keys(selector.dimensions).find((name) => !(name in dimensions));
  if (unknown !== undefined) return `it has no dimension ${unknown} (it has: ${Object.keys(dimensions).join(", ") || "none"})`;
  const shapes = seriesShapes(query.mapping, query.compiled.fieldShapes);
  if (shapes === undefined) return "its compiler does not say what its fields hold";
  const fits = shapes.filter((series) => overlap(literal(selector.metric), series.name, NAME_MAX) !== undefined);
  if (fits.length === 0) return `its metric names (${query.mapping.name}) cannot be "${selector.metric}"`;
  const wrong = Object.entries(selector.dimensions).find(([name, value]) => fits.every((series) => !valueFits(series, name, value)));
  return wrong === undefined ? null : `its dimension ${wrong[0]} (${dimensions[wrong[0]]}) cannot be "${wrong[1]}"`;
}

function valueFits(series: SeriesShape, name: string, value: string): boolean {
  const shape = series.dimensions.get(name);
  return shape !== undefined && overlap(literal(value), shape, VALUE_MAX) !== undefined;
}

function publisher(query: ResolvedQuery, selector: MetricSelector): Publisher {
  const dimensions: Record<string, string> = {};
  const open: string[] = [];
  for (const [name, template] of Object.entries(query.mapping.dimensions)) {
    const given = selector.dimensions[name];
    if (given !== undefined) dimensions[name] = given;
    else if (isStatic(template)) dimensions[name] = template;
    else open.push(name);
  }
  return { query, dimensions, open };
}

function describe(selector: MetricSelector): string {
  const dimensions = Object.entries(selector.dimensions).map(([name, value]) => `${name}=${value}`);
  return dimensions.length === 0 ? selector.metric : `${selector.metric} with ${dimensions.join(", ")}`;
}
