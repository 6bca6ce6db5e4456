// What each output field of the last `stats` is, so a metric mapping can be checked before a run:
// a datum's timestamp must be a time (the bin() of `by`), its value an aggregate
// (CWL_QuerySyntax-Stats: `stats aggregate as name by key, bin(period) as name`).
import type { Command, Expr, StatsCommand } from "../syntax/ast.js";
import type { StatsPlan } from "./stats-plan.js";
import type { StatsOutput } from "../types.js";

export function statsOutputsOf(plan: StatsPlan, cmd: StatsCommand): StatsOutput[] {
  return [
    ...plan.by.map((b): StatsOutput => ({ name: b.name, role: b.period === null ? "group" : "bin", time: b.kind === "date" })),
    ...plan.items.map(
      (item, i): StatsOutput => ({ name: item.name, role: "aggregate", time: item.kind === "date", additive: adds(cmd.items[i]?.expr) }),
    ),
  ];
}

/** count() and sum() of two groups add up to the count or sum of both; avg, min, pct, count_distinct… do not. */
function adds(expr: Expr | undefined): boolean {
  return expr?.kind === "call" && ["count", "sum"].includes(expr.name.toLowerCase());
}

/**
 * The outputs once `cmd` has run after the stats: a field it assigns is no longer what stats made
 * of it, so it is left out; null when that cannot be told (a regex parse names its fields in the regex).
 */
export function statsOutputsAfter(outputs: readonly StatsOutput[], cmd: Command): readonly StatsOutput[] | null {
  let assigned: readonly string[];
  if (cmd.kind === "fields")
    assigned = cmd.items.filter((item) => !(item.expr.kind === "field" && item.expr.name === item.name)).map((item) => item.name);
  else if (cmd.kind === "parse") {
    if (cmd.mode === "regex") return null;
    assigned = cmd.names.map((n) => n.name);
  } else return outputs;
  return outputs.filter((output) => !assigned.includes(output.name));
}
