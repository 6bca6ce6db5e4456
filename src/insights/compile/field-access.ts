// Reading and writing a record's fields by names the query gives, at the speed of names written in
// the code. A closure reading `r[name]` with `name` a variable serves every field of every query
// from one property-access site, which V8 then treats as megamorphic and looks up the slow way on
// every record; a function made for one name has a site of its own that sees one or a few record
// shapes and stays fast (an eighth less time per event for the shipped reply/DSN query,
// bench/RESULTS.md). The names enter the made code only as JSON string literals, which hold the
// name and nothing else; group numbers are integers.
import type { Rec, Value } from "../runtime/values.js";

const literal = (name: string): string => JSON.stringify(name);

/** `r[name]`, with an absent field read as null. */
export function fieldGetter(name: string): (r: Rec) => Value {
  return new Function("r", `const v = r[${literal(name)}]; return v === undefined ? null : v;`) as (r: Rec) => Value;
}

/**
 * Statements that set each field of a record `r` from its regex group of a match `m` (a number, or
 * a name in `groups`); a group that took no part sets null.
 */
export function matchAssignments(names: readonly string[], groups: readonly (string | number)[]): string {
  const body = names.map((name, i) => {
    const group = groups[i] as string | number;
    const read = typeof group === "number" ? `m[${Math.trunc(group)}]` : `m.groups?.[${literal(group)}]`;
    return `{ const x = ${read}; r[${literal(name)}] = x === undefined ? null : x; }`;
  });
  return body.join("\n");
}
