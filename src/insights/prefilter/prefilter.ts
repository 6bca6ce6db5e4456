// Derives the prefilter: literals such that an event whose @message contains none of them cannot
// reach the output, so callers may skip it unread. Only the streaming commands (before the first
// sort, limit, dedup or stats) are used: a filter that runs later on retained rows could change
// which rows are retained if events were dropped early. Sources of literals:
// - `filter @message like "lit"` / `like /regex/` / `=~ /regex/` / strcontains(@message, "lit");
// - a filter that is false when a field is null (ispresent(f), comparisons, like, in, `filter f`)
//   where f is only ever set by a `parse` of @message: f is then present only if the parse
//   matched, so the parse pattern's required literals apply.
// `and` may use either side, `or` needs both, `not` gives up. Anything unclear gives null.
import type { Command, Expr } from "../syntax/ast.js";
import { globLiterals } from "../compile/glob.js";
import { best, literalSet, union, type LiteralSet } from "./literal-set.js";
import { isBlocking } from "../compile/query-plan.js";
import { compileRegex } from "../compile/regex.js";
import { requiredLiterals } from "./regex-literals.js";
import type { QuerySource } from "../syntax/query-source.js";
import type { Prefilter } from "../types.js";

/** Fields every event may carry: their presence says nothing about @message. */
const EVENT_FIELDS = ["@timestamp", "@message", "@logStream", "@log", "@ingestionTime"];

interface State {
  readonly source: QuerySource;
  /** False once a `fields ... as @message` rewrote @message. */
  messageIntact: boolean;
  /** For fields set only by parse: what @message must contain for the field to be present. */
  readonly presence: Map<string, LiteralSet | null>;
}

export function derivePrefilter(source: QuerySource, commands: readonly Command[]): Prefilter | null {
  const state: State = { source, messageIntact: true, presence: new Map(EVENT_FIELDS.map((f) => [f, null])) };
  let result: LiteralSet | null = null;
  for (const cmd of commands) {
    if (isBlocking(cmd)) break;
    if (cmd.kind === "filter") result = best(result, whenTrue(state, cmd.predicate));
    else if (cmd.kind === "parse") trackParse(state, cmd);
    else if (cmd.kind === "fields") {
      for (const item of cmd.items) {
        if (item.expr.kind === "field" && item.expr.name === item.name) continue;
        if (item.name === "@message") state.messageIntact = false;
        state.presence.set(item.name, null);
      }
    }
  }
  return result === null ? null : { literals: result.literals, ignoreCase: result.ignoreCase };
}

function trackParse(state: State, cmd: Extract<Command, { kind: "parse" }>): void {
  const input = presenceOf(state, cmd.field.name);
  let own: LiteralSet | null;
  let names: readonly string[];
  if (cmd.mode === "glob") {
    own = literalSet(globLiterals(cmd.pattern.value).slice(0, 1), false);
    names = cmd.names.map((n) => n.name);
  } else {
    const regex = compileRegex(state.source, cmd.pattern);
    own = requiredLiterals(regex.body, regex.ignoreCase);
    names = regex.groupNames;
  }
  // The parse sets its fields only when it matched, which needs its input (and so the input's own
  // requirement) and its pattern's literals when the input is the untouched @message.
  const required = cmd.field.name === "@message" && state.messageIntact ? own : input;
  for (const name of names) {
    const before = state.presence.get(name);
    // A field a parse sets is present only if that parse matched or it was present before.
    state.presence.set(name, before === undefined ? required : union(before, required));
  }
}

/** What @message must contain for a present value of `field`; null when unknown. */
function presenceOf(state: State, field: string): LiteralSet | null {
  return state.presence.get(field) ?? null;
}

/** A requirement on @message that holds whenever `expr` is truthy, or null. */
function whenTrue(state: State, expr: Expr): LiteralSet | null {
  switch (expr.kind) {
    case "field":
      return presenceOf(state, expr.name);
    case "binary":
      if (expr.op === "and") return best(whenTrue(state, expr.left), whenTrue(state, expr.right));
      if (expr.op === "or") return union(whenTrue(state, expr.left), whenTrue(state, expr.right));
      if (["=", "!=", "<", ">", "<=", ">="].includes(expr.op)) return best(nonNull(state, expr.left), nonNull(state, expr.right));
      return null;
    case "match":
      if (!expr.negated && isMessage(state, expr.subject)) return patternLiterals(state, expr.pattern);
      return nonNull(state, expr.subject);
    case "in":
      return nonNull(state, expr.subject);
    case "call":
      return callWhenTrue(state, expr);
    default:
      return null;
  }
}

function callWhenTrue(state: State, call: Extract<Expr, { kind: "call" }>): LiteralSet | null {
  const name = call.name.toLowerCase();
  const [first, second] = call.args;
  if (name === "ispresent" && first !== undefined) return nonNull(state, first);
  if (name === "strcontains" && first !== undefined) {
    const own = isMessage(state, first) && second?.kind === "string" ? literalSet([second.value], false) : null;
    return best(own, nonNull(state, first));
  }
  return null;
}

/** A requirement that holds when `expr` is a field with a non-null value. */
function nonNull(state: State, expr: Expr): LiteralSet | null {
  return expr.kind === "field" ? presenceOf(state, expr.name) : null;
}

function isMessage(state: State, expr: Expr): boolean {
  return state.messageIntact && expr.kind === "field" && expr.name === "@message";
}

function patternLiterals(state: State, pattern: Extract<Expr, { kind: "match" }>["pattern"]): LiteralSet | null {
  if (pattern.kind === "string") return literalSet([pattern.value], false);
  const regex = compileRegex(state.source, pattern);
  return requiredLiterals(regex.body, regex.ignoreCase);
}

/**
 * True when an event whose @message holds one of `prefilter`'s literals certainly passes the
 * query's first command, so a caller that dropped the others may skip that command: it is
 * `filter @message like` (or `=~`) a string or a regex that is nothing but an alternation of plain
 * printable-ASCII literals, compared with case, whose literals are the prefilter's own. ASCII bytes
 * never occur inside a multi-byte UTF-8 sequence, so a byte search for them (the file source's) and
 * the regex over the decoded line agree even on invalid UTF-8.
 */
export function settlesFirstFilter(source: QuerySource, commands: readonly Command[], prefilter: Prefilter | null): boolean {
  const first = commands[0];
  if (prefilter === null || prefilter.ignoreCase || first?.kind !== "filter") return false;
  const match = first.predicate;
  if (match.kind !== "match" || match.negated || match.subject.kind !== "field" || match.subject.name !== "@message") return false;
  const alternatives = match.pattern.kind === "string" ? [match.pattern.value] : literalAlternatives(compileRegex(source, match.pattern));
  if (alternatives === null || !alternatives.every((a) => /^[\x20-\x7e]+$/.test(a))) return false;
  const own = literalSet(alternatives, false);
  return own !== null && own.literals.length === prefilter.literals.length && own.literals.every((l) => prefilter.literals.includes(l));
}

/** `a|b\(c` as ["a", "b(c"]; null when the regex holds anything but literals and `|`. */
function literalAlternatives(regex: { readonly body: string; readonly ignoreCase: boolean }): string[] | null {
  if (regex.ignoreCase) return null;
  const alternatives = [""];
  const body = regex.body;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "|") alternatives.push("");
    else if (c === "\\") {
      const next = body[++i];
      // Only an escaped punctuation character stands for itself (\d, \b, \n... do not).
      if (next === undefined || !/[\\^$.|?*+()[\]{}/-]/.test(next)) return null;
      alternatives[alternatives.length - 1] += next;
    } else if ("^$.?*+()[]{}".includes(c)) return null;
    else alternatives[alternatives.length - 1] += c;
  }
  return alternatives;
}

/**
 * How a caller applies a Prefilter to a message (the files source does it on bytes:
 * sources/files/line-prefilter.ts). Case-insensitive literals are compared upper-cased: JS regexes
 * without the `u` flag fold case by upper-casing single characters, so a message the regex can
 * match always contains the upper-cased literal in its upper-cased form.
 */
export function messagePassesPrefilter(prefilter: Prefilter, message: string): boolean {
  if (!prefilter.ignoreCase) return prefilter.literals.some((l) => message.includes(l));
  const upper = message.toUpperCase();
  return prefilter.literals.some((l) => upper.includes(l.toUpperCase()));
}
