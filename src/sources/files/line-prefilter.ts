// Skips lines that cannot reach the query's output before they are decoded or timestamped:
// the engine's Prefilter lists literals of which a useful line contains at least one.
import type { Prefilter } from "../../insights/types.js";

export type LinePredicate = (line: Buffer) => boolean;

const ACCEPT_ALL: LinePredicate = () => true;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is \x00-\x7f, its control characters included.
const isAscii = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);

export function linePrefilter(prefilter: Prefilter | null): LinePredicate {
  // An empty list would reject every line; read it as "no prefilter", which is always sound.
  if (prefilter === null || prefilter.literals.length === 0 || prefilter.literals.includes("")) return ACCEPT_ALL;
  if (!prefilter.ignoreCase) {
    const needles = prefilter.literals.map((literal) => Buffer.from(literal, "utf8"));
    return (line) => needles.some((needle) => line.indexOf(needle) !== -1);
  }
  // (?i) matching of ASCII literals: JS regexes without the u flag fold only ASCII onto ASCII, so
  // lower-casing the line read as latin1 (one char per byte, no allocation of a UTF-8 decode) is exact.
  if (!prefilter.literals.every(isAscii)) return ACCEPT_ALL;
  const lowered = prefilter.literals.map((literal) => literal.toLowerCase());
  return (line) => {
    const text = line.toString("latin1").toLowerCase();
    return lowered.some((literal) => text.includes(literal));
  };
}
