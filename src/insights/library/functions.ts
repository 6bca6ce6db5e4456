// The scalar function registry: one entry per function, keyed by lower-case name (function names
// are case-insensitive: isPresent, toMillis...). Docs: CWL_QuerySyntax-operations-functions
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html),
// sections "General", "String", "Numeric" and "Datetime functions". What an entry holds: function-spec.ts.
import type { Compiled } from "../compile/compiled.js";
import { toNumber } from "../runtime/values.js";
import { ALIGNMENT, dateRound, NUMBER_NULLS, numberFn, stringFn, text, trimFn, value, type FunctionSpec } from "./function-spec.js";
import { lookupTable } from "./lookup-table.js";
import { toEpochMs } from "./operators.js";
import { codePointLength, replaceAll, substr } from "./string-functions.js";
import { ceilTime, floorTime, type Period } from "./time.js";

const PAGE = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html";
const GENERAL = `${PAGE}#CWL_QuerySyntax-general-functions`;
const STRING = `${PAGE}#CWL_QuerySyntax-string-functions`;
const NUMERIC = `${PAGE}#CWL_QuerySyntax-operations-numeric`;
const DATETIME = `${PAGE}#CWL_QuerySyntax-datetime`;

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = lookupTable({
  coalesce: {
    doc: GENERAL,
    usage: "coalesce(value, ...)",
    summary: "The first argument that is not null",
    nulls: "null arguments are skipped; null when every argument is null",
    choice: 'an empty string is not null, so `coalesce("", "x")` is `""`',
    min: 1,
    max: Infinity,
    build: (args) =>
      value(
        (r) => {
          for (const a of args) {
            const v = a.eval(r);
            if (v !== null) return v;
          }
          return null;
        },
        args.every((a) => a.kind === "date") ? "date" : "value",
      ),
  },
  ispresent: {
    doc: GENERAL,
    usage: "ispresent(field)",
    summary: "1 (true) when the field exists, else 0",
    nulls: "0 for a null field",
    min: 1,
    max: 1,
    build: ([a]) => value((r) => (a as Compiled).eval(r) !== null),
  },
  concat: {
    doc: STRING,
    usage: "concat(value, ...)",
    summary: "The arguments as text, one after another",
    nulls: 'null arguments are skipped (as if ""); null when every argument is null',
    choice: "the null rule above",
    min: 1,
    max: Infinity,
    build: (args) =>
      value((r) => {
        let out: string | null = null;
        for (const a of args) {
          const v = a.eval(r);
          if (v !== null) out = (out ?? "") + text(a, v);
        }
        return out;
      }),
  },
  isempty: {
    doc: STRING,
    usage: "isempty(value)",
    summary: "1 when the value is missing or the empty string, else 0",
    nulls: "1 for null",
    min: 1,
    max: 1,
    build: ([a]) =>
      value((r) => {
        const v = (a as Compiled).eval(r);
        return v === null || v === "" ? 1 : 0;
      }),
  },
  isblank: {
    doc: STRING,
    usage: "isblank(value)",
    summary: "1 when the value is missing, empty or only white space, else 0",
    nulls: "1 for null",
    min: 1,
    max: 1,
    build: ([a]) =>
      value((r) => {
        const v = (a as Compiled).eval(r);
        return v === null || (typeof v === "string" && v.trim() === "") ? 1 : 0;
      }),
  },
  ltrim: trimFn({ doc: STRING, usage: "ltrim(str[, chars])", summary: "`str` without white space (or `chars`) at its start" }, true, false),
  rtrim: trimFn({ doc: STRING, usage: "rtrim(str[, chars])", summary: "`str` without white space (or `chars`) at its end" }, false, true),
  trim: trimFn({ doc: STRING, usage: "trim(str[, chars])", summary: "`str` without white space (or `chars`) at either end" }, true, true),
  strlen: stringFn({ doc: STRING, usage: "strlen(str)", summary: "The length of `str` in Unicode code points" }, codePointLength),
  toupper: stringFn({ doc: STRING, usage: "toupper(str)", summary: "`str` in upper case" }, (s) => s.toUpperCase()),
  tolower: stringFn({ doc: STRING, usage: "tolower(str)", summary: "`str` in lower case" }, (s) => s.toLowerCase()),
  substr: {
    doc: STRING,
    usage: "substr(str, start[, length])",
    summary: 'The part of `str` from code point `start` (0-based), `length` long or to the end: `substr("xyZfooxyZ", 3, 3)` is `"foo"`',
    nulls: "null when any argument is null, or `start` or `length` is not a number",
    choice: "a negative `start` or `length` counts as 0, and fractions are cut to whole numbers",
    min: 2,
    max: 3,
    build: ([s, start, len]) =>
      value((r) => {
        const v = (s as Compiled).eval(r);
        const from = toNumber((start as Compiled).eval(r));
        const count = len === undefined ? undefined : toNumber(len.eval(r));
        if (v === null || from === null || count === null) return null;
        return substr(text(s as Compiled, v), from, count);
      }),
  },
  // "Replaces all instances of string2 in string1 with string3".
  replace: {
    doc: STRING,
    usage: "replace(str, search, replacement)",
    summary: "`str` with every occurrence of `search` replaced, literally (not a regex)",
    nulls: 'null for a null `str`; a null `search` or `replacement` counts as ""',
    choice: "an empty `search` leaves `str` unchanged; the null rule above",
    min: 3,
    max: 3,
    build: ([s, search, repl]) =>
      value((r) => {
        const v = (s as Compiled).eval(r);
        if (v === null) return null;
        const f = (search as Compiled).eval(r);
        const t = (repl as Compiled).eval(r);
        return replaceAll(
          text(s as Compiled, v),
          f === null ? "" : text(search as Compiled, f),
          t === null ? "" : text(repl as Compiled, t),
        );
      }),
  },
  strcontains: {
    doc: STRING,
    usage: "strcontains(str, search)",
    summary: "1 when `str` contains `search`, else 0",
    nulls: "0 when either is null",
    choice: "the null rule above",
    min: 2,
    max: 2,
    build: ([s, search]) =>
      value((r) => {
        const v = (s as Compiled).eval(r);
        const f = (search as Compiled).eval(r);
        return v !== null && f !== null && text(s as Compiled, v).includes(text(search as Compiled, f)) ? 1 : 0;
      }),
  },
  abs: numberFn({ doc: NUMERIC, usage: "abs(number)", summary: "The absolute value" }, Math.abs),
  ceil: numberFn({ doc: NUMERIC, usage: "ceil(number)", summary: "Rounded up to a whole number" }, Math.ceil),
  floor: numberFn({ doc: NUMERIC, usage: "floor(number)", summary: "Rounded down to a whole number" }, Math.floor),
  // bin(period) "rounds the value of @timestamp to the given period and then truncates".
  bin: {
    doc: DATETIME,
    usage: "bin(period)",
    summary: "The start of the period that holds the event's `@timestamp`, e.g. `bin(5m)`",
    nulls: "null when the event has no `@timestamp`",
    choice: ALIGNMENT,
    min: 1,
    max: 1,
    periods: [0],
    build: ([p], ctx) => {
      const ts = ctx.field("@timestamp");
      const period = (p as Compiled).period as Period;
      return value((r) => {
        const ms = toEpochMs(ts.eval(r));
        return ms === null ? null : floorTime(ms, period);
      }, "date");
    },
  },
  datefloor: dateRound(
    { doc: DATETIME, usage: "datefloor(timestamp, period)", summary: "`timestamp` rounded down to the period" },
    floorTime,
  ),
  dateceil: dateRound(
    { doc: DATETIME, usage: "dateceil(timestamp, period)", summary: "`timestamp` rounded up to the period (unchanged on a boundary)" },
    ceilTime,
  ),
  tomillis: {
    doc: DATETIME,
    usage: "toMillis(timestamp)",
    summary: "The timestamp as milliseconds since the Unix epoch, a number",
    nulls: "null for null, or a string that is neither a number nor a time",
    choice: "a string is read as a number, or as a time `YYYY-MM-DD HH:MM:SS.mmm` or ISO 8601, in UTC unless it names a zone",
    min: 1,
    max: 1,
    build: ([a]) => value((r) => toEpochMs((a as Compiled).eval(r))),
  },
  frommillis: {
    doc: DATETIME,
    usage: "fromMillis(number)",
    summary: "The time that many milliseconds after the Unix epoch, shown as `YYYY-MM-DD HH:MM:SS.mmm` in UTC",
    nulls: NUMBER_NULLS,
    min: 1,
    max: 1,
    build: ([a]) => value((r) => toNumber((a as Compiled).eval(r)), "date"),
  },
});

/** Logs Insights functions outside this engine's subset: E_PARSE_UNSUPPORTED rather than E_FUNC_UNKNOWN. */
export const UNSUPPORTED_FUNCTIONS = new Set([
  "greatest",
  "least",
  "log",
  "sqrt",
  "stddev",
  "earliest",
  "latest",
  "sortsfirst",
  "sortslast",
  "jsonparse",
  "isvalidip",
  "isvalidipv4",
  "isvalidipv6",
  "isipinsubnet",
  "isipv4insubnet",
  "isipv6insubnet",
  "rate",
  "count_over_time",
  "sum_over_time",
  "histogram",
  "unmask",
  "diff",
]);
