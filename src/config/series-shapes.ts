// What the metric names and dimension values of a query can be, as shapes (insights/string-shape.ts):
// literal text, and for each `{field}` what the query can put in it (insights/field-shapes.ts),
// renamed by a dimension's value table when it has one. Used to keep two queries from publishing
// into one series (rules/one-series-per-metric.ts) and to find the query behind a metric (explain).
import { CharSet } from "../insights/analysis/char-set.js";
import { ANY, concat, literal, run, union, type Shape } from "../insights/analysis/string-shape.js";
import { tableValues } from "../metrics/dimension-values.js";
import { NAME_MAX, VALUE_MAX, sanitise } from "../metrics/sanitise.js";
import { isStatic } from "../metrics/template.js";
import type { MetricMapping } from "../metrics/mapping.js";

/** The datums one template or zero-fill name of a query can make. */
export interface SeriesShape {
  /** Where it comes from, as the user wrote it: `metric.name "{metric}"`, `zeroFill "550-5_7_26"`. */
  readonly origin: string;
  readonly name: Shape;
  readonly dimensions: ReadonlyMap<string, Shape>;
}

/** Undefined when the compiler did not say what its fields hold (a test's stand-in). */
export function seriesShapes(mapping: MetricMapping, fields: ReadonlyMap<string, Shape> | undefined): SeriesShape[] | undefined {
  if (fields === undefined) return undefined;
  const { name, dimensions, zeroFill } = mapping;
  const tables = mapping.dimensionValues ?? {};
  const templated: SeriesShape = {
    origin: `metric.name "${name}"`,
    name: published(templateShape(name, fields)),
    dimensions: new Map(Object.keys(dimensions).map((key) => [key, dimensionValueShape(mapping, key, fields)])),
  };
  // A zero carries the static dimensions and every value of a bounded table, each sanitised as
  // to-datums.ts publishes them ("é" goes out as "%C3%A9").
  const zeroValue = (value: string) => literal(sanitise(value, VALUE_MAX) ?? value);
  const zeroDimensions = new Map(
    Object.entries(dimensions).map(([key, template]): [string, Shape] => [
      key,
      isStatic(template) ? zeroValue(template) : union(...(tableValues(tables[key]) ?? []).map(zeroValue)),
    ]),
  );
  return [
    templated,
    ...zeroFill.map(
      (fill): SeriesShape => ({
        origin: `zeroFill "${fill}"`,
        name: literal(sanitise(fill, NAME_MAX) ?? fill),
        dimensions: zeroDimensions,
      }),
    ),
  ];
}

/** What a dimension of the mapping can publish: a templated one through its value table, as sanitised. */
export function dimensionValueShape(mapping: MetricMapping, dimension: string, fields: ReadonlyMap<string, Shape>): Shape {
  const table = mapping.dimensionValues?.[dimension];
  return published(dimensionShape(mapping.dimensions[dimension] ?? "", tableValues(table), table?.map, fields));
}

/** A dimension's values: the table's when it bounds them, else the template's, plus what the map renames to. */
function dimensionShape(
  template: string,
  bounded: string[] | undefined,
  map: Readonly<Record<string, string>> | undefined,
  fields: ReadonlyMap<string, Shape>,
): Shape {
  if (bounded !== undefined) return union(...bounded.map(literal));
  const filled = templateShape(template, fields);
  return map === undefined ? filled : union(filled, ...Object.values(map).map(literal));
}

/** Literal text and `{field}` placeholders, split as fillTemplate (metrics/template.ts) fills them. */
export function templateShape(template: string, fields: ReadonlyMap<string, Shape>): Shape {
  return concat(...template.split(/\{([^{}]+)\}/).map((part, index) => (index % 2 === 0 ? literal(part) : (fields.get(part) ?? ANY))));
}

/**
 * Printable ASCII passes sanitise (metrics/sanitise.ts) as it is, cut to its length limit, which
 * overlap() applies. Anything else is encoded: it may then become any printable ASCII text.
 */
export function published(shape: Shape): Shape {
  return shape.flat().every((r) => r.chars.isPrintableAscii()) ? shape : run(CharSet.range(0x20, 0x7e), 1, Infinity);
}
