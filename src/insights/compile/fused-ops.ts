// The streaming commands of a query (parse, fields, filter) as one function made for the query,
// instead of a closure per command called in a loop. The loop's call site serves every command of
// every query, and each kind of command's closure serves all its instances (the three parses of
// postfix-smtp-status read two fields and set three sets of fields through one body), so V8 sees
// many targets and shapes at each site and can neither inline nor specialise. In a function made
// for one query each field is read and set by a name of its own, each regex is called from a site
// of its own, and the expressions' closures are each called from one site. A streaming command
// after a stats or sort runs on the rows as a function of its own made here (compile-commands.ts).
// Names enter the code only as JSON string literals, regexes, evaluators and numbers only as
// arguments or integers.
import { assertNever } from "../errors.js";
import { formatValue, isTruthy, type Rec } from "../runtime/values.js";
import type { Evaluator } from "./compiled.js";
import { matchAssignments } from "./field-access.js";

/** A streaming command, as fused-ops.ts needs it. */
export type FusedOp =
  | {
      readonly kind: "parse";
      readonly field: string;
      /** The field is a date: a number is matched as its printed time. */
      readonly isDate: boolean;
      readonly regex: RegExp;
      readonly names: readonly string[];
      readonly groups: readonly (string | number)[];
    }
  | { readonly kind: "fields"; readonly names: readonly string[]; readonly evals: readonly Evaluator[] }
  | { readonly kind: "filter"; readonly predicate: Evaluator };

const literal = (name: string): string => JSON.stringify(name);

/** One function that runs `ops` in order on a record; false when a filter drops it. */
export function fuseOps(ops: readonly FusedOp[]): (r: Rec) => boolean {
  const args: unknown[] = [];
  const arg = (value: unknown): string => {
    args.push(value);
    return `k${args.length - 1}`;
  };
  const body = ops.map((op) => {
    switch (op.kind) {
      case "parse": {
        // A null field is left alone; a match sets every field, an unmatched group to null; no match
        // keeps the record unchanged (compileParse).
        const regex = arg(op.regex);
        return `{ const v = r[${literal(op.field)}];
  if (v !== undefined && v !== null) {
    const m = ${regex}.exec(typeof v === "string" ? v : formatValue(v, ${op.isDate}));
    if (m !== null) { ${matchAssignments(op.names, op.groups)} }
  } }`;
      }
      case "fields":
        return op.names.map((name, i) => `r[${literal(name)}] = ${arg(op.evals[i])}(r);`).join("\n");
      case "filter":
        return `if (!isTruthy(${arg(op.predicate)}(r))) return false;`;
      default:
        return assertNever(op, "streaming command");
    }
  });
  const names = args.map((_, i) => `k${i}`);
  const make = new Function("isTruthy", "formatValue", ...names, `return function fusedOps(r) {\n${body.join("\n")}\nreturn true;\n};`);
  return make(isTruthy, formatValue, ...args) as (r: Rec) => boolean;
}
