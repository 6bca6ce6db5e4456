// Expressions by precedence climbing over the table in tokens.ts.
// Grammar: CWL_QuerySyntax-operations-functions (operators) and CWL_QuerySyntax-Filter (like, =~, in).
import type { Expr, Literal, RegexLiteral, StringLiteral } from "./ast.js";
import type { TokenStream } from "./token-stream.js";
import { INFIX_PRECEDENCE, PREC_NOT, PREC_POWER, PREC_UNARY_MINUS, WORD_OPERATORS, type BinaryOperator } from "./tokens.js";

/**
 * Deepest expression accepted. Parsing, compiling and evaluating recurse once per level, so a
 * deeper one (5,000 parentheses fit in StartQuery's 10,000 characters) would overflow the stack.
 */
export const MAX_EXPRESSION_DEPTH = 500;

export function parseExpression(ts: TokenStream, minPrec = 0): Expr {
  const outer = ts.depth;
  const expr = parseLevel(ts, minPrec);
  ts.depth = outer;
  return expr;
}

/** One level: each nested expression, and each operator applied to `left`, is one deeper. */
function deeper(ts: TokenStream): void {
  if (++ts.depth > MAX_EXPRESSION_DEPTH) {
    ts.raise(
      "E_PARSE_UNSUPPORTED",
      `the expression nests or chains more than ${MAX_EXPRESSION_DEPTH} levels deep; split it, or use in [...] for a long or-chain`,
    );
  }
}

function parseLevel(ts: TokenStream, minPrec: number): Expr {
  deeper(ts);
  let left = parsePrefix(ts);
  for (;;) {
    const op = infixOperator(ts);
    const prec = op === null ? undefined : INFIX_PRECEDENCE[op];
    if (op === null || prec === undefined || prec <= minPrec) return left;
    const opStart = ts.tok.start;
    deeper(ts);
    ts.advance();
    if (op === "like" || op === "=~") left = parseMatch(ts, left, false);
    else if (op === "in") left = parseIn(ts, left, false);
    else if (op === "not") left = parseNegated(ts, left);
    else {
      const right = parseExpression(ts, op === "^" ? PREC_POWER - 1 : prec);
      left = { kind: "binary", op: op as BinaryOperator, left, right, start: left.start, end: right.end, opStart };
    }
  }
}

function infixOperator(ts: TokenStream): string | null {
  const { kind, value } = ts.tok;
  if (kind === "punct") return value;
  if (kind === "ident" && WORD_OPERATORS.has(value.toLowerCase())) return value.toLowerCase();
  return null;
}

/** After `subject not`: only `not like` and `not in` exist. */
function parseNegated(ts: TokenStream, subject: Expr): Expr {
  if (ts.eatWord("like")) return parseMatch(ts, subject, true);
  if (ts.eatWord("in")) return parseIn(ts, subject, true);
  return ts.raise("E_PARSE_EXPECTED", `expected "like" or "in" after "not" but found ${ts.describe()}`);
}

/** `like` / `=~` take a "substring" or a /regex/. */
function parseMatch(ts: TokenStream, subject: Expr, negated: boolean): Expr {
  const token = ts.regex() ?? (ts.tok.kind === "string" ? ts.advance() : null);
  if (token === null) return ts.raise("E_PARSE_EXPECTED", `expected a "string" or a /regex/ but found ${ts.describe()}`);
  const pattern: StringLiteral | RegexLiteral =
    token.kind === "regex"
      ? { kind: "regex", source: token.value, start: token.start, end: token.end }
      : { kind: "string", value: token.value, start: token.start, end: token.end };
  return { kind: "match", negated, subject, pattern, start: subject.start, end: token.end };
}

/** `in [1, "a", ...]`: a list of literals. */
function parseIn(ts: TokenStream, subject: Expr, negated: boolean): Expr {
  ts.expectPunct("[");
  const items: Literal[] = [];
  if (!ts.isPunct("]")) {
    do items.push(parseLiteral(ts));
    while (ts.eatPunct(","));
  }
  const close = ts.expectPunct("]");
  return { kind: "in", negated, subject, items, start: subject.start, end: close.end };
}

function parseLiteral(ts: TokenStream): Literal {
  const start = ts.tok.start;
  const sign = ts.eatPunct("-") ? -1 : 1;
  const token = ts.tok;
  if (token.kind === "number") {
    ts.advance();
    return { kind: "number", value: sign * Number(token.value), start, end: token.end };
  }
  if (token.kind === "string" && sign === 1) {
    ts.advance();
    return { kind: "string", value: token.value, start, end: token.end };
  }
  return ts.raise("E_PARSE_EXPECTED", `expected a number or a "string" in the list but found ${ts.describe()}`);
}

function parsePrefix(ts: TokenStream): Expr {
  const token = ts.tok;
  switch (token.kind) {
    case "number":
      ts.advance();
      return { kind: "number", value: Number(token.value), start: token.start, end: token.end };
    case "string":
      ts.advance();
      return { kind: "string", value: token.value, start: token.start, end: token.end };
    case "duration": {
      ts.advance();
      const unit = /[A-Za-z]+$/.exec(token.value)?.[0] ?? "";
      const amount = Number(token.value.slice(0, token.value.length - unit.length));
      return { kind: "duration", amount, unit, start: token.start, end: token.end };
    }
    case "backquoted":
      ts.advance();
      return { kind: "field", name: token.value, start: token.start, end: token.end };
    case "ident":
      return parseWord(ts);
    case "punct":
      return parsePunctPrefix(ts);
    case "regex":
    case "eof":
      return ts.raise("E_PARSE_EXPECTED", `expected an expression but found ${ts.describe()}`);
  }
}

function parseWord(ts: TokenStream): Expr {
  const mark = ts.mark();
  const token = ts.advance();
  const lower = token.value.toLowerCase();
  if (lower === "not") {
    const operand = parseExpression(ts, PREC_NOT);
    return { kind: "unary", op: "not", operand, start: token.start, end: operand.end };
  }
  if (WORD_OPERATORS.has(lower)) {
    return ts.raise("E_PARSE_EXPECTED", `expected an expression but found ${ts.describe(token)}`, token.start);
  }
  if (!ts.isPunct("(")) return { kind: "field", name: token.value, start: token.start, end: token.end };
  ts.advance();
  if (ts.isPunct("*")) {
    ts.advance();
    const close = ts.expectPunct(")");
    return { kind: "call", name: token.value, args: [], star: true, text: ts.textSince(mark), start: token.start, end: close.end };
  }
  const args: Expr[] = [];
  if (!ts.isPunct(")")) {
    do args.push(parseExpression(ts));
    while (ts.eatPunct(","));
  }
  const close = ts.expectPunct(")");
  return { kind: "call", name: token.value, args, star: false, text: ts.textSince(mark), start: token.start, end: close.end };
}

function parsePunctPrefix(ts: TokenStream): Expr {
  const token = ts.tok;
  if (token.value === "/") {
    const regex = ts.regex();
    if (regex !== null) return { kind: "regex", source: regex.value, start: regex.start, end: regex.end };
  }
  if (token.value === "(") {
    ts.advance();
    const inner = parseExpression(ts);
    ts.expectPunct(")");
    return inner;
  }
  if (token.value === "-") {
    ts.advance();
    const operand = parseExpression(ts, PREC_UNARY_MINUS);
    if (operand.kind === "number") return { ...operand, value: -operand.value, start: token.start };
    return { kind: "unary", op: "-", operand, start: token.start, end: operand.end };
  }
  return ts.raise("E_PARSE_EXPECTED", `expected an expression but found ${ts.describe()}`);
}
