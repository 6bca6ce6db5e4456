// A dimension's value tables (metric.dimensionValues): the filled template's value renamed before it
// is published, e.g. a relay domain to the provider behind it (google.com → Google, anything else →
// other), so that the number of series stays bounded.
import type { DimensionValueTable, MetricMapping } from "./mapping.js";
import { placeholders } from "./template.js";

/** The value published for `value`: the table's, its default, or the value itself. */
export function mappedValue(value: string, table: DimensionValueTable | undefined): string {
  if (table === undefined) return value;
  return Object.hasOwn(table.map, value) ? table.map[value]! : (table.default ?? value);
}

/** Every value a table can publish, when it has a default (so it publishes nothing else); else undefined. */
export function tableValues(table: DimensionValueTable | undefined): string[] | undefined {
  if (table?.default === undefined) return undefined;
  return [...new Set([...Object.values(table.map), table.default])].sort();
}

/**
 * Which filled values a table publishes as `published`: those the map names for it, and of the values
 * it does not name, all (its default is `published`), only `published` itself (it has no default and
 * does not name it), or none.
 */
export function valuesPublishedAs(
  published: string,
  table: DimensionValueTable,
): { readonly named: string[]; readonly others: "all" | "itself" | "none" } {
  const named = Object.keys(table.map).filter((key) => table.map[key] === published);
  if (table.default !== undefined) return { named, others: table.default === published ? "all" : "none" };
  return { named, others: Object.hasOwn(table.map, published) ? "none" : "itself" };
}

/** The result fields the mapping's tables read (placeholders of dimensions that have a table). */
export function fieldsUnderTables(mapping: MetricMapping): Set<string> {
  const tables = mapping.dimensionValues ?? {};
  return new Set(
    Object.entries(mapping.dimensions)
      .filter(([name]) => tables[name] !== undefined)
      .flatMap(([, template]) => placeholders(template)),
  );
}
