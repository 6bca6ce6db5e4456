// What a registry entry of a scalar function is (FunctionSpec), and the builders that most entries
// of functions.ts share: a function of one string or one number, the trims, the date roundings.
import type { Compiled, Kind } from "../compile/compiled.js";
import { formatValue, toNumber, type Rec, type Value } from "../runtime/values.js";
import { toEpochMs } from "./operators.js";
import type { ReferenceEntry } from "./reference-entry.js";
import { trimChars } from "./string-functions.js";
import type { Period } from "./time.js";

export interface BuildContext {
  /** Reads a field as the record holds it at this point of the query (bin() reads @timestamp). */
  field(name: string): Compiled;
}

export interface FunctionSpec extends ReferenceEntry {
  readonly min: number;
  readonly max: number;
  /** Argument positions that must be time periods such as 5m. */
  readonly periods?: readonly number[];
  readonly build: (args: readonly Compiled[], ctx: BuildContext) => Compiled;
}

export const NUMBER_NULLS = 'null when the argument is null or not a number; a numeric string such as "42" is a number';
export const ALIGNMENT =
  "fixed-length periods (weeks included) start at multiples of the period since the Unix epoch; " +
  "`mo`, `q` and `y` start at calendar months, quarters and years in UTC";

export const value = (evaluate: (r: Rec) => Value, kind: Kind = "value"): Compiled => ({ eval: evaluate, kind });
export const text = (arg: Compiled, v: Value): string => formatValue(v, arg.kind === "date");

/** A function of one string; null in, null out. */
export function stringFn(about: ReferenceEntry, f: (s: string) => Value): FunctionSpec {
  return {
    nulls: "null for null",
    ...about,
    min: 1,
    max: 1,
    build: ([a]) =>
      value((r) => {
        const v = (a as Compiled).eval(r);
        return v === null ? null : f(text(a as Compiled, v));
      }),
  };
}

/** A function of one number; null or non-numeric in, null out. */
export function numberFn(about: ReferenceEntry, f: (n: number) => number): FunctionSpec {
  return {
    nulls: NUMBER_NULLS,
    ...about,
    min: 1,
    max: 1,
    build: ([a]) =>
      value((r) => {
        const n = toNumber((a as Compiled).eval(r));
        return n === null ? null : f(n);
      }),
  };
}

export function trimFn(about: ReferenceEntry, left: boolean, right: boolean): FunctionSpec {
  return {
    nulls: "null for a null `str`; a null `chars` trims white space",
    choice: "white space is space, tab, newline, carriage return, form feed and vertical tab",
    ...about,
    min: 1,
    max: 2,
    build: ([s, chars]) =>
      value((r) => {
        const v = (s as Compiled).eval(r);
        if (v === null) return null;
        const set = chars === undefined ? null : chars.eval(r);
        return trimChars(text(s as Compiled, v), set === null ? null : text(chars as Compiled, set), left, right);
      }),
  };
}

export function dateRound(about: ReferenceEntry, round: (ms: number, p: Period) => number): FunctionSpec {
  return {
    nulls: "null when the timestamp is null or not a time",
    choice: ALIGNMENT,
    ...about,
    min: 2,
    max: 2,
    periods: [1],
    build: ([t, p]) =>
      value((r) => {
        const ms = toEpochMs((t as Compiled).eval(r));
        return ms === null ? null : round(ms, (p as Compiled).period as Period);
      }, "date"),
  };
}
