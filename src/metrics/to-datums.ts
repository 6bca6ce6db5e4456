// Result rows → metric datums, by a query definition's mapping (mapping.ts).
//
// A row that lacks a field the mapping reads is not a datum. Logs Insights leaves out the cell of a
// null value, and stats results can come with empty rows or rows short of a cell (grafana/grafana
// #24683, #24702); failing on such a row would fail the same range on every later run and stop the
// query for good, while re-querying cannot supply a value the service does not send. So the row is
// left out and counted (the run's summary says how many and which fields they lacked), whether it
// lacks every field or only some: a row with a name but no count is as unpublishable as an empty one.
// It also stops zero-fill in its bin (in every bin when it has none): a 0 there could stand for the
// count the row would have carried.
import { fieldsRead, type MetricMapping } from "./mapping.js";
import { RuntimeError } from "../errors.js";
import type { ResultRow, RowTable } from "../insights/types.js";
import { parseBinTime } from "./bin-time.js";
import type { Datum } from "./datum.js";
import { addUpMapped } from "./add-up-mapped.js";
import { mappedValue, tableValues } from "./dimension-values.js";
import { requireOneDatumPerKey } from "./one-datum-per-key.js";
import { NAME_MAX, VALUE_MAX, sanitise } from "./sanitise.js";
import { fillTemplate, isStatic } from "./template.js";
import { zeroFill, type ZeroSeries } from "./zero-fill.js";

export interface ToDatumsOptions {
  /** The query-definition file as people know it, named when the mapping itself is at fault. */
  readonly file: string;
  /** Bin starts (epoch ms) where each `mapping.zeroFill` name without a datum gets a 0. */
  readonly zeroFillBins?: readonly number[];
}

/** PutMetricData accepts values within ±2^360 (docs/cloudwatch-facts.md#put-metric-data-limits). */
const VALUE_LIMIT = 2 ** 360;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Result rows that lacked a field the mapping reads, and so gave no datum. */
export interface IncompleteRows {
  readonly rows: number;
  /** The fields they lacked, sorted. */
  readonly fields: readonly string[];
}

export interface MappedRows {
  readonly datums: Datum[];
  readonly incomplete: IncompleteRows;
}

/**
 * One datum per complete row, plus zero-fills, sorted by timestamp, name, then dimensions. Two rows
 * giving the same metric, dimensions and timestamp are a ConfigError naming `options.file`.
 */
export function toDatums(rows: RowTable, mapping: MetricMapping, options: ToDatumsOptions): MappedRows {
  // Each row is read (built, from a stats group) where needed rather than kept: 180,000 rows and
  // their cells at once weigh tens of MB.
  const cellsOf = (row: ResultRow) => new Map(row.map((cell) => [cell.field, cell.value]));
  const { complete, mapped, incomplete, unsureBins } = mapRows(rows, mapping, cellsOf);
  const rowOf = (index: number) => ({ number: complete[index]! + 1, cells: cellsOf(rows.at(complete[index]!)!) });
  const { datums, originOf } = addUpMapped(mapped, (index) => rowOf(index).cells, mapping);
  requireOneDatumPerKey(datums, (index) => rowOf(originOf(index)), mapping, options.file);
  // Sanitised before zeroFill compares them with the datums' (sanitised) names, and once each: a
  // zero next to the name's own datum, or two zeros, would be a duplicate datum.
  const fillNames = new Set(mapping.zeroFill.map((name) => sanitiseOrFail(name, NAME_MAX, `zeroFill name "${name}"`)));
  const fillBins = unsureBins === "all" ? [] : (options.zeroFillBins ?? []).filter((bin) => !unsureBins.has(bin));
  const zeros = zeroFill(datums, zeroSeries([...fillNames], mapping), fillBins, (series, timestamp) => ({
    name: series.name,
    timestamp,
    value: 0,
    unit: mapping.unit,
    dimensions: series.dimensions,
  }));
  // One by one: spread into push(), 150,000 zeros (a year and a half of 5-minute bins) overflow the stack.
  for (const zero of zeros) datums.push(zero);
  return { datums: datums.sort(compareDatums), incomplete };
}

/**
 * The datums of the complete rows and their indices, each row read once; the count of the others,
 * the fields they lacked, and the bins they may belong to.
 */
function mapRows(rows: RowTable, mapping: MetricMapping, cellsOf: (row: ResultRow) => Map<string, string>) {
  const needed = [...fieldsRead(mapping)];
  const complete: number[] = [];
  const mapped: Datum[] = [];
  const lacked = new Set<string>();
  const bins = new Set<number>();
  let binless = false;
  const share = sharedParts();
  for (let index = 0; index < rows.length; index++) {
    const row = rows.at(index)!;
    const missing = needed.filter((field) => !row.some((cell) => cell.field === field));
    if (missing.length === 0) {
      complete.push(index);
      mapped.push(share(rowToDatum(cellsOf(row), mapping, index + 1)));
      continue;
    }
    for (const field of missing) lacked.add(field);
    const time = row.find((cell) => cell.field === mapping.timestamp)?.value;
    const bin = time === undefined ? undefined : parseBinTime(time);
    if (bin === undefined) binless = true;
    else bins.add(bin);
  }
  const unsureBins: ReadonlySet<number> | "all" = binless ? "all" : bins;
  return { complete, mapped, incomplete: { rows: rows.length - complete.length, fields: [...lacked].sort() }, unsureBins };
}

/**
 * The datum with the name and dimensions of the same series as earlier ones: 180,000 datums of 13
 * series then hold 13 names and dimension records, not 180,000 of each (~12 MB).
 */
function sharedParts(): (datum: Datum) => Datum {
  const names = new Map<string, string>();
  const dimensions = new Map<string, Datum["dimensions"]>();
  return (datum) => {
    const name = names.get(datum.name) ?? datum.name;
    names.set(name, name);
    const key = JSON.stringify(Object.entries(datum.dimensions));
    const shared = dimensions.get(key) ?? datum.dimensions;
    dimensions.set(key, shared);
    return { name, timestamp: datum.timestamp, value: datum.value, unit: datum.unit, dimensions: shared };
  };
}

/** A complete row (mapRows): every field the mapping reads is there. */
function rowToDatum(row: Map<string, string>, mapping: MetricMapping, rowNumber: number): Datum {
  const fail = (message: string): never => {
    const cells = [...row].map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(", ");
    throw new RuntimeError(`result row ${rowNumber}: ${message} (the row: ${cells})`);
  };
  const field = (name: string): string => row.get(name)!;
  const fill = (template: string): string => {
    const filled = fillTemplate(template, (name) => row.get(name));
    return "text" in filled ? filled.text : field(filled.missing);
  };
  const name = fill(mapping.name);
  const valueText = field(mapping.value);
  const value = Number(valueText);
  if (!DECIMAL.test(valueText.trim()) || !Number.isFinite(value) || Math.abs(value) > VALUE_LIMIT) {
    fail(`field "${mapping.value}" (metric.value) is "${valueText}", not a finite number CloudWatch accepts`);
  }
  const timeText = field(mapping.timestamp);
  const timestamp =
    parseBinTime(timeText) ??
    fail(`field "${mapping.timestamp}" (metric.timestamp) is "${timeText}", not a time like 2026-11-28 23:45:00.000`);
  const dimensions: Record<string, string> = {};
  for (const [dimension, template] of Object.entries(mapping.dimensions)) {
    const value = mappedValue(fill(template), mapping.dimensionValues?.[dimension]);
    dimensions[dimension] = sanitiseOrFail(value, VALUE_MAX, `dimension ${dimension} ("${template}")`, fail);
  }
  return {
    name: sanitiseOrFail(name, NAME_MAX, `metric.name ("${mapping.name}")`, fail),
    timestamp,
    value,
    unit: mapping.unit,
    dimensions,
  };
}

/**
 * The series zero-fill completes: each name with the static dimensions, and with every value of
 * each dimension whose table bounds its values (a default). A dimension that is neither is refused
 * by the config rules (zeroFillIsStatic); here it leaves no zeros at all rather than guessing.
 */
function zeroSeries(names: readonly string[], mapping: MetricMapping): ZeroSeries[] {
  let combos: Record<string, string>[] = [{}];
  for (const [dimension, template] of Object.entries(mapping.dimensions)) {
    const values = isStatic(template) ? [template] : tableValues(mapping.dimensionValues?.[dimension]);
    if (values === undefined) return [];
    const valid = values.map((value) => sanitiseOrFail(value, VALUE_MAX, `dimension ${dimension} value "${value}"`));
    combos = combos.flatMap((combo) => valid.map((value) => ({ ...combo, [dimension]: value })));
  }
  return names.flatMap((name) => combos.map((dimensions) => ({ name, dimensions })));
}

function sanitiseOrFail(
  text: string,
  max: number,
  what: string,
  fail = (message: string): never => {
    throw new RuntimeError(message);
  },
): string {
  return (
    sanitise(text, max) ??
    fail(`${what} is ${JSON.stringify(text)}: CloudWatch needs at least one non-whitespace character; filter such rows out in the query`)
  );
}

function compareDatums(a: Datum, b: Datum): number {
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  const left = JSON.stringify(Object.entries(a.dimensions));
  const right = JSON.stringify(Object.entries(b.dimensions));
  return left < right ? -1 : left > right ? 1 : 0;
}
