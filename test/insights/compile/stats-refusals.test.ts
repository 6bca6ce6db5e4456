// What a user reads when a stats command breaks its rules (src/insights/compile/stats-plan.ts): an
// aggregate with the wrong arguments, an item without one, a field outside one. The golden cases
// pin code and position; these pin the message too.
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { refusal } from "./refusal.js";

const OUTSIDE = (field: string) => `field ${field} is used outside an aggregate; group by it with "by" instead`;
const PERCENT = "pct() takes a percentile from 0 to 100 as its second argument, e.g. pct(latency, 95)";

describe("a stats command outside the rules", () => {
  // [query, code, the text the error points at (its last occurrence), the message]
  it.each([
    ["stats sum()", "E_PARSE_ARITY", "sum", "wrong arguments for sum()"],
    ["stats count(x, y)", "E_PARSE_ARITY", "count", "wrong arguments for count()"],
    ["stats pct(latency, 101)", "E_PARSE_EXPECTED", "101", PERCENT],
    ["stats pct(latency, -1)", "E_PARSE_EXPECTED", "-1", PERCENT],
    ["stats 1 + 2 as three", "E_AGG_CONTEXT", "1", 'stats needs an aggregate such as count(*) in "three"'],
    ["stats count(*) + x", "E_AGG_CONTEXT", "x", OUTSIDE("x")],
    ["stats -x", "E_AGG_CONTEXT", "x", OUTSIDE("x")],
    ["stats count(*) * (x like /a/)", "E_AGG_CONTEXT", "x", OUTSIDE("x")],
    ["stats count(*) * (x in [1, 2])", "E_AGG_CONTEXT", "x", OUTSIDE("x")],
    // A call written like an earlier column reads that column: a field like any other.
    ["stats count(*) as c by bin(5m) | stats sum(c) * bin(5m) as n", "E_AGG_CONTEXT", "bin", OUTSIDE("bin(5m)")],
    ["fields 1 as `nope()` | stats count(*) * nope() as n", "E_AGG_CONTEXT", "nope", OUTSIDE("nope()")],
  ])("%s: %s at %j", (query, code, at, detail) => {
    const error = refusal(query);
    expect({ code: error.code, line: error.line, column: error.column, detail: error.detail }).toEqual({
      code,
      line: 1,
      column: query.lastIndexOf(at) + 1,
      detail,
    });
  });

  it("accepts pct's bounds, 0 and 100", () => {
    expect(() => compileQuery("stats pct(latency, 0) as low, pct(latency, 100) as high")).not.toThrow();
  });
});
