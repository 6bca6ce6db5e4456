// Compiles an expression once into a closure over a record: no AST walking per event. One
// exhaustive switch over the node kinds; operator semantics live in operators.ts, functions in
// functions.ts, aggregates in aggregates.ts.
import { assertNever } from "../errors.js";
import { AGGREGATES } from "../library/aggregates.js";
import type { CallExpr, Expr } from "../syntax/ast.js";
import { constant, fieldReader, type Compiled, type Evaluator, type Kind } from "./compiled.js";
import type { FunctionSpec } from "../library/function-spec.js";
import { FUNCTIONS, UNSUPPORTED_FUNCTIONS } from "../library/functions.js";
import { arithmetic, compare, negate, not, toEpochMs, valuesEqual, type Arithmetic, type Comparison } from "../library/operators.js";
import { compileRegex } from "./regex.js";
import type { QuerySource } from "../syntax/query-source.js";
import { nominalMs, timeUnit, type Period } from "../library/time.js";
import { formatValue, isTruthy, type Value } from "../runtime/values.js";

export interface ExprScope {
  readonly source: QuerySource;
  /** Static kinds of the fields known at this point of the query. */
  readonly kinds: ReadonlyMap<string, Kind>;
  /** Set only inside a stats item: compiles an aggregate call into a reader of its per-group result. */
  readonly aggregate?: (call: CallExpr) => Compiled;
}

export function compileExpression(scope: ExprScope, expr: Expr): Compiled {
  switch (expr.kind) {
    case "number":
    case "string":
      return constant(expr.value);
    case "field":
      return fieldReader(expr.name, scope.kinds.get(expr.name) ?? "value");
    case "regex":
      throw scope.source.error("E_PARSE_EXPECTED", "a /regex/ is only valid after like or =~, or in parse", expr.start);
    case "duration":
      throw scope.source.error(
        "E_PARSE_EXPECTED",
        "a time period such as 5m is only valid in bin(), datefloor() or dateceil()",
        expr.start,
      );
    case "unary": {
      const operand = compileExpression(scope, expr.operand).eval;
      return { kind: "value", eval: expr.op === "-" ? (r) => negate(operand(r)) : (r) => not(operand(r)) };
    }
    case "binary":
      return compileBinary(scope, expr);
    case "match":
      return compileMatch(scope, expr);
    case "in": {
      const subject = compileExpression(scope, expr.subject).eval;
      const items: Value[] = expr.items.map((i) => i.value);
      // Null rule: a null subject is in no list and "not in" no list either (comparisons with null are false).
      const member = (v: Value) => items.some((i) => valuesEqual(v, i));
      return {
        kind: "value",
        eval: expr.negated
          ? (r) => {
              const v = subject(r);
              return v !== null && !member(v);
            }
          : (r) => {
              const v = subject(r);
              return v !== null && member(v);
            },
      };
    }
    case "call":
      return compileCall(scope, expr);
    default:
      return assertNever(expr, "expression");
  }
}

type BinaryExpr = Extract<Expr, { kind: "binary" }>;

function compileBinary(scope: ExprScope, expr: BinaryExpr): Compiled {
  const left = compileExpression(scope, expr.left);
  const right = compileExpression(scope, expr.right);
  const l = left.eval;
  const r = right.eval;
  const op = expr.op;
  switch (op) {
    case "and":
      return { kind: "value", eval: (rec) => isTruthy(l(rec)) && isTruthy(r(rec)) };
    case "or":
      return { kind: "value", eval: (rec) => isTruthy(l(rec)) || isTruthy(r(rec)) };
    case "=":
    case "!=":
    case "<":
    case ">":
    case "<=":
    case ">=": {
      // A date compared with a string reads the string as a date ("2024-05-19 06:10:35.743", ISO 8601).
      const a = asDateIfOther(left, right);
      const b = asDateIfOther(right, left);
      const cmp: Comparison = op;
      return { kind: "value", eval: (rec) => compare(cmp, a(rec), b(rec)) };
    }
    default: {
      const arith: Arithmetic = op;
      return { kind: "value", eval: (rec) => arithmetic(arith, l(rec), r(rec)) };
    }
  }
}

function asDateIfOther(self: Compiled, other: Compiled): Evaluator {
  if (other.kind !== "date" || self.kind === "date") return self.eval;
  const f = self.eval;
  return (r) => {
    const v = f(r);
    return typeof v === "string" ? toEpochMs(v) : v;
  };
}

type MatchExpr = Extract<Expr, { kind: "match" }>;

/**
 * `like "text"` is a case-sensitive substring test; `like /re/` and `=~ /re/` a regex search
 * (CWL_QuerySyntax.md, "Regular Expressions in the Filter Command"). Null rule: a null subject
 * matches nothing, and `not like` is false for it too.
 */
function compileMatch(scope: ExprScope, expr: MatchExpr): Compiled {
  const subject = compileExpression(scope, expr.subject);
  const get = subject.eval;
  const isDate = subject.kind === "date";
  let test: (s: string) => boolean;
  if (expr.pattern.kind === "string") {
    const needle = expr.pattern.value;
    test = (s) => s.includes(needle);
  } else {
    const { regex } = compileRegex(scope.source, expr.pattern);
    test = (s) => regex.test(s);
  }
  const negated = expr.negated;
  return {
    kind: "value",
    eval: (r) => {
      const v = get(r);
      if (v === null) return false;
      return test(typeof v === "string" ? v : formatValue(v, isDate)) !== negated;
    },
  };
}

function compileCall(scope: ExprScope, call: CallExpr): Compiled {
  const lower = call.name.toLowerCase();
  const isAggregate = AGGREGATES[lower] !== undefined;
  if (isAggregate && scope.aggregate !== undefined) return scope.aggregate(call);
  // A call written like an existing field names that field: after `stats count(*) by bin(5m)`,
  // `sort count(*)` and `sort bin(5m)` mean the columns stats produced.
  const column = scope.kinds.get(call.text);
  if (column !== undefined) return fieldReader(call.text, column);
  if (isAggregate) throw scope.source.error("E_AGG_CONTEXT", `${call.name}() is an aggregate; use it in stats`, call.start);
  const spec = knownFunction(scope.source, call);
  if (call.star) throw scope.source.error("E_PARSE_EXPECTED", "* is only valid in count(*)", call.start);
  if (call.args.length < spec.min || call.args.length > spec.max) {
    const want = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
    throw scope.source.error("E_PARSE_ARITY", `${call.name}() takes ${want} argument(s), not ${call.args.length}`, call.start);
  }
  const args = call.args.map((arg, i) => (spec.periods?.includes(i) ? compilePeriod(scope, arg) : compileExpression(scope, arg)));
  return spec.build(args, { field: (name) => fieldReader(name, scope.kinds.get(name) ?? "value") });
}

/** The scalar function `call` names; a name outside the registry is E_PARSE_UNSUPPORTED when Logs Insights has it, else E_FUNC_UNKNOWN. */
export function knownFunction(source: QuerySource, call: CallExpr): FunctionSpec {
  const lower = call.name.toLowerCase();
  const spec = FUNCTIONS[lower];
  if (spec !== undefined) return spec;
  if (UNSUPPORTED_FUNCTIONS.has(lower))
    throw source.error("E_PARSE_UNSUPPORTED", `${call.name}() is not supported by the local engine`, call.start);
  throw source.error("E_FUNC_UNKNOWN", `unknown function ${call.name}()`, call.start);
}

function compilePeriod(scope: ExprScope, arg: Expr): Compiled {
  if (arg.kind !== "duration") throw scope.source.error("E_PARSE_EXPECTED", "expected a time period such as 5m, 1h or 1d", arg.start);
  const unit = timeUnit(arg.unit);
  if (unit === null)
    throw scope.source.error("E_TIME_UNIT", `unknown time unit "${arg.unit}"; use ms, s, m, h, d, w, mo, q or y`, arg.start);
  const calendar = unit === "mo" || unit === "q" || unit === "y";
  if (!(arg.amount > 0) || (calendar && !Number.isInteger(arg.amount))) {
    throw scope.source.error("E_TIME_UNIT", "a time period must be a positive amount (a whole number for mo, q and y)", arg.start);
  }
  const period: Period = { amount: arg.amount, unit };
  // A length that overflows (bin(1e400m)) would put every event in a NaN bin.
  if (!Number.isFinite(nominalMs(period)))
    throw scope.source.error("E_TIME_UNIT", "the time period is too long to compute with; use e.g. 1y", arg.start);
  return { eval: () => null, kind: "value", period };
}
