// Operator semantics, one family at a time, each with its null rule
// (operators: CWL_QuerySyntax-operations-functions; where the docs are silent the choice is ours
// and is written here).
import { parseTime } from "./time.js";
import { isTruthy, toNumber, type Value } from "./values.js";

export type Arithmetic = "+" | "-" | "*" | "/" | "%" | "^";
export type Comparison = "=" | "!=" | "<" | ">" | "<=" | ">=";

/**
 * Arithmetic: operands are read as numbers (numeric strings count). Null rule: any null or
 * non-numeric operand gives null. Division or remainder by zero gives null (docs are silent; a
 * missing value is kinder to stats than Infinity), and so does any result that is not finite.
 */
export function arithmetic(op: Arithmetic, a: Value, b: Value): Value {
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === null || y === null) return null;
  let r: number;
  switch (op) {
    case "+": r = x + y; break;
    case "-": r = x - y; break;
    case "*": r = x * y; break;
    case "/": if (y === 0) return null; r = x / y; break;
    case "%": if (y === 0) return null; r = x % y; break;
    case "^": r = x ** y; break;
  }
  return Number.isFinite(r) ? r : null;
}

/** Unary minus: null and non-numeric values give null. */
export function negate(a: Value): Value {
  const x = toNumber(a);
  return x === null ? null : -x;
}

/**
 * Equality (`=`, `!=`, `in`). When either side is a number (or boolean) both are compared as
 * numbers, and a non-numeric string equals no number; two strings compare exactly, case-sensitively.
 */
export function valuesEqual(a: Value, b: Value): boolean {
  if (typeof a === "string" && typeof b === "string") return a === b;
  const x = toNumber(a);
  const y = toNumber(b);
  return x !== null && x === y;
}

/**
 * Comparisons. Null rule: a comparison with a null operand is false, `!=` included, so
 * `filter status != 200` drops events without `status` as `filter status = 200` does.
 * Order (`<` `>` `<=` `>=`): numerically when both sides are numbers or numeric strings, by UTF-16
 * code units when both are strings, and false for a number against a non-numeric string.
 */
export function compare(op: Comparison, a: Value, b: Value): boolean {
  if (a === null || b === null) return false;
  if (op === "=") return valuesEqual(a, b);
  if (op === "!=") return !valuesEqual(a, b);
  const x = toNumber(a);
  const y = toNumber(b);
  let c: number;
  if (x !== null && y !== null) c = x - y;
  else if (typeof a === "string" && typeof b === "string") c = a < b ? -1 : a > b ? 1 : 0;
  else return false;
  switch (op) {
    case "<": return c < 0;
    case ">": return c > 0;
    case "<=": return c <= 0;
    case ">=": return c >= 0;
  }
}

/** Boolean operators work on truthiness (values.ts): null is false, so `not null` is true. */
export const not = (a: Value): boolean => !isTruthy(a);

/** A value read as epoch ms: numbers as they are, numeric strings, or date strings (UTC unless zoned). */
export function toEpochMs(v: Value): number | null {
  if (typeof v === "string") return toNumber(v) ?? parseTime(v);
  return typeof v === "number" ? v : null;
}
