import { describe, expect, it } from "vitest";
import { LineSplitter } from "../../../src/sources/files/line-splitter.js";

function split(chunks: readonly (string | Buffer)[], max = 100, end: "end" | "abandon" = "end") {
  const lines: string[] = [];
  let tooLong = 0;
  const splitter = new LineSplitter({ line: (bytes) => lines.push(bytes.toString("latin1")), tooLong: () => tooLong++ }, max);
  for (const chunk of chunks) splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, "latin1"));
  const abandoned = end === "end" ? (splitter.end(), false) : splitter.abandon();
  return { lines, tooLong, abandoned };
}

describe(LineSplitter.name, () => {
  it("splits on \\n and drops a \\r before it", () => {
    expect(split(["a\nb\r\nc\n"]).lines).toEqual(["a", "b", "c"]);
  });

  it("joins lines split across chunks, also between \\r and \\n", () => {
    expect(split(["ab", "c\r", "\nde", "f\n"]).lines).toEqual(["abc", "def"]);
  });

  it("keeps a last line without newline, and empty lines", () => {
    expect(split(["a\n\nb"]).lines).toEqual(["a", "", "b"]);
  });

  it("keeps NUL bytes and other binary", () => {
    expect(split([Buffer.from([0x61, 0x00, 0xff, 0x0a])]).lines).toEqual(["a\u0000\u00ff"]);
  });

  it("skips and counts a line over the cap, within one chunk and across chunks", () => {
    expect(split([`${"x".repeat(101)}\nok\n`])).toMatchObject({ lines: ["ok"], tooLong: 1 });
    expect(split(["x".repeat(60), "x".repeat(60), "x".repeat(60), "\nok\n"])).toMatchObject({ lines: ["ok"], tooLong: 1 });
  });

  it("accepts a line of exactly the cap", () => {
    expect(split([`${"x".repeat(100)}\r\n`]).lines).toEqual(["x".repeat(100)]);
  });

  it("drops the incomplete last line when the input breaks off", () => {
    expect(split(["a\nbro"], 100, "abandon")).toEqual({ lines: ["a"], tooLong: 0, abandoned: true });
    expect(split(["a\n"], 100, "abandon").abandoned).toBe(false);
  });
});
