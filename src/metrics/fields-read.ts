// The result-row fields a metric mapping reads: its value, its timestamp and the placeholders of
// its name and dimension templates.
import type { MetricMapping } from "../config/query-schema.js";
import { placeholders } from "./template.js";

export function fieldsRead(mapping: MetricMapping): Set<string> {
  return new Set([
    mapping.value,
    mapping.timestamp,
    ...placeholders(mapping.name),
    ...Object.values(mapping.dimensions).flatMap(placeholders),
  ]);
}
