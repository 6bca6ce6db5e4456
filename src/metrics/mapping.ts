// The metric mapping of a query definition (its `metric:` key): how each result row becomes one
// datum. Its schema is the mapping's part of queries/*.yaml (config/query-schema.ts holds the rest).
import { z } from "zod";
import { UNITS } from "./datum.js";
import { placeholders } from "./template.js";

const TEMPLATE_HELP = "a template: literal text with {field} placeholders filled from each result row";

export const metricMappingSchema = z
  .strictObject({
    name: z.string().min(1).describe(`Metric name, ${TEMPLATE_HELP}, e.g. "{metric}"`),
    value: z.string().min(1).describe("Result field holding the datum's value (a number)"),
    timestamp: z.string().min(1).describe("Result field holding the bin start, e.g. the alias of bin(5m)"),
    unit: z.enum(UNITS).default("Count").describe("CloudWatch unit of every datum"),
    dimensions: z
      .record(z.string().min(1), z.string().min(1))
      .default({})
      .describe(`Dimension name to value; each value is ${TEMPLATE_HELP} (no placeholder = a static value)`),
    zeroFill: z
      .array(z.string().min(1))
      .default([])
      .describe("Metric names published as 0 for every bin of a queried window where they did not occur"),
  })
  .describe("How each result row becomes one metric datum");

export type MetricMapping = z.output<typeof metricMappingSchema>;

/** The result-row fields a mapping reads: its value, its timestamp and the placeholders of its name and dimension templates. */
export function fieldsRead(mapping: MetricMapping): Set<string> {
  return new Set([
    mapping.value,
    mapping.timestamp,
    ...placeholders(mapping.name),
    ...Object.values(mapping.dimensions).flatMap(placeholders),
  ]);
}
