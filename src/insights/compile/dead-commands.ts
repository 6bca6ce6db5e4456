// Commands whose work nobody reads: a `parse` or `fields` before the first stats none of whose
// fields the stats (or a command between) reads. The stats then gives the same rows with or
// without them, so the plan skips running them per event; they are still compiled, so a query
// the service would refuse is refused all the same. postfix-smtp-status works out relayDomain
// for the Provider dimension; without that dimension the stats does not read it, and this keeps
// the query as fast as it was without it.
import type { Command, Expr } from "../syntax/ast.js";
import { compileRegex } from "./regex.js";
import type { QuerySource } from "../syntax/query-source.js";

/** Indices of the commands to skip; empty unless the first command that needs all rows is a stats. */
export function deadCommands(source: QuerySource, commands: readonly Command[]): Set<number> {
  const first = commands.findIndex((cmd) => cmd.kind === "stats" || cmd.kind === "sort" || cmd.kind === "limit" || cmd.kind === "dedup");
  const stats = commands[first];
  const dead = new Set<number>();
  if (stats?.kind !== "stats") return dead;
  const live = new Set([...stats.by.flatMap((item) => fieldsReadBy(item.expr)), ...stats.items.flatMap((item) => fieldsReadBy(item.expr))]);
  for (let i = first - 1; i >= 0; i--) {
    const cmd = commands[i]!;
    if (cmd.kind === "filter") for (const field of fieldsReadBy(cmd.predicate)) live.add(field);
    else if (cmd.kind === "parse") {
      const names = cmd.mode === "glob" ? cmd.names.map((n) => n.name) : compileRegex(source, cmd.pattern).groupNames;
      // A parse that does not match leaves its fields as they were, so it kills no earlier value.
      if (names.some((name) => live.has(name))) live.add(cmd.field.name);
      else dead.add(i);
    } else if (cmd.kind === "fields") {
      if (!cmd.items.some((item) => live.has(item.name))) {
        dead.add(i);
        continue;
      }
      for (const item of [...cmd.items].reverse()) {
        if (!live.has(item.name)) continue;
        live.delete(item.name);
        for (const field of fieldsReadBy(item.expr)) live.add(field);
      }
    }
  }
  return dead;
}

/** The fields an expression reads; bin() and datefloor() read @timestamp. */
export function fieldsReadBy(expr: Expr): string[] {
  switch (expr.kind) {
    case "field":
      return [expr.name];
    case "unary":
      return fieldsReadBy(expr.operand);
    case "binary":
      return [...fieldsReadBy(expr.left), ...fieldsReadBy(expr.right)];
    case "match":
    case "in":
      return fieldsReadBy(expr.subject);
    case "call": {
      const name = expr.name.toLowerCase();
      return [...(name === "bin" || name === "datefloor" ? ["@timestamp"] : []), ...expr.args.flatMap(fieldsReadBy)];
    }
    default:
      return [];
  }
}
