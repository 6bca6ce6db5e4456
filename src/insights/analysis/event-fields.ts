// What a query knows per event, before its stats turns events into rows: which fields it assigns
// there, and the query text that keeps the events and their fields. Two uses:
// - a config dimension may name such a field (postfix-smtp-status's relayDomain): the stats then
//   groups by it too (groupedBy);
// - `mail-metrics explain` runs that part of the query to list the events behind a metric
//   (pipeline/explain), which needs each result field of the stats as an event-level expression.
import type { Command, StatsCommand } from "../syntax/ast.js";
import { parseQuery } from "../syntax/parser.js";
import { compileRegex } from "../compile/regex.js";
import { EngineError, QuerySyntaxError } from "../errors.js";
import type { QuerySource } from "../syntax/query-source.js";

/** The query split at its first stats. */
export interface EventPart {
  /** The commands before the first stats, as written (comments included, the white space after them left out); "" when the query starts with stats. */
  readonly text: string;
  /** Fields those commands assign: parse groups and names, fields items. */
  readonly assigned: ReadonlySet<string>;
  readonly stats: readonly StatsCommand[];
}

export function eventPart(queryText: string): EventPart {
  const { commands, source } = parseQuery(queryText);
  const first = commands.findIndex((cmd) => cmd.kind === "stats");
  const before = first < 0 ? commands : commands.slice(0, first);
  // Before a first stats only comments can stand, which would start the derived query ahead of its `|`.
  const text = first < 0 ? queryText.trimEnd() : first === 0 ? "" : textBefore(queryText, commands[first]!.start, first);
  return {
    text,
    assigned: new Set(before.flatMap((cmd) => assignedBy(source, cmd))),
    stats: commands.filter((cmd): cmd is StatsCommand => cmd.kind === "stats"),
  };
}

/** The query before the command at `start`, which `count` commands precede: up to the `|` between them, white space before it left out. */
function textBefore(queryText: string, start: number, count: number): string {
  // It is the last `|` whose text before it holds the commands before: a later one stands in a
  // comment after it, and the text before that one ends where a command should come.
  let pipe = queryText.lastIndexOf("|", start);
  while (pipe > 0 && !holdsCommands(queryText.slice(0, pipe), count)) pipe = queryText.lastIndexOf("|", pipe - 1);
  // The `|` before the stats always qualifies; past the start the search would never end.
  if (pipe <= 0) throw new EngineError(`no "|" ends the ${count} commands before the stats`);
  return queryText.slice(0, pipe).trimEnd();
}

function holdsCommands(text: string, count: number): boolean {
  try {
    return parseQuery(text).commands.length === count;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return false;
    throw error;
  }
}

function assignedBy(source: QuerySource, cmd: Command): string[] {
  if (cmd.kind === "fields") return cmd.items.map((item) => item.name);
  if (cmd.kind === "parse") return cmd.mode === "glob" ? cmd.names.map((n) => n.name) : [...compileRegex(source, cmd.pattern).groupNames];
  return [];
}

/** Built-in fields every event has, or may have (CWL_AnalyzeLogData-discoverable-fields). */
const EVENT_BUILTINS = new Set(["@message", "@logStream", "@log"]);

/**
 * The query with its stats also grouped by `fields`, each a field its events have (assigned before
 * the stats, or a built-in such as @logStream); or why that cannot be done. Only a query with one
 * stats: a later stats would have to carry the field too.
 */
export function groupedBy(
  queryText: string,
  fields: readonly string[],
): { readonly text: string } | { readonly problem: string; readonly field: string } {
  const part = eventPart(queryText);
  const unknown = fields.find((field) => !part.assigned.has(field) && !EVENT_BUILTINS.has(field));
  if (unknown !== undefined) return { problem: `field "${unknown}" is not assigned before the query's stats`, field: unknown };
  const [stats, ...later] = part.stats;
  if (stats === undefined || later.length > 0)
    return {
      problem: `the query has ${part.stats.length} stats commands, and only a single one can be grouped by it too`,
      field: fields[0]!,
    };
  const first = stats.by[0];
  if (first === undefined) return { problem: "its stats has no by to add it to", field: fields[0]! };
  const names = fields.map((field) => (/^[A-Za-z_@][A-Za-z0-9_.@]*$/.test(field) ? field : `\`${field}\``));
  return { text: `${queryText.slice(0, first.expr.start)}${names.join(", ")}, ${queryText.slice(first.expr.start)}` };
}

/** How the result fields of a query's last stats come from its events. */
export interface EventOrigins {
  /** Result field → the event-level expression a `by` of the first stats groups by (its source text). */
  readonly groups: ReadonlyMap<string, string>;
  /** Result fields that count events: count(*) or count() of a query's only stats. */
  readonly counts: ReadonlySet<string>;
  /** 1-based lines of filters after the first stats: they drop rows, so events the rows held are left out. */
  readonly rowFilterLines: readonly number[];
}

export function eventOrigins(queryText: string): EventOrigins {
  const { commands, source } = parseQuery(queryText);
  const first = commands.findIndex((cmd) => cmd.kind === "stats");
  const groups = new Map<string, string>();
  const counts = new Set<string>();
  const rowFilterLines: number[] = [];
  if (first < 0) return { groups, counts, rowFilterLines };
  const stats = commands[first] as StatsCommand;
  // As written: a field whose name is no bare word keeps its backquotes (`relay-host`).
  // A bin (bin() or datefloor(@timestamp, …)) is traced like any group: the config refuses a name
  // or dimension that reads one (noBinInSeries, config/rules/mapping-rules.ts).
  for (const item of stats.by) groups.set(item.name, queryText.slice(item.expr.start, item.expr.end));
  // A later stats clears them (carry).
  for (const item of stats.items)
    if (item.expr.kind === "call" && item.expr.name.toLowerCase() === "count" && item.expr.args.length === 0) counts.add(item.name);
  for (const cmd of commands.slice(first + 1)) carry(source, cmd, groups, counts, rowFilterLines);
  return { groups, counts, rowFilterLines };
}

/** What a command after the first stats does to the traced fields. */
function carry(source: QuerySource, cmd: Command, groups: Map<string, string>, counts: Set<string>, rowFilterLines: number[]): void {
  switch (cmd.kind) {
    case "stats": {
      const carried = new Map<string, string>();
      for (const item of cmd.by) {
        const origin = item.expr.kind === "field" ? groups.get(item.expr.name) : undefined;
        if (origin !== undefined) carried.set(item.name, origin);
      }
      groups.clear();
      for (const [name, origin] of carried) groups.set(name, origin);
      counts.clear();
      return;
    }
    case "fields":
      for (const item of cmd.items) {
        const copied = item.expr.kind === "field" ? groups.get(item.expr.name) : undefined;
        if (copied !== undefined) groups.set(item.name, copied);
        else if (!(item.expr.kind === "field" && item.expr.name === item.name)) {
          groups.delete(item.name);
          counts.delete(item.name);
        }
      }
      return;
    case "parse":
      for (const name of assignedBy(source, cmd)) {
        groups.delete(name);
        counts.delete(name);
      }
      return;
    case "filter":
      rowFilterLines.push(source.position(cmd.start).line);
      return;
    default:
      return;
  }
}
