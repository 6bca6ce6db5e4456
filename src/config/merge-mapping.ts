import type { MetricMapping } from "../metrics/mapping.js";
import type { QueryRef } from "./schema.js";

/**
 * A config entry's overrides on a query's mapping: its dimensions are added (a name the query also
 * uses takes the config's value), its zeroFill list replaces the query's.
 */
export function mergeMapping(mapping: MetricMapping, ref: QueryRef): MetricMapping {
  return {
    ...mapping,
    dimensions: { ...mapping.dimensions, ...ref.dimensions },
    zeroFill: ref.zeroFill ?? mapping.zeroFill,
  };
}
