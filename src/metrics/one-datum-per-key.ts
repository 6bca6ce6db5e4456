// One datum per (metric name, dimensions, timestamp). Two result rows that map to the same key would
// reach CloudWatch as two samples of one point, which it aggregates: Sum adds them, and the Maximum
// an alarm relies on to be immune to a duplicate would keep only one (CloudWatch concepts,
// "Statistics": https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html;
// docs/cloudwatch-facts.md#metric-aggregation). The read-back that settles an interrupted PutMetricData
// also expects one sample per key. It happens when a `by` field of the stats is in neither the name
// template nor the dimensions.
import { fieldsRead, type MetricMapping } from "./mapping.js";
import { ConfigError } from "../errors.js";
import { isoTime } from "../util/iso-time.js";
import type { Datum } from "./datum.js";

export type RowCells = ReadonlyMap<string, string>;

/** The result row a datum came from: its 1-based number among the query's rows, and its cells. */
export interface SourceRow {
  readonly number: number;
  readonly cells: RowCells;
}

/** The metric and dimensions of a datum: few distinct ones, so a key per datum would waste memory on a long backfill. */
const seriesOf = (datum: Datum): string => JSON.stringify([datum.name, Object.entries(datum.dimensions)]);

/** Throws a ConfigError naming `file` when two datums (datums[i] from the row rowOf(i)) share a key. */
export function requireOneDatumPerKey(
  datums: readonly Datum[],
  rowOf: (index: number) => SourceRow,
  mapping: MetricMapping,
  file: string,
): void {
  // Per metric and dimensions: the index of the datum at each timestamp.
  const seen = new Map<string, Map<number, number>>();
  datums.forEach((datum, index) => {
    const series = seriesOf(datum);
    let times = seen.get(series);
    if (times === undefined) seen.set(series, (times = new Map()));
    const first = times.get(datum.timestamp);
    if (first !== undefined) throw collision(file, mapping, datum, rowOf(first), rowOf(index));
    times.set(datum.timestamp, index);
  });
}

function collision(file: string, mapping: MetricMapping, datum: Datum, first: SourceRow, second: SourceRow): ConfigError {
  const [a, b] = [first.cells, second.cells];
  const where = Object.keys(datum.dimensions).length === 0 ? "no dimensions" : `dimensions ${JSON.stringify(datum.dimensions)}`;
  const what =
    `result rows ${first.number} and ${second.number} map to the same datum: metric "${datum.name}", ${where}, timestamp ` +
    `${isoTime(datum.timestamp)}; ` +
    "CloudWatch would merge them into one point (Sum adds them, Maximum keeps only the larger)";
  // A field the mapping reads (the value, say) differing is the symptom, not the cause.
  const unused = differingFields(a, b).filter((field) => !fieldsRead(mapping).has(field));
  const fix = "put every `by` field of the stats into the metric name template or the dimensions";
  if (unused.length === 0) return new ConfigError(file, [{ path: "metric", message: `${what}; ${fix}` }]);
  const values = unused.map((field) => `${field} (${show(a.get(field))} and ${show(b.get(field))})`).join(", ");
  const name = [mapping.name, ...unused.map((field) => `{${field}}`)].join("-");
  const dimensions = unused.map((field) => `${field}: "{${field}}"`).join(", ");
  const example = `e.g. name: ${JSON.stringify(name)}, or dimensions: { ${dimensions} }`;
  return new ConfigError(file, [{ path: "metric", message: `${what}. They differ in ${values}: ${fix}, ${example}` }]);
}

/** Fields whose values differ between two rows (a field a row lacks was null). */
function differingFields(a: RowCells, b: RowCells): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((field) => a.get(field) !== b.get(field));
}

const show = (value: string | undefined): string => (value === undefined ? "null" : JSON.stringify(value));
