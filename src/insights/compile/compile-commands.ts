// Compiles each command into a step: for the streaming commands (fields, parse, filter) the form
// fused-ops.ts joins with the others of the stream, and for every command a whole-rows operation
// for use after the first sort/limit/dedup/stats (a streaming command there runs its fused form
// alone, so each command's semantics is written once).
// `env` tracks, command by command, the static kind of each field and which fields the result shows.
import { assertNever } from "../errors.js";
import type { Command, ParseCommand } from "../syntax/ast.js";
import { fieldReader, type Evaluator, type Kind } from "./compiled.js";
import { compileExpression, type ExprScope } from "./compile-expression.js";
import { globToRegex } from "./glob.js";
import { numberedGroups } from "./numbered-groups.js";
import { Grouper } from "../runtime/grouper.js";
import { allRows } from "../row-table.js";
import { sortRecords, type OrderKey } from "../runtime/ordering.js";
import { compileRegex } from "./regex.js";
import { fuseOps, type FusedOp } from "./fused-ops.js";
import type { QuerySource } from "../syntax/query-source.js";
import { compileStats, type StatsPlan } from "./stats-plan.js";
import { formatValue, type Rec } from "../runtime/values.js";

/** A per-record operation; false drops the record. */
export type RecordOp = (r: Rec) => boolean;
export type RowOp = (rows: Rec[]) => Rec[];

export interface Env {
  readonly kinds: Map<string, Kind>;
  /** Fields named by `fields` (or produced by the last stats), in order; null when none. */
  fields: string[] | null;
  /** The last `display` list, which wins over `fields`. */
  display: string[] | null;
}

export interface Step {
  /** A streaming command, which fused-ops.ts joins with the others of the stream (`rows` runs it on rows). */
  readonly fused?: FusedOp;
  readonly rows: RowOp;
  readonly order?: readonly OrderKey[];
  readonly stats?: StatsPlan;
}

function streaming(fused: FusedOp): Step {
  let op: RecordOp | undefined;
  return { fused, rows: (rows) => rows.filter((op ??= fuseOps([fused]))) };
}

export function compileCommand(source: QuerySource, cmd: Command, env: Env): Step {
  const scope: ExprScope = { source, kinds: env.kinds };
  switch (cmd.kind) {
    case "fields":
      return streaming(compileFields(source, cmd, env));
    case "display":
      env.display = cmd.names.map((n) => n.name);
      return { rows: (rows) => rows };
    case "filter":
      return streaming({ kind: "filter", predicate: compileExpression(scope, cmd.predicate).eval });
    case "parse":
      return streaming(compileParse(source, cmd, env));
    case "stats": {
      const plan = compileStats(scope, cmd);
      env.kinds.clear();
      for (const b of plan.by) env.kinds.set(b.name, b.kind);
      for (const item of plan.items) env.kinds.set(item.name, item.kind);
      env.fields = [...plan.by.map((b) => b.name), ...plan.items.map((i) => i.name)];
      env.display = null;
      return { stats: plan, rows: (rows) => runStats(plan, rows) };
    }
    case "sort": {
      const order = cmd.keys.map((k) => ({ eval: compileExpression(scope, k.expr).eval, descending: k.descending }));
      return { order, rows: (rows) => sortRecords(rows, order) };
    }
    case "limit":
      return { rows: (rows) => rows.slice(0, cmd.count) };
    case "dedup":
      return {
        rows: compileDedup(
          cmd.names.map((n) => n.name),
          env,
        ),
      };
    default:
      return assertNever(cmd, "command");
  }
}

/** `fields a, expr as b`: evaluated left to right, so a later item can use an earlier alias. */
function compileFields(source: QuerySource, cmd: Extract<Command, { kind: "fields" }>, env: Env): FusedOp {
  const assignments: { name: string; eval: Evaluator }[] = [];
  for (const item of cmd.items) {
    if (!(item.expr.kind === "field" && item.expr.name === item.name)) {
      const compiled = compileExpression({ source, kinds: env.kinds }, item.expr);
      assignments.push({ name: item.name, eval: compiled.eval });
      env.kinds.set(item.name, compiled.kind);
    }
    env.fields ??= [];
    if (!env.fields.includes(item.name)) env.fields.push(item.name);
  }
  return { kind: "fields", names: assignments.map((a) => a.name), evals: assignments.map((a) => a.eval) };
}

/**
 * parse: on a match, sets every extracted field (a regex group that took no part in the match
 * sets its field to null); on no match the record is kept unchanged, so fields set earlier stay
 * (CWL_QuerySyntax-Parse: "you still see it in the results, but without the extracted fields").
 */
function compileParse(source: QuerySource, cmd: ParseCommand, env: Env): FusedOp {
  const isDate = env.kinds.get(cmd.field.name) === "date";
  let regex: RegExp;
  let names: readonly string[];
  let groups: readonly (string | number)[];
  if (cmd.mode === "glob") {
    regex = globToRegex(cmd.pattern.value);
    names = cmd.names.map((n) => n.name);
    groups = names.map((_, i) => i + 1);
  } else {
    const compiled = compileRegex(source, cmd.pattern);
    if (compiled.groupNames.length === 0) {
      throw source.error("E_REGEX_NO_GROUPS", "parse needs named groups such as (?<status>\\w+) in its regex", cmd.pattern.start);
    }
    names = compiled.groupNames;
    const numbered = numberedGroups(compiled.body, compiled.regex.flags);
    regex = numbered?.regex ?? compiled.regex;
    groups = numbered === null ? names : names.map((name) => numbered.index.get(name) ?? name);
  }
  for (const name of names) env.kinds.set(name, "value");
  return { kind: "parse", field: cmd.field.name, isDate, regex, names, groups };
}

/**
 * dedup keeps the first row (in the current order) of each combination of values; "null values are
 * not considered duplicates", so a row with a null in any of the fields is always kept
 * (CWL_QuerySyntax-Dedup). Values that print the same ("1" and 1) are duplicates.
 */
function compileDedup(names: readonly string[], env: Env): RowOp {
  const readers = names.map((n) => fieldReader(n, env.kinds.get(n) ?? "value"));
  return (rows) => {
    const seen = new Set<string>();
    return rows.filter((r) => {
      const values = readers.map((f) => f.eval(r));
      if (values.some((v) => v === null)) return true;
      const key = values.map((v, i) => formatValue(v, readers[i]?.kind === "date")).join("\u0000");
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
}

/** A stats after the first: aggregates the rows the query has so far. */
function runStats(plan: StatsPlan, rows: Rec[]): Rec[] {
  const grouper = new Grouper(plan);
  for (const r of rows) grouper.add(r);
  return allRows(grouper.finish());
}
