// Operator semantics, one family at a time, each with its null rule
// (operators: CWL_QuerySyntax-operations-functions; where the docs are silent the choice is ours
// and is written here).
import type { ReferenceEntry } from "./reference-entry.js";
import { parseTime } from "./time.js";
import { isTruthy, toNumber, type Value } from "../runtime/values.js";

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
    case "+":
      r = x + y;
      break;
    case "-":
      r = x - y;
      break;
    case "*":
      r = x * y;
      break;
    case "/":
      if (y === 0) return null;
      r = x / y;
      break;
    case "%":
      if (y === 0) return null;
      r = x % y;
      break;
    case "^":
      r = x ** y;
      break;
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
    case "<":
      return c < 0;
    case ">":
      return c > 0;
    case "<=":
      return c <= 0;
    case ">=":
      return c >= 0;
  }
}

/** Boolean operators work on truthiness (values.ts): null is false, so `not null` is true. */
export const not = (a: Value): boolean => !isTruthy(a);

/** A value read as epoch ms: numbers as they are, numeric strings, or date strings (UTC unless zoned). */
export function toEpochMs(v: Value): number | null {
  if (typeof v === "string") return toNumber(v) ?? parseTime(v);
  return typeof v === "number" ? v : null;
}

const OPERATIONS = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html";
const FILTER = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Filter.html";

/** The operator families as the subset reference describes them; tokens.ts holds their precedence. */
export const OPERATORS: readonly ReferenceEntry[] = [
  {
    doc: OPERATIONS,
    usage: "a + b, a - b, a * b, a / b, a % b, a ^ b, -a",
    summary: "Arithmetic on numbers; `%` is the remainder, `^` the power",
    nulls: 'null when an operand is null or not a number (a numeric string such as "42" is a number)',
    choice: "dividing by zero, and any result that is not finite, give null",
  },
  {
    doc: OPERATIONS,
    usage: "a = b, a != b",
    summary: "Equal, not equal: as numbers when either side is a number, else as strings, case-sensitively",
    nulls: "false when either side is null, `!=` included, so `filter x != 5` drops events without `x`",
    choice: "the null rule above; a string that is not a number equals no number; a time against a string reads it as a time",
  },
  {
    doc: OPERATIONS,
    usage: "a < b, a > b, a <= b, a >= b",
    summary: "Order: as numbers when both sides are numbers or numeric strings, else as strings by UTF-16 code units",
    nulls: "false when either side is null",
    choice: "a number against a string that is not a number is false; a time against a string reads it as a time",
  },
  {
    doc: OPERATIONS,
    usage: "a and b, a or b, not a",
    summary: "Boolean logic on truth values: null, false, 0, the empty string and numeric zero strings are false",
    nulls: "null is false, so `not null` is true",
  },
  {
    doc: FILTER,
    usage: 'a like "text", a like /regex/, a =~ /regex/, a not like ...',
    summary: '`like "text"`: contains the text, case-sensitively; `like /regex/` and `=~ /regex/`: the regex matches somewhere',
    nulls: "false for null, `not like` included",
  },
  {
    doc: FILTER,
    usage: "a in [x, y, ...], a not in [x, y, ...]",
    summary: "Membership in a list of literals, each compared as `=` compares",
    nulls: "false for null, `not in` included",
  },
];
