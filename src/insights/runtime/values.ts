// Runtime values and the coercion rules every operator family builds on.
// A value is a string, a number, a boolean or null (absent). Fields extracted by parse are strings;
// arithmetic and numeric comparison read numeric strings as numbers. Dates are numbers (epoch ms)
// whose static kind says "date" (Kind, compile/compiled.ts); they are formatted only on output.

export type Value = string | number | boolean | null;

/** A record: field name to value; an absent field reads as undefined and means null. */
export type Rec = Record<string, Value | undefined>;

// A "number value" in the sense of CWL_QuerySyntax-Sort: only digits (with an optional sign,
// decimal point and exponent), nothing else.
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function isNumericString(s: string): boolean {
  return NUMERIC.test(s);
}

/** The number a value stands for, or null: booleans are 1/0, strings must be wholly numeric. */
export function toNumber(v: Value): number | null {
  if (typeof v === "number") return Number.isNaN(v) ? null : v;
  if (typeof v === "string") return NUMERIC.test(v) ? Number(v) : null;
  if (typeof v === "boolean") return v ? 1 : 0;
  return null;
}

/**
 * Truthiness for `filter`, `and`, `or`, `not`: null is false, booleans are themselves, numbers are
 * true unless 0, strings are true unless empty or a numeric zero ("0", "0.0").
 */
export function isTruthy(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  if (v === "") return false;
  return !(NUMERIC.test(v) && Number(v) === 0);
}

/**
 * Numbers as AWS prints them on the wire: integers without ".0"; other values as the shortest
 * decimal that reads back to the same double, never in exponent notation.
 */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return "0";
  const s = String(n);
  if (!s.includes("e")) return s;
  if (Math.abs(n) >= 1) return BigInt(Math.trunc(n)).toString();
  const [mantissa = "", exponent = "0"] = s.split("e");
  const digits = mantissa.replace("-", "").replace(".", "");
  const zeros = "0".repeat(-Number(exponent) - 1);
  return `${n < 0 ? "-" : ""}0.${zeros}${digits}`;
}

/** Epoch ms as `YYYY-MM-DD HH:MM:SS.mmm` in UTC, the GetQueryResults format of @timestamp. */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

// The instants whose year YYYY can write: 0000-01-01 00:00:00.000 to 9999-12-31 23:59:59.999 UTC.
// Outside them toISOString writes a six-digit signed year ("+010000-01-01T…") that the slicing
// above would garble, so such a date prints as its number of milliseconds.
const FIRST_FOUR_DIGIT_MS = -62_167_219_200_000;
const LAST_FOUR_DIGIT_MS = 253_402_300_799_999;

/** A value as a result cell (or as concat sees it). Booleans print as 1 and 0, like isempty's result. */
export function formatValue(v: Value, isDate: boolean): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return isDate && v >= FIRST_FOUR_DIGIT_MS && v <= LAST_FOUR_DIGIT_MS ? formatTimestamp(v) : formatNumber(v);
  if (typeof v === "boolean") return v ? "1" : "0";
  return "";
}
