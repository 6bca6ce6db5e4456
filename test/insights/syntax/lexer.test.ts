import { describe, expect, it } from "vitest";
import type { QuerySyntaxError } from "../../../src/insights/errors.js";
import { Lexer } from "../../../src/insights/syntax/lexer.js";
import { QuerySource } from "../../../src/insights/syntax/query-source.js";

/** Every token of `text` as "kind value line:column". */
function tokens(text: string): string[] {
  const source = new QuerySource(text);
  const lexer = new Lexer(source);
  const out: string[] = [];
  for (;;) {
    const t = lexer.next();
    const { line, column } = source.position(t.start);
    out.push(`${t.kind} ${t.value} ${line}:${column}`);
    if (t.kind === "eof") return out;
  }
}

function lexError(text: string) {
  try {
    tokens(text);
  } catch (error) {
    const { code, line, column } = error as QuerySyntaxError;
    return { code, line, column };
  }
  throw new Error("no error");
}

describe(Lexer.name, () => {
  it("reads names, punctuation and numbers with their positions", () => {
    expect(tokens("fields @timestamp, a.b | filter x>=10")).toEqual([
      "ident fields 1:1",
      "ident @timestamp 1:8",
      "punct , 1:18",
      "ident a.b 1:20",
      "punct | 1:24",
      "ident filter 1:26",
      "ident x 1:33",
      "punct >= 1:34",
      "number 10 1:36",
      "eof  1:38",
    ]);
  });

  it("takes the longest operator", () => {
    expect(tokens("a=~b!=c<=d=e").filter((t) => t.startsWith("punct"))).toEqual([
      "punct =~ 1:2",
      "punct != 1:5",
      "punct <= 1:8",
      "punct = 1:11",
    ]);
  });

  it("reads numbers, and a number glued to letters as a time period", () => {
    expect(tokens("1.5e3 .5 5m 10mins 2hrs")).toEqual([
      "number 1.5e3 1:1",
      "number .5 1:7",
      "duration 5m 1:10",
      "duration 10mins 1:13",
      "duration 2hrs 1:20",
      "eof  1:24",
    ]);
  });

  it("skips comments and counts lines", () => {
    expect(tokens("# first\n  fields a # trailing\n| limit 1")).toEqual([
      "ident fields 2:3",
      "ident a 2:10",
      "punct | 3:1",
      "ident limit 3:3",
      "number 1 3:9",
      "eof  3:10",
    ]);
  });

  it("decodes string escapes and keeps unknown ones", () => {
    expect(tokens(String.raw`"a\"b\n" 'it\'s' "x\dy"`)).toEqual([
      'string a"b\n 1:1',
      "string it's 1:10",
      String.raw`string x\dy 1:18`,
      "eof  1:24",
    ]);
  });

  it("reads backquoted names as written", () => {
    expect(tokens("`my-field.x` `@message`")).toEqual(["backquoted my-field.x 1:1", "backquoted @message 1:14", "eof  1:24"]);
  });

  it("re-reads a slash as a regex when asked, honouring escapes and classes", () => {
    const source = new QuerySource(String.raw`like /a\/b[/]c/ rest`);
    const lexer = new Lexer(source);
    lexer.next();
    const slash = lexer.next();
    expect(slash).toMatchObject({ kind: "punct", value: "/" });
    expect(lexer.regexAt(slash)).toEqual({ kind: "regex", value: String.raw`a\/b[/]c`, start: 5, end: 15 });
    expect(lexer.next()).toMatchObject({ kind: "ident", value: "rest", start: 16 });
  });

  it.each([
    ['filter "abc', "E_LEX_UNTERMINATED", 1, 8],
    ["a\n  `name", "E_LEX_UNTERMINATED", 2, 3],
    ["a ; b", "E_LEX_CHAR", 1, 3],
    ["x !y", "E_LEX_CHAR", 1, 3],
  ])("reports %j as %s at %i:%i", (text, code, line, column) => {
    expect(lexError(text)).toEqual({ code, line, column });
  });

  it("reports a regex cut by a newline as unterminated at its slash", () => {
    const source = new QuerySource("  /abc\n/");
    const lexer = new Lexer(source);
    const slash = lexer.next();
    expect(() => lexer.regexAt(slash)).toThrow(expect.objectContaining({ code: "E_LEX_UNTERMINATED", line: 1, column: 3 }));
  });
});
