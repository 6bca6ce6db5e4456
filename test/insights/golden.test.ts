// One test per golden case file under cases/<group>/<name>.yaml (format: golden-case.ts).
import { readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { QuerySyntaxError } from "../../src/insights/errors.js";
import { compileQuery } from "../../src/insights/compile.js";
import { messagePassesPrefilter } from "../../src/insights/prefilter/prefilter.js";
import { readCase, type GoldenCase } from "./golden-case.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "cases");
const files = readdirSync(root, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".yaml"))
  .sort();

function run(c: GoldenCase, usePrefilter = false) {
  const query = compileQuery(c.query);
  const execution = query.start(c.limit === undefined ? undefined : { limit: c.limit });
  for (const event of c.records) {
    if (usePrefilter && query.prefilter !== null && !messagePassesPrefilter(query.prefilter, event.message)) continue;
    execution.push(event);
  }
  return { query, output: execution.finish() };
}

function runToTable(c: GoldenCase) {
  const execution = compileQuery(c.query).start(c.limit === undefined ? undefined : { limit: c.limit });
  for (const event of c.records) execution.push(event);
  return execution.finishTable().rows;
}

function syntaxError(c: GoldenCase): unknown {
  try {
    run(c);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe(compileQuery.name, () => {
  it("has golden cases", () => expect(files.length).toBeGreaterThanOrEqual(100));

  it.each(files)("%s", (file) => {
    const c = readCase(join(root, file));
    if (c.error !== undefined) {
      const error = syntaxError(c);
      expect(error, `${relative(root, file)} should fail`).toBeInstanceOf(QuerySyntaxError);
      const { code, line, column } = error as QuerySyntaxError;
      expect({ code, line, column }).toEqual(c.error);
      return;
    }
    const { query, output } = run(c);
    expect(output.rows.map((row) => row.map((f) => [f.field, f.value]))).toEqual(c.result);
    if (c.matched !== undefined) expect(output.recordsMatched).toBe(c.matched);
    if (c.scanned !== undefined) expect(output.recordsScanned).toBe(c.scanned);
    if (c.outputFields !== undefined) expect(query.outputFields).toEqual(c.outputFields);
    if (c.binPeriods !== undefined) expect(query.binPeriods).toEqual(c.binPeriods);
    // Skipping the events the prefilter rejects never changes the result.
    if (query.prefilter !== null) expect(run(c, true).output.rows).toEqual(output.rows);
    // finishTable builds each row when it is read: in any order, as often as asked, the same rows.
    const table = runToTable(c);
    const backwards = Array.from({ length: table.length }, (_, i) => table.at(table.length - 1 - i)).reverse();
    expect(backwards).toEqual(output.rows);
    expect(Array.from({ length: table.length }, (_, i) => table.at(i))).toEqual(output.rows);
    expect(table.at(table.length)).toBeUndefined();
    expect(table.at(-1)).toBeUndefined();
  });
});
