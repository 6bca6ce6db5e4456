// The query-definition file (queries/*.yaml): a Logs Insights query and how its rows become datums.
import { z } from "zod";
import { metricMappingSchema } from "../metrics/mapping.js";

export const queryDefinitionSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and hyphens, e.g. postfix-smtp-status")
      .describe("Identifier of the query; part of the state key"),
    description: z.string().default("").describe("What the query counts, for people"),
    query: z.string().min(1).max(10_000).describe("The Logs Insights query string (at most 10,000 characters, as StartQuery allows)"),
    metric: metricMappingSchema,
  })
  .describe("A mail-metrics query definition");

export type QueryDefinition = z.output<typeof queryDefinitionSchema>;
