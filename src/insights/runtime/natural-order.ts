// The ascending order of `sort`, as CWL_QuerySyntax-Sort describes it ("an updated version of natural
// sorting"): every non-number value comes before every number value; numbers compare by value;
// in other strings, runs of digits compare by length and then by value, any other character by
// its UTF-16 code unit. The same order ranks stats groups, min/max and dedup's "first".
import { isNumericString, type Value } from "./values.js";

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Compares two non-null values; negative when `a` comes first in ascending order. */
export function compareValues(a: Value, b: Value): number {
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== null && nb !== null) {
    if (na !== nb) return na < nb ? -1 : 1;
    // Equal numbers written differently: the doc's example lists "01" before "1".
    return typeof a === "string" && typeof b === "string" && a !== b ? (a < b ? -1 : 1) : 0;
  }
  if (na !== null) return 1;
  if (nb !== null) return -1;
  return compareNatural(String(a), String(b));
}

function numberOf(v: Value): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && isNumericString(v)) return Number(v);
  return null;
}

export function compareNatural(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      let ej = j;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - i !== ej - j) return ei - i - (ej - j);
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d;
      }
    } else {
      if (ca !== cb) return ca - cb;
      i++;
      j++;
    }
  }
  return a.length - i - (b.length - j);
}

/** Sort keys in either direction; null sorts last whichever the direction. */
export function compareKey(a: Value, b: Value, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const c = compareValues(a, b);
  return descending ? -c : c;
}
