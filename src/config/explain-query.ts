// The Logs Insights query behind one published series, derived from the query that publishes it:
// its commands before the stats (what it does per event), then filters that keep the events whose
// row would carry that metric name and those dimension values, written in terms of the events
// (insights/event-fields.ts traces each result field back to what the stats grouped by). No second
// copy of the query is written by hand, so what `explain` lists is what `run` counted.
import { UsageError } from "../errors.js";
import { compileQuery } from "../insights/compile.js";
import { eventOrigins, eventPart, type EventOrigins } from "../insights/analysis/event-fields.js";
import { valuesPublishedAs } from "../metrics/dimension-values.js";
import { placeholders } from "../metrics/template.js";
import type { Publisher } from "./find-publisher.js";
import type { DimensionValueTable } from "../metrics/mapping.js";
import { formatMs } from "./rules/config-rules.js";

/** StartQuery's queryString holds at most 10,000 characters (API_StartQuery). */
const QUERY_MAX = 10_000;

export interface ExplainQueries {
  /** The events behind the series, one row each: @timestamp, @message, @logStream. */
  readonly events: string;
  /** The same events counted per window: `count` by `binStart`. */
  readonly count: string;
  /** Whether the series' value is the number of its events (count(*)), so the two can be compared. */
  readonly valueIsEventCount: boolean;
  /** What makes the events differ from the published value, for the report. */
  readonly notes: readonly string[];
}

export function explainQueries(publisher: Publisher, metric: string, period: number): ExplainQueries {
  const { query, dimensions } = publisher;
  const text = query.compiled.text;
  const origins = eventOrigins(text);
  const part = eventPart(text);
  const mapping = query.mapping;
  const derive = new Derivation(origins, query.name);
  derive.match(mapping.name, metric, undefined, "metric.name");
  for (const [name, template] of Object.entries(mapping.dimensions)) {
    if (placeholders(template).length === 0) continue;
    const value = dimensions[name];
    if (value === undefined) derive.present(template, `dimensions.${name}`);
    else derive.match(template, value, mapping.dimensionValues?.[name], `dimensions.${name}`);
  }
  const kept = [part.text, ...derive.assignments, ...derive.filters.map((predicate) => `filter ${predicate}`)]
    .filter((line) => line !== "")
    .join("\n| ");
  const events = `${kept}\n| display @timestamp, @message, @logStream`;
  const count = `${kept}\n| stats count(*) as count by bin(${formatMs(period)}) as binStart`;
  for (const [label, queryText] of [
    ["events", events],
    ["count", count],
  ] as const) {
    if (queryText.length > QUERY_MAX) {
      throw new UsageError(
        `the ${label} query explain derives for ${metric} is ${queryText.length} characters, more than the 10,000 StartQuery takes; give fewer values in the query's value tables`,
      );
    }
    // The engine's and the service's dialect rules (regex subset and all): a derived query that broke
    // them would be a bug here, and fails loudly rather than at StartQuery.
    compileQuery(queryText);
  }
  const valueIsEventCount = origins.counts.has(mapping.value);
  const notes = [
    ...(valueIsEventCount
      ? []
      : [
          `metric.value (${mapping.value}) is not a count(*) of events, so the events are listed but their number is not the published value`,
        ]),
    ...origins.rowFilterLines.map(
      (line) =>
        `the query filters its rows after the stats (line ${line}): windows it left out were not published, though their events are listed`,
    ),
  ];
  return { events, count, valueIsEventCount, notes };
}

/** Builds the event-level commands: `fields` for grouped expressions, `filter` for the values. */
class Derivation {
  readonly assignments: string[] = [];
  readonly filters: string[] = [];
  /** Grouped expression → the field `fields … as` gave it. */
  private readonly assigned = new Map<string, string>();

  constructor(
    private readonly origins: EventOrigins,
    private readonly queryName: string,
  ) {}

  /** Events whose filled template (renamed by `table`) is `value`. */
  match(template: string, value: string, table: DimensionValueTable | undefined, key: string): void {
    const filled = this.filled(template, key);
    const present = filled.fields.map((field) => `ispresent(${field})`);
    if (table === undefined) {
      this.filters.push([...present, `${filled.expression} = ${quote(value)}`].join(" and "));
      return;
    }
    const { named, others } = valuesPublishedAs(value, table);
    const allKeys = Object.keys(table.map);
    const alternatives = [
      ...(named.length > 0 ? [`${filled.expression} in [${named.map(quote).join(", ")}]`] : []),
      ...(others === "all" ? [allKeys.length > 0 ? `${filled.expression} not in [${allKeys.map(quote).join(", ")}]` : "true"] : []),
      ...(others === "itself" ? [`${filled.expression} = ${quote(value)}`] : []),
    ];
    const choice = alternatives.length === 0 ? "false" : alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" or ")})`;
    this.filters.push([...present, choice].join(" and "));
  }

  /** Events whose row has every field the template reads: rows without one gave no datum. */
  present(template: string, key: string): void {
    this.filters.push(
      this.filled(template, key)
        .fields.map((field) => `ispresent(${field})`)
        .join(" and "),
    );
  }

  /** The template as an event-level expression, and the fields it reads. */
  private filled(template: string, key: string): { expression: string; fields: string[] } {
    const fields = placeholders(template).map((field) => this.eventField(field, key));
    const parts = template
      .split(/\{([^{}]+)\}/)
      .flatMap((part, index) => (index % 2 === 0 ? (part === "" ? [] : [quote(part)]) : [this.eventField(part, key)]));
    const expression = parts.length === 1 && fields.length === 1 && parts[0] === fields[0] ? fields[0]! : `concat(${parts.join(", ")})`;
    return { expression, fields };
  }

  /** An event field holding what the stats grouped by for result field `field`. */
  private eventField(field: string, key: string): string {
    const origin = this.origins.groups.get(field);
    if (origin === undefined) {
      throw new UsageError(
        `${this.queryName}: ${key} reads {${field}}, which the query does not make by grouping its events (it is an aggregate, or computed after the stats), ` +
          "so explain cannot tell which events it came from; compute it before the stats and group by it (fields … as x | stats … by x)",
      );
    }
    if (/^[A-Za-z_@][A-Za-z0-9_.@]*$/.test(origin)) return origin;
    let name = this.assigned.get(origin);
    if (name === undefined) {
      name = `explain${this.assigned.size + 1}`;
      this.assigned.set(origin, name);
      this.assignments.push(`fields ${origin} as ${name}`);
    }
    return name;
  }
}

/** A Logs Insights string literal (insights/lexer.ts reads \\ \" \n \t \r). */
function quote(text: string): string {
  return `"${text
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n")
    .replace(/\t/g, "\\t")
    .replace(/\r/g, "\\r")}"`;
}
