// Finds the lines of a chunk that contain any of the prefilter's literals by searching the whole
// chunk at once, instead of testing every line: the lines between hits are never looked at.
// The chunk is read as latin1 (one char per byte, so string offsets are byte offsets) and searched
// with one regex alternating the literals' UTF-8 bytes; V8's regex engine scans for several
// literals in one pass faster than one Buffer.indexOf pass per literal (bench/RESULTS.md).
// Exactly the lines the prefilter accepts are found: no literal holds a `\r` or `\n`, so none can
// match across a line end or take the `\r` of a `\r\n` (which the line as read leaves out).
import type { Prefilter } from "../../insights/types.js";

const NEWLINE = 10;

/**
 * Calls `visit(start, end, text, offset)` for each line (end at its `\n`) of `chunk[from, to)` that
 * contains a literal; `to` follows a `\n`. `text` holds the line read as latin1, from `start - offset`.
 */
export type CandidateLines = (
  chunk: Buffer,
  from: number,
  to: number,
  visit: (start: number, end: number, text: string, offset: number) => void,
) => void;

/** A literal's UTF-8 bytes as latin1 text: one char per byte, as the chunk is searched. */
export const asLatin1 = (literal: string): string => Buffer.from(literal, "utf8").toString("latin1");

const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

/** A chunk-wide search for the prefilter's literals; undefined when it cannot stand for the prefilter. */
export function candidateLines(prefilter: Prefilter | null): CandidateLines | undefined {
  // Without literals every line passes; (?i) literals and line ends are left to line-prefilter.ts.
  if (prefilter === null || prefilter.ignoreCase || prefilter.literals.length === 0) return undefined;
  if (prefilter.literals.some((literal) => literal === "" || /[\r\n]/.test(literal))) return undefined;
  const alternatives = prefilter.literals.map((literal) => escapeRegex(asLatin1(literal)));
  const pattern = new RegExp(alternatives.join("|"), "g");
  return (chunk, from, to, visit) => {
    for (let start = from; start < to; ) {
      // Windows of whole lines under 64 KiB keep the strings in V8's young generation (a string over
      // ~128 KiB is a large object that only full collections free).
      const end = start + WINDOW >= to ? to : windowEnd(chunk, start, to);
      const text = chunk.toString("latin1", start, end);
      pattern.lastIndex = 0;
      // After a match, lastIndex - 1 is its last byte: inside the line, as no literal holds a newline.
      while (pattern.test(text)) {
        const inside = start + pattern.lastIndex - 1;
        const lineEnd = chunk.indexOf(NEWLINE, inside);
        visit(Math.max(start, chunk.lastIndexOf(NEWLINE, inside) + 1), lineEnd, text, start);
        pattern.lastIndex = lineEnd + 1 - start;
      }
      start = end;
    }
  };
}

const WINDOW = 64 * 1024;

/** After the last `\n` within WINDOW bytes of `start`, or after the first one past it (a longer line). */
function windowEnd(chunk: Buffer, start: number, to: number): number {
  const last = chunk.lastIndexOf(NEWLINE, start + WINDOW - 1);
  return (last >= start ? last : chunk.indexOf(NEWLINE, start + WINDOW)) + 1 || to;
}
