// JSON Schemas for editors (yaml-language-server), generated from the zod schemas so they cannot
// drift: `npm run schema` writes them to schema/, and a test fails when the committed files are stale.
import { z } from "zod";
import { queryDefinitionSchema } from "./query-schema.js";
import { configSchema } from "./schema.js";

/** io "input": what a person writes (durations as strings, defaults optional), not what the code reads. */
function toJsonSchema(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }), null, 2)}\n`;
}

/** File name in schema/ → its content. */
export function jsonSchemaFiles(): Record<string, string> {
  return {
    "config.schema.json": toJsonSchema(configSchema),
    "query.schema.json": toJsonSchema(queryDefinitionSchema),
  };
}
