// Result rows → metric datums, by a query definition's mapping (config/query-schema.ts).
import type { MetricMapping } from "../config/query-schema.js";
import { RuntimeError } from "../errors.js";
import type { ResultRow } from "../insights/types.js";
import { parseBinTime } from "./bin-time.js";
import type { Datum } from "./datum.js";
import { requireOneDatumPerKey } from "./one-datum-per-key.js";
import { NAME_MAX, VALUE_MAX, sanitise } from "./sanitise.js";
import { fillTemplate, isStatic } from "./template.js";
import { zeroFill } from "./zero-fill.js";

export interface ToDatumsOptions {
  /** The query-definition file as people know it, named when the mapping itself is at fault. */
  readonly file: string;
  /** Bin starts (epoch ms) where each `mapping.zeroFill` name without a datum gets a 0. */
  readonly zeroFillBins?: readonly number[];
}

/** PutMetricData accepts values within ±2^360 (docs/aws-facts.md#put-metric-data-limits). */
const VALUE_LIMIT = 2 ** 360;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One datum per row, plus zero-fills, sorted by timestamp, name, then dimensions. Two rows giving
 * the same metric, dimensions and timestamp are a ConfigError naming `options.file`.
 */
export function toDatums(rows: readonly ResultRow[], mapping: MetricMapping, options: ToDatumsOptions): Datum[] {
  // Each row's cells are made again where needed rather than kept: 90,000 maps at once weigh ~25 MB.
  const cellsOf = (index: number) => new Map(rows[index]!.map((cell) => [cell.field, cell.value]));
  const datums = rows.map((_, index) => rowToDatum(cellsOf(index), mapping, index + 1));
  requireOneDatumPerKey(datums, cellsOf, mapping, options.file);
  const staticDimensions = Object.fromEntries(Object.entries(mapping.dimensions).filter(([, template]) => isStatic(template)));
  // Sanitised before zeroFill compares them with the datums' (sanitised) names, and once each: a
  // zero next to the name's own datum, or two zeros, would be a duplicate datum.
  const fillNames = new Set(mapping.zeroFill.map((name) => sanitiseOrFail(name, NAME_MAX, `zeroFill name "${name}"`)));
  datums.push(...zeroFill(datums, [...fillNames], options.zeroFillBins ?? [], (name, timestamp) => ({
    name,
    timestamp,
    value: 0,
    unit: mapping.unit,
    dimensions: staticDimensions,
  })));
  return datums.sort(compareDatums);
}

function rowToDatum(row: Map<string, string>, mapping: MetricMapping, rowNumber: number): Datum {
  const fail = (message: string): never => {
    const cells = [...row].map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(", ");
    throw new RuntimeError(`result row ${rowNumber}: ${message} (the row: ${cells})`);
  };
  const field = (name: string, purpose: string): string =>
    row.get(name) ??
    fail(`field "${name}" (${purpose}) is missing; rows omit fields whose value is null, so filter them out in the query, e.g. | filter ispresent(${name})`);
  const fill = (template: string, purpose: string): string => {
    const filled = fillTemplate(template, (name) => row.get(name));
    return "text" in filled ? filled.text : field(filled.missing, purpose);
  };
  const name = fill(mapping.name, "metric.name");
  const valueText = field(mapping.value, "metric.value");
  const value = Number(valueText);
  if (!DECIMAL.test(valueText.trim()) || !Number.isFinite(value) || Math.abs(value) > VALUE_LIMIT) {
    fail(`field "${mapping.value}" (metric.value) is "${valueText}", not a finite number CloudWatch accepts`);
  }
  const timeText = field(mapping.timestamp, "metric.timestamp");
  const timestamp = parseBinTime(timeText) ?? fail(`field "${mapping.timestamp}" (metric.timestamp) is "${timeText}", not a time like 2026-11-28 23:45:00.000`);
  const dimensions: Record<string, string> = {};
  for (const [dimension, template] of Object.entries(mapping.dimensions)) {
    dimensions[dimension] = sanitiseOrFail(fill(template, `dimension ${dimension}`), VALUE_MAX, `dimension ${dimension} ("${template}")`, fail);
  }
  return { name: sanitiseOrFail(name, NAME_MAX, `metric.name ("${mapping.name}")`, fail), timestamp, value, unit: mapping.unit, dimensions };
}

function sanitiseOrFail(text: string, max: number, what: string, fail = (message: string): never => { throw new RuntimeError(message); }): string {
  return sanitise(text, max) ?? fail(`${what} is ${JSON.stringify(text)}: CloudWatch needs at least one non-whitespace character; filter such rows out in the query`);
}

function compareDatums(a: Datum, b: Datum): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  const left = JSON.stringify(Object.entries(a.dimensions));
  const right = JSON.stringify(Object.entries(b.dimensions));
  return left < right ? -1 : left > right ? 1 : 0;
}
