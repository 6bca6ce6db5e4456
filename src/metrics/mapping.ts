// The metric mapping of a query definition (its `metric:` key): how each result row becomes one
// datum. Its schema is the mapping's part of queries/*.yaml (config/query-schema.ts holds the rest).
import { z } from "zod";
import { UNITS } from "./datum.js";
import { placeholders } from "./template.js";

const TEMPLATE_HELP = "a template: literal text with {field} placeholders filled from each result row";

/** Text published as a metric name or dimension value: CloudWatch takes none without a non-white-space character. */
const nonBlank = (message: string) => z.string().regex(/\S/, message);

/** A value a table publishes. */
const publishedValue = nonBlank("a dimension value that is empty or only white space cannot be published; write the value, e.g. other");

/**
 * A dimension's values renamed on our side: Logs Insights has no lookup or conditional function
 * (CWL_QuerySyntax-operations-functions lists none), so a table such as relay domain → provider
 * cannot be written in the query.
 */
export const dimensionValueTableSchema = z
  .strictObject({
    map: z
      .record(z.string().min(1), publishedValue)
      .describe("The value the template fills → the value published, e.g. { google.com: Google }"),
    default: publishedValue
      .optional()
      .describe("Published for a value the map does not name (e.g. other); without it such a value is published as it is"),
  })
  .describe("A table renaming one dimension's values; rows that then give the same datum are added up");

export const dimensionValuesSchema = z
  .record(z.string().min(1), dimensionValueTableSchema)
  .describe("Per dimension name, a table renaming its values (applied to the filled template, before publishing)");

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
      .array(
        nonBlank("a zeroFill name that is empty or only white space would publish a blank metric name; write the name, e.g. 550-5_7_26"),
      )
      .default([])
      .describe("Metric names published as 0 for every bin of a queried window where they did not occur"),
    // Optional, not defaulted: a mapping without it keeps the shape (and the state identity) it had.
    dimensionValues: dimensionValuesSchema.optional(),
  })
  .describe("How each result row becomes one metric datum");

export type MetricMapping = z.output<typeof metricMappingSchema>;
export type DimensionValueTable = z.output<typeof dimensionValueTableSchema>;

/** The result-row fields a mapping reads: its value, its timestamp and the placeholders of its name and dimension templates. */
export function fieldsRead(mapping: MetricMapping): Set<string> {
  return new Set([
    mapping.value,
    mapping.timestamp,
    ...placeholders(mapping.name),
    ...Object.values(mapping.dimensions).flatMap(placeholders),
  ]);
}
