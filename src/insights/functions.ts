// The scalar function registry: one entry per function, keyed by lower-case name (function names
// are case-insensitive: isPresent, toMillis...). Docs: CWL_QuerySyntax-operations-functions
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html),
// sections "General", "String", "Numeric" and "Datetime functions".
import type { Compiled, Kind } from "./compiled.js";
import { lookupTable } from "./lookup-table.js";
import { toEpochMs } from "./operators.js";
import { codePointLength, replaceAll, substr, trimChars } from "./string-functions.js";
import { ceilTime, floorTime, type Period } from "./time.js";
import { formatValue, toNumber, type Rec, type Value } from "./values.js";

export interface BuildContext {
  /** Reads a field as the record holds it at this point of the query (bin() reads @timestamp). */
  field(name: string): Compiled;
}

const PAGE = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html";
const GENERAL = `${PAGE}#CWL_QuerySyntax-general-functions`;
const STRING = `${PAGE}#CWL_QuerySyntax-string-functions`;
const NUMERIC = `${PAGE}#CWL_QuerySyntax-operations-numeric`;
const DATETIME = `${PAGE}#CWL_QuerySyntax-datetime`;

export interface FunctionSpec {
  /** The documentation section the function follows. */
  readonly doc: string;
  readonly min: number;
  readonly max: number;
  /** Argument positions that must be time periods such as 5m. */
  readonly periods?: readonly number[];
  readonly build: (args: readonly Compiled[], ctx: BuildContext) => Compiled;
}

const value = (evaluate: (r: Rec) => Value, kind: Kind = "value"): Compiled => ({ eval: evaluate, kind });
const text = (arg: Compiled, v: Value): string => formatValue(v, arg.kind === "date");

/** A function of one string; null in, null out. */
function stringFn(f: (s: string) => Value): FunctionSpec["build"] {
  return ([a]) => value((r) => {
    const v = (a as Compiled).eval(r);
    return v === null ? null : f(text(a as Compiled, v));
  });
}

/** A function of one number; null or non-numeric in, null out. */
function numberFn(f: (n: number) => number): FunctionSpec["build"] {
  return ([a]) => value((r) => {
    const n = toNumber((a as Compiled).eval(r));
    return n === null ? null : f(n);
  });
}

function trimFn(doc: string, left: boolean, right: boolean): FunctionSpec {
  return {
    doc,
    min: 1,
    max: 2,
    build: ([s, chars]) => value((r) => {
      const v = (s as Compiled).eval(r);
      if (v === null) return null;
      const set = chars === undefined ? null : chars.eval(r);
      return trimChars(text(s as Compiled, v), set === null ? null : text(chars as Compiled, set), left, right);
    }),
  };
}

function dateRound(doc: string, round: (ms: number, p: Period) => number): FunctionSpec {
  return {
    doc,
    min: 2,
    max: 2,
    periods: [1],
    build: ([t, p]) => value((r) => {
      const ms = toEpochMs((t as Compiled).eval(r));
      return ms === null ? null : round(ms, (p as Compiled).period as Period);
    }, "date"),
  };
}

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = lookupTable({
  // General: "Returns the first non-null value from the list." An empty string is not null, so it is returned.
  coalesce: {
    doc: GENERAL,
    min: 1,
    max: Infinity,
    build: (args) => value((r) => {
      for (const a of args) {
        const v = a.eval(r);
        if (v !== null) return v;
      }
      return null;
    }, args.every((a) => a.kind === "date") ? "date" : "value"),
  },
  // General: true if the field exists (prints as 1/0).
  ispresent: { doc: GENERAL, min: 1, max: 1, build: ([a]) => value((r) => (a as Compiled).eval(r) !== null) },
  // String: "Concatenates the strings." Docs are silent on null: a null argument is skipped (counts
  // as ""), and when every argument is null the result is null.
  concat: {
    doc: STRING,
    min: 1,
    max: Infinity,
    build: (args) => value((r) => {
      let out: string | null = null;
      for (const a of args) {
        const v = a.eval(r);
        if (v !== null) out = (out ?? "") + text(a, v);
      }
      return out;
    }),
  },
  // String: 1 if the field is missing or an empty string, else 0.
  isempty: { doc: STRING, min: 1, max: 1, build: ([a]) => value((r) => { const v = (a as Compiled).eval(r); return v === null || v === "" ? 1 : 0; }) },
  // String: 1 if the field is missing, empty, or only white space, else 0.
  isblank: { doc: STRING, min: 1, max: 1, build: ([a]) => value((r) => { const v = (a as Compiled).eval(r); return v === null || (typeof v === "string" && v.trim() === "") ? 1 : 0; }) },
  ltrim: trimFn(STRING, true, false),
  rtrim: trimFn(STRING, false, true),
  trim: trimFn(STRING, true, true),
  strlen: { doc: STRING, min: 1, max: 1, build: stringFn(codePointLength) },
  toupper: { doc: STRING, min: 1, max: 1, build: stringFn((s) => s.toUpperCase()) },
  tolower: { doc: STRING, min: 1, max: 1, build: stringFn((s) => s.toLowerCase()) },
  substr: {
    doc: STRING,
    min: 2,
    max: 3,
    build: ([s, start, len]) => value((r) => {
      const v = (s as Compiled).eval(r);
      const from = toNumber((start as Compiled).eval(r));
      const count = len === undefined ? undefined : toNumber(len.eval(r));
      if (v === null || from === null || count === null) return null;
      return substr(text(s as Compiled, v), from, count);
    }),
  },
  // String: "Replaces all instances of string2 in string1 with string3" (literally).
  replace: {
    doc: STRING,
    min: 3,
    max: 3,
    build: ([s, search, repl]) => value((r) => {
      const v = (s as Compiled).eval(r);
      if (v === null) return null;
      const f = (search as Compiled).eval(r);
      const t = (repl as Compiled).eval(r);
      return replaceAll(text(s as Compiled, v), f === null ? "" : text(search as Compiled, f), t === null ? "" : text(repl as Compiled, t));
    }),
  },
  // String: 1 if string1 contains string2, else 0; 0 when either is null.
  strcontains: {
    doc: STRING,
    min: 2,
    max: 2,
    build: ([s, search]) => value((r) => {
      const v = (s as Compiled).eval(r);
      const f = (search as Compiled).eval(r);
      return v !== null && f !== null && text(s as Compiled, v).includes(text(search as Compiled, f)) ? 1 : 0;
    }),
  },
  // Numeric.
  abs: { doc: NUMERIC, min: 1, max: 1, build: numberFn(Math.abs) },
  ceil: { doc: NUMERIC, min: 1, max: 1, build: numberFn(Math.ceil) },
  floor: { doc: NUMERIC, min: 1, max: 1, build: numberFn(Math.floor) },
  // Datetime: bin(period) "rounds the value of @timestamp to the given period and then truncates".
  bin: {
    doc: DATETIME,
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
  datefloor: dateRound(DATETIME, floorTime),
  dateceil: dateRound(DATETIME, ceilTime),
  // Datetime: toMillis(timestamp) gives epoch ms as a number; fromMillis(number) gives a timestamp.
  tomillis: { doc: DATETIME, min: 1, max: 1, build: ([a]) => value((r) => toEpochMs((a as Compiled).eval(r))) },
  frommillis: { doc: DATETIME, min: 1, max: 1, build: ([a]) => value((r) => toNumber((a as Compiled).eval(r)), "date") },
});

/** Logs Insights functions outside this engine's subset: E_PARSE_UNSUPPORTED rather than E_FUNC_UNKNOWN. */
export const UNSUPPORTED_FUNCTIONS = new Set([
  "greatest", "least", "log", "sqrt", "stddev", "earliest", "latest", "sortsfirst", "sortslast",
  "jsonparse", "isvalidip", "isvalidipv4", "isvalidipv6", "isipinsubnet", "isipv4insubnet", "isipv6insubnet",
  "rate", "count_over_time", "sum_over_time", "histogram", "unmask", "diff",
]);
