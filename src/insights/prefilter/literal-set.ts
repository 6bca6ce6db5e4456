// A requirement on @message: it must contain at least one of `literals` (compared ignoring case
// when `ignoreCase`). The prefilter is built from these; combining them must stay sound.

export interface LiteralSet {
  readonly literals: readonly string[];
  readonly ignoreCase: boolean;
}

/**
 * U+FFFD is also what a line of invalid UTF-8 holds once decoded (the file source's reading), where
 * its bytes are not U+FFFD's: a reader searching the bytes for a literal (sources/files/
 * line-prefilter.ts) would drop that line. A requirement holding it is given up.
 */
const REPLACEMENT_CHARACTER = "\uFFFD";

export function literalSet(literals: readonly string[], ignoreCase: boolean): LiteralSet | null {
  if (literals.length === 0 || literals.some((l) => l === "" || l.includes(REPLACEMENT_CHARACTER))) return null;
  // A literal that contains another one is implied by it: keep only the shorter.
  const unique = [...new Set(literals)];
  const minimal = unique.filter((l) => !unique.some((o) => o !== l && l.includes(o)));
  return { literals: minimal, ignoreCase };
}

/** Either requirement holds (`or`, alternation): the union, case-insensitive if either is. */
export function union(a: LiteralSet | null, b: LiteralSet | null): LiteralSet | null {
  if (a === null || b === null) return null;
  return literalSet([...a.literals, ...b.literals], a.ignoreCase || b.ignoreCase);
}

/** Both requirements hold (`and`, a sequence): either one may be used; take the more selective. */
export function best(a: LiteralSet | null, b: LiteralSet | null): LiteralSet | null {
  if (a === null) return b;
  if (b === null) return a;
  const sa = score(a);
  const sb = score(b);
  if (sa !== sb) return sa > sb ? a : b;
  if (a.literals.length !== b.literals.length) return a.literals.length < b.literals.length ? a : b;
  return a.ignoreCase && !b.ignoreCase ? b : a;
}

/** The shortest literal decides how many lines a set lets through. */
function score(s: LiteralSet): number {
  return Math.min(...s.literals.map((l) => l.length));
}
