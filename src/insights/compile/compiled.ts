// What the compiler turns an expression into: a closure over a record, plus its static kind.
import type { Period } from "../library/time.js";
import type { Rec, Value } from "../runtime/values.js";
import { fieldGetter } from "./field-access.js";

/**
 * "date" values are epoch-ms numbers printed as `YYYY-MM-DD HH:MM:SS.mmm` (@timestamp, bin(),
 * datefloor(), fromMillis(), min/max of a date); everything else prints as it is.
 */
export type Kind = "date" | "value";

export type Evaluator = (r: Rec) => Value;

export interface Compiled {
  readonly eval: Evaluator;
  readonly kind: Kind;
  /** Set when the expression is a time period literal such as `5m` (only valid as a period argument). */
  readonly period?: Period;
  /** Set when the expression is a literal, so functions can check constant arguments (pct's N). */
  readonly constant?: Value;
}

export const constant = (value: Value): Compiled => ({ eval: () => value, kind: "value", constant: value });

/** Reads a field; an absent field is null. */
export function fieldReader(name: string, kind: Kind): Compiled {
  return { kind, eval: fieldGetter(name) };
}
