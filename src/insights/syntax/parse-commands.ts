// One parse function per command of the supported subset, with what the reference says of it.
// Command pages: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
import type { Command, NamedExpr, NameRef, SortKey } from "./ast.js";
import { lookupTable } from "../library/lookup-table.js";
import { parseExpression } from "./parse-expression.js";
import type { ReferenceEntry } from "../library/reference-entry.js";
import type { TokenStream } from "./token-stream.js";

type CommandParser = (ts: TokenStream, start: number) => Command;

export interface CommandSpec extends ReferenceEntry {
  readonly parse: CommandParser;
}

const page = (command: string) => `https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-${command}.html`;

export const COMMAND_PARSERS: Readonly<Record<string, CommandSpec>> = lookupTable({
  fields: {
    doc: page("Fields"),
    usage: "fields expression [as name], ...",
    summary: 'Shows the named fields and computes new ones: `fields concat(a, "-", b) as ab`',
    choice: "items are computed left to right, so an item can use an alias made before it in the same command",
    parse: (ts, start) => ({ kind: "fields", items: parseNamedList(ts), start }),
  },
  display: {
    doc: page("Display"),
    usage: "display field, ...",
    summary: "The fields the result shows; the last `display` of a query counts, and wins over `fields`",
    parse: (ts, start) => ({ kind: "display", names: parseNameList(ts, "a field name"), start }),
  },
  filter: {
    doc: page("Filter"),
    usage: "filter expression",
    summary: "Keeps the events for which the expression is true",
    nulls: "a null expression is false: the event is dropped",
    parse: (ts, start) => ({ kind: "filter", predicate: parseExpression(ts), start }),
  },
  parse: {
    doc: page("Parse"),
    usage: 'parse [field] "text * text" as name, ...; parse [field] /text (?<name>regex) text/',
    summary: "Extracts fields from `@message`, or the field named: one per `*` of a glob, one per named group of a regex",
    nulls: "a null input leaves the event as it is",
    choice:
      "an event that does not match keeps every field it had, earlier parses included; a named group that took no part " +
      "in the match sets its field to null; a glob is searched anywhere in the field, each `*` takes as little as it can " +
      "(a trailing `*` the rest), across newlines. The logfmt, csv and multi modes are not supported",
    parse: parseParse,
  },
  stats: {
    doc: page("Stats"),
    usage: "stats aggregate [as name], ... [by expression [as name], ...]",
    summary: "Aggregates the events per group of `by` values; an item may combine aggregates: `sum(a) / count(*)`",
    nulls: "null is a group value of its own",
    choice:
      "rows come out by their `by` values ascending, in the order of `sort`, nulls last (so bins oldest first); " +
      "`bin() offset` is not supported",
    parse: parseStats,
  },
  sort: {
    doc: page("Sort"),
    usage: "sort expression [asc | desc], ...",
    summary: "Orders the rows, ascending unless `desc`: non-numbers before numbers, numbers by value, text in natural order",
    nulls: "null sorts last, ascending or descending",
    choice: "rows with equal keys keep the order they came in",
    parse: parseSort,
  },
  limit: {
    doc: page("Limit"),
    usage: "limit count",
    summary: "Keeps the first `count` rows; `count` is a positive whole number",
    parse: parseLimit,
  },
  dedup: {
    doc: page("Dedup"),
    usage: "dedup field, ...",
    summary: "Keeps the first row, in the current order, of each combination of the fields' values; only `limit` may follow",
    nulls: "a row with a null in any of the fields is always kept",
    choice: 'values that print the same (`"1"` and `1`) are duplicates',
    parse: (ts, start) => ({ kind: "dedup", names: parseNameList(ts, "a field name"), start }),
  },
});

/** Logs Insights commands outside this engine's subset: rejected, never silently ignored. */
export const UNSUPPORTED_COMMANDS = new Set([
  "pattern",
  "diff",
  "unmask",
  "source",
  "filterindex",
  "lookup",
  "anomaly",
  "unnest",
  "head",
  "tail",
  "fieldindex",
]);

/** `expr [as name], ...` */
export function parseNamedList(ts: TokenStream, stopWord?: string): NamedExpr[] {
  const items: NamedExpr[] = [];
  do {
    if (stopWord !== undefined && ts.isWord(stopWord)) break;
    const mark = ts.mark();
    const expr = parseExpression(ts);
    const text = ts.textSince(mark);
    if (ts.eatWord("as")) items.push({ expr, name: ts.name('a name after "as"').name, aliased: true });
    else items.push({ expr, name: expr.kind === "field" ? expr.name : text, aliased: false });
  } while (ts.eatPunct(","));
  return items;
}

function parseNameList(ts: TokenStream, what: string): NameRef[] {
  const names: NameRef[] = [];
  do names.push(ts.name(what));
  while (ts.eatPunct(","));
  return names;
}

/**
 * `parse [field] "glob * pattern" as a, b` or `parse [field] /(?<name>regex)/`; the field defaults
 * to @message (CWL_QuerySyntax-Parse). logfmt, csv and multi-match modes are outside the subset.
 */
function parseParse(ts: TokenStream, start: number): Command {
  let field: NameRef = { name: "@message", start: ts.tok.start };
  if ((ts.tok.kind === "ident" && !isParseMode(ts)) || ts.tok.kind === "backquoted") field = ts.name("a field name");
  if (isParseMode(ts)) return ts.raise("E_PARSE_UNSUPPORTED", `parse ${ts.tok.value} mode is not supported; use a glob "..." or a /regex/`);
  const regex = ts.regex();
  if (regex !== null) {
    if (ts.isWord("multi")) ts.raise("E_PARSE_UNSUPPORTED", "parse ... multi (multi-match mode) is not supported");
    return {
      kind: "parse",
      mode: "regex",
      field,
      pattern: { kind: "regex", source: regex.value, start: regex.start, end: regex.end },
      start,
    };
  }
  if (ts.tok.kind !== "string")
    return ts.raise("E_PARSE_EXPECTED", `expected a "glob pattern" or a /regex/ after parse but found ${ts.describe()}`);
  const token = ts.advance();
  if (!ts.eatWord("as")) ts.raise("E_PARSE_EXPECTED", `expected "as" and field names after the glob pattern but found ${ts.describe()}`);
  const names = parseNameList(ts, "a field name");
  const stars = token.value.split("*").length - 1;
  if (stars !== names.length) {
    const follow = names.length === 1 ? "name follows" : "names follow";
    ts.raise("E_PARSE_ARITY", `the glob pattern has ${stars} * but ${names.length} ${follow} "as"; give one name per *`, token.start);
  }
  return {
    kind: "parse",
    mode: "glob",
    field,
    pattern: { kind: "string", value: token.value, start: token.start, end: token.end },
    names,
    start,
  };
}

function isParseMode(ts: TokenStream): boolean {
  return ts.isWord("logfmt") || ts.isWord("csv");
}

/** `stats agg(...) [as name], ... [by expr [as name], ...]` (CWL_QuerySyntax-Stats). */
function parseStats(ts: TokenStream, start: number): Command {
  if (ts.isWord("by")) ts.raise("E_PARSE_EXPECTED", 'expected an aggregate such as count(*) before "by"');
  const items = parseNamedList(ts, "by");
  const by = ts.eatWord("by") ? parseNamedList(ts) : [];
  if (ts.isWord("offset")) ts.raise("E_PARSE_UNSUPPORTED", "bin(...) offset is not supported");
  return { kind: "stats", items, by, start };
}

function parseSort(ts: TokenStream, start: number): Command {
  const keys: SortKey[] = [];
  do {
    const expr = parseExpression(ts);
    // Ascending unless `desc` (CWL_QuerySyntax-Sort names asc and desc; asc is the natural default).
    const descending = ts.eatWord("desc") ? true : (ts.eatWord("asc"), false);
    keys.push({ expr, descending });
  } while (ts.eatPunct(","));
  return { kind: "sort", keys, start };
}

function parseLimit(ts: TokenStream, start: number): Command {
  const token = ts.tok;
  const count = Number(token.value);
  if (token.kind !== "number" || !Number.isInteger(count) || count < 1) {
    return ts.raise("E_PARSE_EXPECTED", `expected a positive whole number after limit but found ${ts.describe()}`);
  }
  ts.advance();
  return { kind: "limit", count, start };
}
