// Token kinds and the operator table of the Logs Insights query language, with precedence.
// Operators: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html

export type TokenKind =
  | "ident" // a bare word: command, keyword, function or field name (`@timestamp`, `a.b`)
  | "backquoted" // `any name`
  | "number"
  | "duration" // a number glued to a time unit: 5m, 1h, 30sec
  | "string" // '...' or "..."; value holds the unescaped text
  | "regex" // /.../; value holds the text between the slashes
  | "punct" // operators and punctuation: | ( ) , [ ] + - * / % ^ = != < > <= >= =~
  | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** The decoded value: unescaped string, regex body, name, or the punctuation itself. */
  readonly value: string;
  /** Offsets in the query text, end exclusive. */
  readonly start: number;
  readonly end: number;
}

/** Multi-character punctuation first, so the lexer takes the longest match. */
export const PUNCTUATION = ["=~", "!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "%", "^", "(", ")", ",", "[", "]", "|"] as const;

export type BinaryOperator = "or" | "and" | "=" | "!=" | "<" | ">" | "<=" | ">=" | "+" | "-" | "*" | "/" | "%" | "^";

/**
 * Binding power of each infix operator (higher binds tighter). `not` sits between `and` and the
 * comparisons; unary minus binds tighter than `*` but looser than `^` (so `-2 ^ 2` is -4).
 * `like`, `not like`, `in`, `not in` and `=~` are parsed at the comparison level.
 */
export const INFIX_PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  and: 2,
  "=": 4,
  "!=": 4,
  "<": 4,
  ">": 4,
  "<=": 4,
  ">=": 4,
  "=~": 4,
  like: 4,
  in: 4,
  not: 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "%": 6,
  "^": 8,
};

export const PREC_NOT = 3;
export const PREC_COMPARISON = 4;
export const PREC_UNARY_MINUS = 7;
export const PREC_POWER = 8;

/** Words that are operators inside expressions (matched case-insensitively). */
export const WORD_OPERATORS = new Set(["and", "or", "not", "like", "in"]);
