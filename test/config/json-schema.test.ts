import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemaFiles } from "../../src/config/json-schema.js";

describe(jsonSchemaFiles.name, () => {
  it.each(Object.entries(jsonSchemaFiles()))("schema/%s is up to date (run npm run schema)", (name, content) => {
    expect(readFileSync(new URL(`../../schema/${name}`, import.meta.url), "utf8")).toBe(content);
  });

  it("describes what a person writes: durations as strings, strict objects", () => {
    const config = JSON.parse(jsonSchemaFiles()["config.schema.json"]!);
    expect(config.properties.schedule.properties.period.type).toBe("string");
    expect(config.additionalProperties).toBe(false);
    expect(config.required).toEqual(["source", "sink", "queries"]);
  });
});
