// What strings each output field of a query can hold (string-shape.ts), followed command by
// command: a regex parse gives a field the shape of its group, fields/stats carry shapes through
// concat, coalesce, replace, tolower/toupper and plain copies, `filter ispresent(x)` drops the null
// case. Anything else, and a field the query reads without assigning it (a field Logs Insights
// discovers in JSON events), can hold anything.
// One assumption: a field the query assigns holds nothing before its first assignment. Logs
// Insights discovers fields only in JSON events and AWS-vended logs ("Supported logs and
// discovered fields"), not in text lines such as Postfix's, so a parse that does not match leaves
// such a field null rather than holding a discovered value of the same name.
import type { Command, Expr } from "../syntax/ast.js";
import { groupShapes } from "./regex-shape.js";
import { compileRegex } from "../compile/regex.js";
import type { QuerySource } from "../syntax/query-source.js";
import { CharSet } from "./char-set.js";
import { ANY, EMPTY, NOTHING, alphabet, anyOf, concat, literal, mapRuns, run, union, type Shape } from "./string-shape.js";

/** The strings a field can hold, and whether it can be null (absent). */
interface FieldValue {
  readonly shape: Shape;
  readonly nullable: boolean;
}

const UNKNOWN: FieldValue = { shape: ANY, nullable: true };
const ABSENT: FieldValue = { shape: NOTHING, nullable: true };

interface Env {
  readonly fields: Map<string, FieldValue>;
  /** After a stats, rows hold only its outputs: any other field is absent. */
  afterStats: boolean;
}

/** The shape of each field the query assigns, as its result rows carry it (null values aside). */
export function fieldShapes(source: QuerySource, commands: readonly Command[]): Map<string, Shape> {
  const env: Env = { fields: new Map(), afterStats: false };
  for (const cmd of commands) apply(source, cmd, env);
  return new Map([...env.fields].map(([name, value]) => [name, value.shape]));
}

function apply(source: QuerySource, cmd: Command, env: Env): void {
  switch (cmd.kind) {
    case "fields":
      for (const item of cmd.items) env.fields.set(item.name, fieldValueOf(item.expr, env));
      return;
    case "parse": {
      const groups =
        cmd.mode === "regex" ? regexGroups(source, cmd.pattern) : new Map(cmd.names.map((n): [string, Shape] => [n.name, ANY]));
      // On no match the field keeps what it held: the union of both.
      for (const [name, shape] of groups)
        env.fields.set(name, { shape: union((env.fields.get(name) ?? ABSENT).shape, shape), nullable: true });
      return;
    }
    case "filter":
      for (const name of presentFields(cmd.predicate)) env.fields.set(name, { ...read(name, env), nullable: false });
      return;
    case "stats": {
      const outputs: [string, FieldValue][] = [
        ...cmd.by.map((item): [string, FieldValue] => [item.name, fieldValueOf(item.expr, env)]),
        ...cmd.items.map((item): [string, FieldValue] => [item.name, UNKNOWN]),
      ];
      env.fields.clear();
      for (const [name, value] of outputs) env.fields.set(name, value);
      env.afterStats = true;
      return;
    }
    default:
      return;
  }
}

function regexGroups(source: QuerySource, pattern: Extract<Expr, { kind: "regex" }>): Map<string, Shape> {
  const compiled = compileRegex(source, pattern);
  const shapes = groupShapes(compiled.body, compiled.ignoreCase);
  return new Map(compiled.groupNames.map((name) => [name, shapes.get(name) ?? ANY]));
}

function read(name: string, env: Env): FieldValue {
  return env.fields.get(name) ?? (env.afterStats ? ABSENT : UNKNOWN);
}

/** Fields a predicate requires to be present: `ispresent(x)` in a chain of `and`. */
function presentFields(predicate: Expr): string[] {
  if (predicate.kind === "binary" && predicate.op === "and") return [...presentFields(predicate.left), ...presentFields(predicate.right)];
  const [arg] = predicate.kind === "call" && predicate.name.toLowerCase() === "ispresent" ? predicate.args : [];
  return arg?.kind === "field" ? [arg.name] : [];
}

function fieldValueOf(expr: Expr, env: Env): FieldValue {
  switch (expr.kind) {
    case "string":
      return { shape: literal(expr.value), nullable: false };
    case "field":
      return read(expr.name, env);
    case "call":
      return callValue(
        expr.name.toLowerCase(),
        expr.args.map((arg) => ({ expr: arg, value: fieldValueOf(arg, env) })),
      );
    default:
      return UNKNOWN;
  }
}

interface Argument {
  readonly expr: Expr;
  readonly value: FieldValue;
}

/** concat skips null arguments, coalesce takes the first non-null; replace and the case functions map characters. */
function callValue(name: string, args: readonly Argument[]): FieldValue {
  const [first, second, third] = args;
  const allNullable = args.every((arg) => arg.value.nullable);
  switch (name) {
    case "concat":
      return {
        shape: concat(...args.map(({ value }) => (value.nullable ? union(value.shape, EMPTY) : value.shape))),
        nullable: allNullable,
      };
    case "coalesce":
      return { shape: union(...args.map(({ value }) => value.shape)), nullable: allNullable };
    case "replace":
      return first === undefined
        ? UNKNOWN
        : { shape: replaced(first.value.shape, second?.expr, third?.expr), nullable: first.value.nullable };
    case "tolower":
    case "toupper":
      return first === undefined ? UNKNOWN : { shape: cased(first.value.shape, name === "tolower"), nullable: first.value.nullable };
    case "trim":
    case "ltrim":
    case "rtrim":
    case "substr":
      // They only take characters away.
      return first === undefined ? UNKNOWN : { shape: union(anyOf(first.value.shape), EMPTY), nullable: first.value.nullable };
    default:
      return UNKNOWN;
  }
}

/** replace(s, "x", "y") with one character each way maps the characters; anything else keeps only the alphabet. */
function replaced(shape: Shape, search: Expr | undefined, replacement: Expr | undefined): Shape {
  if (search?.kind !== "string" || replacement?.kind !== "string") return ANY;
  const from = search.value;
  const to = replacement.value;
  if (from === "") return shape;
  if ([...from].length === 1 && [...to].length <= 1) {
    // Each `from` becomes `to` (or vanishes, so a run holding it may be shorter).
    return mapRuns(shape, (r) =>
      r.chars.has(from) ? { chars: r.chars.without(from).union(CharSet.of(to)), min: to === "" ? 0 : r.min, max: r.max } : r,
    );
  }
  return run(alphabet(shape).union(CharSet.of(to)), 0, Infinity);
}

/** Case mapping of ASCII letters; beyond ASCII a character may change its length (ß → SS), so anything. */
function cased(shape: Shape, lower: boolean): Shape {
  if (shape.flat().some((r) => r.chars.beyondAscii)) return ANY;
  return mapRuns(shape, (r) => ({ ...r, chars: r.chars.mapAscii((c) => (lower ? c.toLowerCase() : c.toUpperCase())) }));
}
