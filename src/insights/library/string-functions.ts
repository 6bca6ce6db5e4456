// Implementations of the string functions (CWL_QuerySyntax-operations-functions, "String functions").
// Lengths and offsets count Unicode code points, as strlen is documented to.

const WHITESPACE = " \t\n\r\f\v";

export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    // A high surrogate and the low one after it are one code point; a lone surrogate is one too
    // (as the string iterator counts it). charCodeAt past the end is NaN: no low surrogate.
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** substr(s, start[, length]), 0-based: substr("xyZfooxyZ", 3, 3) is "foo". Negative start counts as 0. */
export function substr(s: string, start: number, length?: number): string {
  const chars = /[\ud800-\udfff]/.test(s) ? Array.from(s) : null;
  const size = chars === null ? s.length : chars.length;
  const from = Math.max(0, Math.trunc(start));
  const to = length === undefined ? size : from + Math.max(0, Math.trunc(length));
  return chars === null ? s.slice(from, to) : chars.slice(from, to).join("");
}

/** Removes any of `chars` (default: whitespace) from the chosen ends: trim("xyZfooxyZ", "xyZ") is "foo". */
export function trimChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars ?? WHITESPACE;
  let from = 0;
  let to = s.length;
  if (left) while (from < to && set.includes(s[from] as string)) from++;
  if (right) while (to > from && set.includes(s[to - 1] as string)) to--;
  return s.slice(from, to);
}

/** replace(s, search, replacement): every occurrence, literally (not a regex). An empty search changes nothing. */
export function replaceAll(s: string, search: string, replacement: string): string {
  // A loop rather than String.replaceAll: no "$&" patterns to escape, and faster on short strings.
  if (search === "") return s;
  let at = s.indexOf(search);
  if (at === -1) return s;
  let out = "";
  let from = 0;
  for (; at !== -1; at = s.indexOf(search, from)) {
    out += s.slice(from, at) + replacement;
    from = at + search.length;
  }
  return out + s.slice(from);
}
