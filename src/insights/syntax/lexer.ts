// Turns the query text into tokens on demand. The parser asks for a regex explicitly where one
// may start (after `like`, `=~`, or in `parse`), because `/` is also the division operator.
import { PUNCTUATION, type Token, type TokenKind } from "./tokens.js";
import type { QuerySource } from "./query-source.js";

const isDigit = (c: string) => c >= "0" && c <= "9";
const isLetter = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
// Field names may hold letters, digits, `_`, `@` and `.` without backquotes (CWL_QuerySyntax: "Any log
// field named in a query that has characters other than the @ sign, the period (.), and alphanumeric
// characters must be surrounded by backtick characters").
const isNameStart = (c: string) => isLetter(c) || c === "_" || c === "@";
const isNamePart = (c: string) => isNameStart(c) || isDigit(c) || c === ".";

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'" };

export class Lexer {
  private pos = 0;

  constructor(private readonly source: QuerySource) {}

  private get text(): string {
    return this.source.text;
  }

  next(): Token {
    this.skipTrivia();
    const start = this.pos;
    const text = this.text;
    if (start >= text.length) return { kind: "eof", value: "", start, end: start };
    const c = text[start] as string;
    if (isNameStart(c)) return this.name(start);
    if (isDigit(c) || (c === "." && isDigit(text[start + 1] ?? ""))) return this.number(start);
    if (c === '"' || c === "'") return this.string(start, c);
    if (c === "`") return this.backquoted(start);
    for (const p of PUNCTUATION) {
      if (text.startsWith(p, start)) return this.token("punct", p, start, start + p.length);
    }
    throw this.source.error("E_LEX_CHAR", `unexpected character ${JSON.stringify(c)}`, start);
  }

  /** Re-reads the `/` token at `slash` as a regex literal `/.../`. */
  regexAt(slash: Token): Token {
    const text = this.text;
    let i = slash.start + 1;
    let inClass = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "\n") break;
      if (c === "\\") i++;
      else if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      else if (c === "/" && !inClass) return this.token("regex", text.slice(slash.start + 1, i), slash.start, i + 1);
    }
    throw this.source.error("E_LEX_UNTERMINATED", "regex is not closed with /", slash.start);
  }

  private token(kind: TokenKind, value: string, start: number, end: number): Token {
    this.pos = end;
    return { kind, value, start, end };
  }

  private skipTrivia(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === " " || c === "\t" || c === "\r" || c === "\n") this.pos++;
      else if (c === "#") {
        const eol = text.indexOf("\n", this.pos);
        this.pos = eol < 0 ? text.length : eol;
      } else break;
    }
  }

  private name(start: number): Token {
    let i = start + 1;
    while (i < this.text.length && isNamePart(this.text[i] as string)) i++;
    return this.token("ident", this.text.slice(start, i), start, i);
  }

  private number(start: number): Token {
    const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.text.slice(start, start + 64));
    let i = start + (m?.[0].length ?? 1);
    const numberEnd = i;
    // A number glued to letters is a time period such as 5m or 1hr (bin, datefloor, dateceil).
    while (i < this.text.length && isLetter(this.text[i] as string)) i++;
    if (i > numberEnd) return this.token("duration", this.text.slice(start, i), start, i);
    return this.token("number", this.text.slice(start, numberEnd), start, numberEnd);
  }

  /** Escapes: \n \t \r \\ \" \'; any other backslash is kept as written (so "a\.b" stays a\.b). */
  private string(start: number, quote: string): Token {
    const text = this.text;
    let value = "";
    for (let i = start + 1; i < text.length; i++) {
      const c = text[i] as string;
      if (c === quote) return this.token("string", value, start, i + 1);
      if (c === "\\" && i + 1 < text.length) {
        const next = text[++i] as string;
        value += ESCAPES[next] ?? `\\${next}`;
      } else value += c;
    }
    throw this.source.error("E_LEX_UNTERMINATED", `string is not closed with ${quote}`, start);
  }

  private backquoted(start: number): Token {
    const end = this.text.indexOf("`", start + 1);
    if (end < 0) throw this.source.error("E_LEX_UNTERMINATED", "backquoted name is not closed with `", start);
    return this.token("backquoted", this.text.slice(start + 1, end), start, end + 1);
  }
}
