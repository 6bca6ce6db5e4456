import type { MetricMapping } from "./query-schema.js";
import type { QueryRef } from "./schema.js";

/**
 * A config entry's overrides on a query's mapping: its dimensions are added (a name the query also
 * uses takes the config's value), its zeroFill list replaces the query's, its value tables replace
 * the query's per dimension. A value table is kept only for a dimension the mapping has: a query
 * may ship one for a dimension a config adds (postfix-smtp-status's Provider), and a mapping
 * without it keeps the shape, and so the state identity, it had before tables existed.
 */
export function mergeMapping(mapping: MetricMapping, ref: QueryRef): MetricMapping {
  const dimensions = { ...mapping.dimensions, ...ref.dimensions };
  const tables = Object.entries({ ...mapping.dimensionValues, ...ref.dimensionValues }).filter(([name]) => name in dimensions);
  const { dimensionValues: _dropped, ...rest } = mapping;
  return {
    ...rest,
    dimensions,
    zeroFill: ref.zeroFill ?? mapping.zeroFill,
    ...(tables.length === 0 ? {} : { dimensionValues: Object.fromEntries(tables) }),
  };
}
