// Compiles a `stats` command: its `by` keys, its aggregate calls (each a slot per group) and its
// output items, which are expressions over those slots (`stats sum(a) / count(*) as ratio` works).
// Rules (CWL_QuerySyntax-Stats): every item needs an aggregate, and fields may appear only inside
// aggregate arguments; aggregates do not nest.
import { AGGREGATES, type Accumulator } from "../library/aggregates.js";
import type { CallExpr, Expr, StatsCommand } from "../syntax/ast.js";
import { fieldReader, type Evaluator, type Kind } from "./compiled.js";
import { compileExpression, knownFunction, type ExprScope } from "./compile-expression.js";
import { timeUnit, type Period } from "../library/time.js";

export interface StatsPlan {
  readonly by: readonly { readonly name: string; readonly eval: Evaluator; readonly kind: Kind; readonly period: Period | null }[];
  readonly aggregates: readonly { readonly create: () => Accumulator; readonly arg: Evaluator | null }[];
  readonly items: readonly { readonly name: string; readonly eval: Evaluator; readonly kind: Kind }[];
}

/** Hidden field holding aggregate `i` of a group while the items are evaluated. */
export const slotName = (i: number) => `\u0000agg${i}`;

export function compileStats(scope: ExprScope, cmd: StatsCommand): StatsPlan {
  const aggregates: { create: () => Accumulator; arg: Evaluator | null }[] = [];
  const inner: ExprScope = { source: scope.source, kinds: scope.kinds };
  const aggregate = (call: CallExpr) => {
    const spec = AGGREGATES[call.name.toLowerCase()];
    if (spec === undefined) throw scope.source.error("E_AGG_CONTEXT", `${call.name}() is not an aggregate`, call.start);
    if ((call.star && !spec.star) || call.args.length < (spec.star ? 0 : spec.min) || call.args.length > spec.max) {
      throw scope.source.error("E_PARSE_ARITY", `wrong arguments for ${call.name}()`, call.start);
    }
    const [first, second] = call.args;
    const arg = first === undefined ? null : compileExpression(inner, first);
    const param = second === undefined ? null : percentArgument(scope, second);
    aggregates.push({ create: () => spec.create(param), arg: arg?.eval ?? null });
    return fieldReader(slotName(aggregates.length - 1), spec.kind(arg?.kind ?? "value"));
  };
  const items = cmd.items.map((item) => {
    checkFieldsInsideAggregates(scope, item.expr);
    const before = aggregates.length;
    const compiled = compileExpression({ ...scope, aggregate }, item.expr);
    if (aggregates.length === before)
      throw scope.source.error("E_AGG_CONTEXT", `stats needs an aggregate such as count(*) in "${item.name}"`, item.expr.start);
    return { name: item.name, eval: compiled.eval, kind: compiled.kind };
  });
  const by = cmd.by.map((item) => {
    const compiled = compileExpression(inner, item.expr);
    return { name: item.name, eval: compiled.eval, kind: compiled.kind, period: binPeriod(item.expr) };
  });
  return { by, aggregates, items };
}

/** pct's N: a number from 0 to 100, written as a literal. */
function percentArgument(scope: ExprScope, expr: Expr): number {
  if (expr.kind !== "number" || expr.value < 0 || expr.value > 100) {
    throw scope.source.error(
      "E_PARSE_EXPECTED",
      "pct() takes a percentile from 0 to 100 as its second argument, e.g. pct(latency, 95)",
      expr.start,
    );
  }
  return expr.value;
}

function binPeriod(expr: Expr): Period | null {
  if (expr.kind !== "call" || expr.name.toLowerCase() !== "bin" || expr.args[0]?.kind !== "duration") return null;
  const unit = timeUnit(expr.args[0].unit);
  return unit === null ? null : { amount: expr.args[0].amount, unit };
}

function checkFieldsInsideAggregates(scope: ExprScope, expr: Expr): void {
  const outside = (name: string) =>
    scope.source.error("E_AGG_CONTEXT", `field ${name} is used outside an aggregate; group by it with "by" instead`, expr.start);
  switch (expr.kind) {
    case "field":
      throw outside(expr.name);
    case "unary":
      checkFieldsInsideAggregates(scope, expr.operand);
      return;
    case "binary":
      checkFieldsInsideAggregates(scope, expr.left);
      checkFieldsInsideAggregates(scope, expr.right);
      return;
    case "match":
    case "in":
      checkFieldsInsideAggregates(scope, expr.subject);
      return;
    case "call":
      if (AGGREGATES[expr.name.toLowerCase()] !== undefined) return;
      // A call written like an earlier column reads that column (compileCall): a field like any other.
      if (scope.kinds.has(expr.text)) throw outside(expr.text);
      // The name first: `latest(@message)` is an aggregate this engine lacks, not a misplaced field.
      knownFunction(scope.source, expr);
      expr.args.forEach((a) => checkFieldsInsideAggregates(scope, a));
      return;
    default:
      return;
  }
}
