// The syntax tree. Every node carries `start`/`end` offsets into the query text so errors can
// point at it and un-aliased expressions can be named by their source text, as AWS names them.
import type { BinaryOperator } from "./tokens.js";

interface Span {
  readonly start: number;
  readonly end: number;
}

export type Literal = NumberLiteral | StringLiteral;
export interface NumberLiteral extends Span {
  readonly kind: "number";
  readonly value: number;
}
export interface StringLiteral extends Span {
  readonly kind: "string";
  readonly value: string;
}
export interface RegexLiteral extends Span {
  readonly kind: "regex";
  readonly source: string;
}
/** A time period argument such as `5m`; `unit` as written. */
export interface DurationLiteral extends Span {
  readonly kind: "duration";
  readonly amount: number;
  readonly unit: string;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | RegexLiteral
  | DurationLiteral
  | { readonly kind: "field"; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: "unary"; readonly op: "-" | "not"; readonly operand: Expr; readonly start: number; readonly end: number }
  | {
      readonly kind: "binary";
      readonly op: BinaryOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly start: number;
      readonly end: number;
      readonly opStart: number;
    }
  /** `like`, `not like` and `=~` with a "substring" or a /regex/. */
  | {
      readonly kind: "match";
      readonly negated: boolean;
      readonly subject: Expr;
      readonly pattern: StringLiteral | RegexLiteral;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: "in";
      readonly negated: boolean;
      readonly subject: Expr;
      readonly items: readonly Literal[];
      readonly start: number;
      readonly end: number;
    }
  /** A function or aggregate call; `star` for `count(*)`. `name` as written (case kept); `text` is the normalised source. */
  | {
      readonly kind: "call";
      readonly name: string;
      readonly args: readonly Expr[];
      readonly star: boolean;
      readonly text: string;
      readonly start: number;
      readonly end: number;
    };

export type FieldExpr = Extract<Expr, { kind: "field" }>;
export type CallExpr = Extract<Expr, { kind: "call" }>;

/** An expression with the name its value gets: the alias, else its normalised source text. */
export interface NamedExpr {
  readonly expr: Expr;
  readonly name: string;
  readonly aliased: boolean;
}

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
}

export interface NameRef {
  readonly name: string;
  readonly start: number;
}

export type Command =
  | { readonly kind: "fields"; readonly items: readonly NamedExpr[]; readonly start: number }
  | { readonly kind: "display"; readonly names: readonly NameRef[]; readonly start: number }
  | { readonly kind: "filter"; readonly predicate: Expr; readonly start: number }
  | {
      readonly kind: "parse";
      readonly field: NameRef;
      readonly pattern: StringLiteral;
      readonly names: readonly NameRef[];
      readonly mode: "glob";
      readonly start: number;
    }
  | { readonly kind: "parse"; readonly field: NameRef; readonly pattern: RegexLiteral; readonly mode: "regex"; readonly start: number }
  | { readonly kind: "stats"; readonly items: readonly NamedExpr[]; readonly by: readonly NamedExpr[]; readonly start: number }
  | { readonly kind: "sort"; readonly keys: readonly SortKey[]; readonly start: number }
  | { readonly kind: "limit"; readonly count: number; readonly start: number }
  | { readonly kind: "dedup"; readonly names: readonly NameRef[]; readonly start: number };

export type ParseCommand = Extract<Command, { kind: "parse" }>;
export type StatsCommand = Extract<Command, { kind: "stats" }>;
