// Regression: expressions nested or chained a few thousand deep (which fit in StartQuery's 10,000
// characters) overflowed the stack with a RangeError, a crash (exit 70) instead of a query error.
// The parser now refuses expressions deeper than MAX_EXPRESSION_DEPTH; whatever it accepts must
// compile and run on this (main) thread's ordinary stack, as in the CLI.
import { describe, expect, it } from "vitest";
import { QuerySyntaxError } from "../../src/insights/errors.js";
import { compileQuery } from "../../src/insights/compile.js";
import { MAX_EXPRESSION_DEPTH } from "../../src/insights/syntax/parse-expression.js";
import { NESTINGS } from "./query-extremes.js";

const EVENT = { timestamp: Date.UTC(2026, 10, 28, 10), message: "a said: 550" };

function accepted(text: string): boolean {
  try {
    compileQuery(text);
    return true;
  } catch (error) {
    if (error instanceof QuerySyntaxError && error.code === "E_PARSE_UNSUPPORTED") return false;
    throw error;
  }
}

/** The largest depth the parser accepts for a form (acceptance only shrinks as depth grows). */
function deepestAccepted(form: (depth: number) => string): number {
  let [lo, hi] = [0, 5000];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (accepted(form(mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

describe(`expressions deeper than ${MAX_EXPRESSION_DEPTH} levels`, () => {
  const forms = NESTINGS.map((form) => [form(2), form] as const);

  it.each(forms)("%s: refused at 5,000 levels with E_PARSE_UNSUPPORTED on line 1", (_, form) => {
    const error = (() => {
      try {
        compileQuery(form(5000));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(QuerySyntaxError);
    expect(error).toMatchObject({ code: "E_PARSE_UNSUPPORTED", line: 1 });
  });

  it.each(forms)("%s: the deepest accepted form compiles and runs on the main thread", (_, form) => {
    const depth = deepestAccepted(form);
    // Parentheses and operators each count, so `(1 + (1 + ...` gets about a third of the levels.
    expect(depth).toBeGreaterThanOrEqual(MAX_EXPRESSION_DEPTH / 4);
    const execution = compileQuery(form(depth)).start();
    execution.push(EVENT);
    expect(execution.finish().recordsScanned).toBe(1);
  });

  it("still accepts a long flat list of values, which adds no depth", () => {
    const list = Array.from({ length: 2000 }, (_, i) => i).join(", ");
    expect(() => compileQuery(`filter strlen(@message) in [${list}]`)).not.toThrow();
  });
});
