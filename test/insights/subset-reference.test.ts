import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AGGREGATES } from "../../src/insights/library/aggregates.js";
import { FUNCTIONS } from "../../src/insights/library/functions.js";
import { OPERATORS } from "../../src/insights/library/operators.js";
import { COMMAND_PARSERS } from "../../src/insights/syntax/parse-commands.js";
import { subsetReference } from "../../src/insights/subset-reference.js";
import { INFIX_PRECEDENCE, WORD_OPERATORS } from "../../src/insights/syntax/tokens.js";

/** Required and total argument counts a usage such as `substr(str, start[, length])` shows. */
function shownArity(usage: string): { min: number; max: number } {
  const inside = usage.slice(usage.indexOf("(") + 1, usage.lastIndexOf(")"));
  const count = (text: string) => text.split(",").filter((part) => part.trim() !== "").length;
  const required = inside.includes("[") ? inside.slice(0, inside.indexOf("[")) : inside;
  const all = inside.replace(/[[\]]/g, "");
  return all.includes("...") ? { min: count(required) - 1, max: Infinity } : { min: count(required), max: count(all) };
}

describe(subsetReference.name, () => {
  it("docs/logs-insights-subset.md is up to date (run npm run docs)", () => {
    expect(readFileSync(new URL("../../docs/logs-insights-subset.md", import.meta.url), "utf8")).toBe(subsetReference());
  });

  it("describes every command, function and aggregate under its own name", () => {
    const reference = subsetReference();
    for (const [name, spec] of Object.entries(COMMAND_PARSERS)) expect(spec.usage.split(" ")[0]).toBe(name);
    for (const [name, spec] of [...Object.entries(FUNCTIONS), ...Object.entries(AGGREGATES)]) {
      expect(spec.usage.slice(0, spec.usage.indexOf("(")).toLowerCase()).toBe(name);
      expect(reference).toContain(`\`${spec.usage}\``);
    }
  });

  it.each(Object.entries(FUNCTIONS))("%s: its usage shows the arguments it takes", (_, spec) => {
    expect(shownArity(spec.usage)).toEqual({ min: spec.min, max: spec.max });
  });

  it("describes every operator the parser knows", () => {
    const shown = new Set(OPERATORS.flatMap((spec) => spec.usage.split(/[\s,]+/)));
    const known = [...Object.keys(INFIX_PRECEDENCE), ...WORD_OPERATORS];
    expect(known.filter((op) => !shown.has(op))).toEqual([]);
  });
});
