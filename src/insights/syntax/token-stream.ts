// The parser's view of the tokens: one token of lookahead, tiny eat/expect helpers and one
// `raise`, in the style of acorn's parseutil.js.
import type { QueryErrorCode } from "../errors.js";
import { Lexer } from "./lexer.js";
import type { QuerySource } from "./query-source.js";
import type { Token } from "./tokens.js";

export class TokenStream {
  tok: Token;
  /** Expression levels open at the current token (parse-expression.ts bounds it). */
  depth = 0;
  private readonly lexer: Lexer;
  private readonly consumed: Token[] = [];

  constructor(readonly source: QuerySource) {
    this.lexer = new Lexer(source);
    this.tok = this.lexer.next();
  }

  advance(): Token {
    const token = this.tok;
    this.consumed.push(token);
    this.tok = this.lexer.next();
    return token;
  }

  isPunct(p: string): boolean {
    return this.tok.kind === "punct" && this.tok.value === p;
  }

  /** Keywords and command names are matched case-insensitively. */
  isWord(word: string): boolean {
    return this.tok.kind === "ident" && this.tok.value.toLowerCase() === word;
  }

  eatPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.advance();
    return true;
  }

  eatWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.advance();
    return true;
  }

  expectPunct(p: string): Token {
    if (!this.isPunct(p)) this.raise("E_PARSE_EXPECTED", `expected "${p}" but found ${this.describe()}`);
    return this.advance();
  }

  /** The current `/` token re-read as a regex literal, or null when the current token is not `/`. */
  regex(): Token | null {
    if (!this.isPunct("/")) return null;
    this.tok = this.lexer.regexAt(this.tok);
    return this.advance();
  }

  /** A field name: a bare word or a backquoted name. */
  name(what: string): { name: string; start: number } {
    const token = this.tok;
    if (token.kind !== "ident" && token.kind !== "backquoted") {
      this.raise("E_PARSE_EXPECTED", `expected ${what} but found ${this.describe()}`);
    }
    this.advance();
    return { name: token.value, start: token.start };
  }

  mark(): number {
    return this.consumed.length;
  }

  /**
   * The source text of the tokens consumed since `mark`, with comments dropped and any run of
   * whitespace between two tokens written as one space: the name AWS gives an un-aliased expression.
   */
  textSince(mark: number): string {
    const text = this.source.text;
    let out = "";
    for (let i = mark; i < this.consumed.length; i++) {
      const token = this.consumed[i] as Token;
      if (i > mark && token.start > (this.consumed[i - 1] as Token).end) out += " ";
      out += text.slice(token.start, token.end);
    }
    return out;
  }

  describe(token: Token = this.tok): string {
    return token.kind === "eof" ? "the end of the query" : JSON.stringify(this.source.text.slice(token.start, token.end));
  }

  raise(code: QueryErrorCode, detail: string, offset: number = this.tok.start): never {
    throw this.source.error(code, detail, offset);
  }
}
