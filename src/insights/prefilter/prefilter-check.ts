// How a caller applies a Prefilter to a line. Case-insensitive literals are compared upper-cased:
// JS regexes without the `u` flag fold case by upper-casing single characters, so a line the
// regex can match always contains the upper-cased literal in its upper-cased form.
import type { Prefilter } from "../types.js";

export function messagePassesPrefilter(prefilter: Prefilter, message: string): boolean {
  if (!prefilter.ignoreCase) return prefilter.literals.some((l) => message.includes(l));
  const upper = message.toUpperCase();
  return prefilter.literals.some((l) => upper.includes(l.toUpperCase()));
}
