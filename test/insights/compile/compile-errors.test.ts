// Every error compiling a well-formed query gives (a function, a period, a regex where it cannot
// go), as the user reads it: code, line:column and text.
import { describe, expect, it } from "vitest";
import { queryError as error } from "../query-error.js";

describe("compile errors", () => {
  it.each([
    // Literals that only some places take.
    ["fields /a/ as r", "E_PARSE_EXPECTED 1:8 a /regex/ is only valid after like or =~, or in parse"],
    ["fields 5m as p", "E_PARSE_EXPECTED 1:8 a time period such as 5m is only valid in bin(), datefloor() or dateceil()"],
    // Functions: the name as written, and how many arguments each takes.
    ["fields Count(x) as n", "E_AGG_CONTEXT 1:8 Count() is an aggregate; use it in stats"],
    ["fields strlen(*) as n", "E_PARSE_EXPECTED 1:8 * is only valid in count(*)"],
    ["fields strlen() as n", "E_PARSE_ARITY 1:8 strlen() takes 1 argument(s), not 0"],
    ["fields strlen(a, b) as n", "E_PARSE_ARITY 1:8 strlen() takes 1 argument(s), not 2"],
    ["fields concat() as n", "E_PARSE_ARITY 1:8 concat() takes at least 1 argument(s), not 0"],
    ["fields substr(a) as n", "E_PARSE_ARITY 1:8 substr() takes 2 to 3 argument(s), not 1"],
    ["fields substr(a, 1, 2, 3) as n", "E_PARSE_ARITY 1:8 substr() takes 2 to 3 argument(s), not 4"],
    ["fields nosuch(a) as n", "E_FUNC_UNKNOWN 1:8 unknown function nosuch()"],
    ["fields Sqrt(a) as n", "E_PARSE_UNSUPPORTED 1:8 Sqrt() is not supported by the local engine"],
    // Time periods.
    ["stats count(*) by bin(a)", "E_PARSE_EXPECTED 1:23 expected a time period such as 5m, 1h or 1d"],
    ["stats count(*) by bin(5x)", 'E_TIME_UNIT 1:23 unknown time unit "x"; use ms, s, m, h, d, w, mo, q or y'],
    ["stats count(*) by bin(0m)", "E_TIME_UNIT 1:23 a time period must be a positive amount (a whole number for mo, q and y)"],
    ["stats count(*) by bin(1.5mo)", "E_TIME_UNIT 1:23 a time period must be a positive amount (a whole number for mo, q and y)"],
    ["stats count(*) by bin(1.5q)", "E_TIME_UNIT 1:23 a time period must be a positive amount (a whole number for mo, q and y)"],
    ["stats count(*) by bin(1.5y)", "E_TIME_UNIT 1:23 a time period must be a positive amount (a whole number for mo, q and y)"],
    ["stats count(*) by bin(1.5h)", "no error"],
    ["stats count(*) by bin(1e400m)", "E_TIME_UNIT 1:23 the time period is too long to compute with; use e.g. 1y"],
    // parse with a regex.
    ["parse @message /(\\w+)/", "E_REGEX_NO_GROUPS 1:16 parse needs named groups such as (?<status>\\w+) in its regex"],
  ])("%j: %s", (query, expected) => {
    expect(error(query)).toBe(expected);
  });
});
