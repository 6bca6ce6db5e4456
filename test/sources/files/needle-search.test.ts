import { describe, expect, it } from "vitest";
import { linePrefilter } from "../../../src/sources/files/line-prefilter.js";
import { candidateLines } from "../../../src/sources/files/needle-search.js";

/** The lines of `text` (each ending in \n) that candidateLines finds, as strings. */
function found(literals: readonly string[], text: string | Buffer, from = 0): string[] {
  const chunk = Buffer.isBuffer(text) ? text : Buffer.from(text, "utf8");
  const search = candidateLines({ literals, ignoreCase: false });
  if (search === undefined) throw new Error("no chunk search for these literals");
  const lines: string[] = [];
  search(chunk, from, chunk.length, (start, end) => lines.push(chunk.toString("utf8", start, end)));
  return lines;
}

describe(candidateLines.name, () => {
  it("finds each line holding any literal once, in order, wherever the literal is in the line", () => {
    const text = "said: a said: b\nnothing\nx status=sent (250\nsaid: \n\nend said: ";
    expect(found(["said: ", "status=sent ("], `${text}\n`)).toEqual(["said: a said: b", "x status=sent (250", "said: ", "end said: "]);
  });

  it("reads regex metacharacters and UTF-8 in literals literally, on bytes", () => {
    expect(found(["a.c(", "Grüße"], "abc(\na.c(\nGrüße\nGruse\n")).toEqual(["a.c(", "Grüße"]);
    expect(found(["\u00ff"], Buffer.from([0xff, 0x0a, 0xc3, 0xbf, 0x0a]))).toEqual(["\u00ff"]);
  });

  it("starts at `from` and finds a line with a \\r before its \\n", () => {
    expect(found(["said: "], "said: a\nsaid: b\r\n", 8)).toEqual(["said: b\r"]);
  });

  it("agrees with the per-line prefilter on every line", () => {
    const literals = ["said: ", "refused to talk to me: ", "status=sent ("];
    const words = ["said:", "said: ", "status=sent (", "status=sent", "refused to talk to me: ", "x", " ", "\r"];
    let seed = 7;
    const pick = () => words[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length]!;
    const lines = Array.from({ length: 500 }, (_, i) => Array.from({ length: i % 6 }, pick).join(""));
    const accept = linePrefilter({ literals, ignoreCase: false });
    const expected = lines.filter((line) => accept(Buffer.from(line.replace(/\r$/, ""))));
    expect(found(literals, `${lines.join("\n")}\n`).map((line) => line.replace(/\r$/, ""))).toEqual(expected);
  });

  it("leaves case-insensitive literals, empty ones and line ends to the per-line prefilter", () => {
    expect(candidateLines(null)).toBeUndefined();
    expect(candidateLines({ literals: ["said"], ignoreCase: true })).toBeUndefined();
    expect(candidateLines({ literals: [""], ignoreCase: false })).toBeUndefined();
    expect(candidateLines({ literals: ["a\r\nb"], ignoreCase: false })).toBeUndefined();
  });
});
