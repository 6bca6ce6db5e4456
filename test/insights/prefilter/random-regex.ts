// Random Logs Insights regexes, each with a way to write a line it matches: for the prefilter's
// property tests. The pieces are the constructs the prefilter's walker reads (runs of literal
// characters, escapes, classes, groups, alternation, every quantifier form, lazy ones, a leading
// (?i)), in the subset compileRegex accepts (no lookaround, no backreferences).

export type Random = () => number;

export interface RandomRegex {
  /** The regex body, as written between the slashes. */
  readonly source: string;
  /** A string the regex matches (before any noise is added around it). */
  readonly sample: (next: Random) => string;
}

const pick = <T>(next: Random, items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const between = (next: Random, from: number, to: number) => from + Math.floor(next() * (to - from + 1));
const fixed = (source: string, text: string): RandomRegex => ({ source, sample: () => text });
const oneOf = (source: string, texts: readonly string[]): RandomRegex => ({ source, sample: (next) => pick(next, texts) });

/** Plain characters, and the punctuation a regex reads as itself only when escaped. */
const PLAIN = [..."abcxyzAB=:-_ 0"];
const ESCAPED = [..."().*+?[]{}|^$/\\"];

/** Single atoms that stand for one character, with the characters they match. */
const ATOMS: readonly (() => RandomRegex)[] = [
  ...PLAIN.map((c) => () => fixed(c, c)),
  ...ESCAPED.map((c) => () => fixed(`\\${c}`, c)),
  // JavaScript reads a `]` or `}` that closes nothing as itself.
  () => fixed("]", "]"),
  () => fixed("}", "}"),
  () => fixed(String.raw`\t`, "\t"),
  () => fixed(String.raw`\n`, "\n"),
  () => fixed(String.raw`\r`, "\r"),
  () => fixed(String.raw`\f`, "\f"),
  () => fixed(String.raw`\v`, "\v"),
  () => fixed(String.raw`\x41`, "A"),
  () => fixed(String.raw`\x3d`, "="),
  () => fixed(String.raw`\u0062`, "b"),
  () => fixed(String.raw`\cJ`, "\n"),
  () => fixed(String.raw`\ci`, "\t"),
  () => oneOf(String.raw`\d`, ["0", "7"]),
  () => oneOf(String.raw`\s`, [" ", "\t"]),
  () => oneOf(String.raw`\w`, ["a", "Z", "_", "5"]),
  () => oneOf(String.raw`\W`, ["-", " "]),
  () => oneOf(".", ["a", "=", "."]),
  () => oneOf("[abc]", ["a", "b", "c"]),
  () => oneOf("[^abc]", ["x", "]", "="]),
  () => oneOf(String.raw`[\]x]`, ["]", "x"]),
  () => oneOf(String.raw`[a-c\d]`, ["b", "3"]),
  () => oneOf("[[]", ["["]),
];

/** Several characters read as plain text: JavaScript reads a brace that is no quantifier as itself. */
const TEXTS: readonly RandomRegex[] = [fixed("{x}", "{x}"), fixed("{,3}", "{,3}"), fixed("ab{", "ab{")];

interface Quantifier {
  readonly text: string;
  readonly min: number;
  readonly max: number;
}

const QUANTIFIERS: readonly Quantifier[] = [
  { text: "?", min: 0, max: 1 },
  { text: "*", min: 0, max: 3 },
  { text: "+", min: 1, max: 3 },
  { text: "{0}", min: 0, max: 0 },
  { text: "{1}", min: 1, max: 1 },
  { text: "{2}", min: 2, max: 2 },
  { text: "{10}", min: 10, max: 10 },
  { text: "{0,2}", min: 0, max: 2 },
  { text: "{1,}", min: 1, max: 3 },
  { text: "{1,3}", min: 1, max: 3 },
  { text: "{2,12}", min: 2, max: 12 },
  { text: "{12,}", min: 12, max: 13 },
];

function quantified(next: Random, atom: RandomRegex): RandomRegex {
  if (next() < 0.6) return atom;
  const q = pick(next, QUANTIFIERS);
  const lazy = next() < 0.3 ? "?" : "";
  return {
    source: atom.source + q.text + lazy,
    sample: (n) => Array.from({ length: between(n, q.min, q.max) }, () => atom.sample(n)).join(""),
  };
}

let groupNames = 0;

function group(next: Random, depth: number): RandomRegex {
  const alternatives = Array.from({ length: between(next, 1, 3) }, () => sequence(next, depth + 1, next() < 0.15 ? 0 : 4));
  const body = alternatives.map((a) => a.source).join("|");
  const open = pick(next, ["(?:", "(", `(?<g${groupNames++}>`]);
  return { source: `${open}${body})`, sample: (n) => pick(n, alternatives).sample(n) };
}

function element(next: Random, depth: number): RandomRegex {
  const roll = next();
  if (depth < 3 && roll < 0.12) return quantified(next, group(next, depth));
  if (roll < 0.18) return pick(next, TEXTS);
  return quantified(next, pick(next, ATOMS)());
}

function sequence(next: Random, depth: number, maxLength: number): RandomRegex {
  const parts = Array.from({ length: between(next, maxLength === 0 ? 0 : 1, maxLength) }, () => element(next, depth));
  return { source: parts.map((p) => p.source).join(""), sample: (n) => parts.map((p) => p.sample(n)).join("") };
}

/** Flips the case of some ASCII letters: what a (?i) regex matches as well. */
function flipCase(next: Random, text: string): string {
  return [...text]
    .map((c) => (/[a-zA-Z]/.test(c) && next() < 0.5 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c))
    .join("");
}

/** A random regex: up to three top-level alternatives, perhaps anchored, perhaps (?i). */
export function randomRegex(next: Random): RandomRegex & { readonly ignoreCase: boolean } {
  groupNames = 0;
  const alternatives = Array.from({ length: next() < 0.7 ? 1 : between(next, 2, 3) }, () => sequence(next, 0, 6));
  const ignoreCase = next() < 0.2;
  const start = next() < 0.15 ? "^" : "";
  const end = next() < 0.15 ? "$" : "";
  const body = alternatives.map((a) => a.source).join("|");
  const anchored = alternatives.length === 1 ? `${start}${body}${end}` : body;
  return {
    source: `${ignoreCase ? (anchored.startsWith("^") ? `^(?i)${anchored.slice(1)}` : `(?i)${anchored}`) : anchored}`,
    ignoreCase,
    sample: (n) => {
      const text = pick(n, alternatives).sample(n);
      return ignoreCase ? flipCase(n, text) : text;
    },
  };
}

/** Lines for a regex: samples alone, inside noise, with one character changed, and noise alone. */
export function linesFor(next: Random, regex: RandomRegex, count: number): string[] {
  const noise = () => Array.from({ length: between(next, 0, 6) }, () => pick(next, [...PLAIN, ...ESCAPED, "\t", "\n", "é"])).join("");
  return Array.from({ length: count }, () => {
    const sample = regex.sample(next);
    const roll = next();
    if (roll < 0.35) return sample;
    if (roll < 0.7) return noise() + sample + noise();
    if (roll < 0.9 && sample.length > 0) {
      const at = between(next, 0, sample.length - 1);
      return sample.slice(0, at) + pick(next, [...PLAIN, ""]) + sample.slice(at + 1);
    }
    return noise();
  });
}
