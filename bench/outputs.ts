// Reads what each tool printed into comparable counts.
import type { Counts } from "./expected.js";

/** `mail-metrics query --output ndjson`: one datum a line. */
export function countsFromNdjson(text: string): Counts {
  const counts: Counts = new Map();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const datum = JSON.parse(line) as { name: string; timestamp: string; value: number };
    let bins = counts.get(datum.name);
    if (bins === undefined) counts.set(datum.name, (bins = new Map()));
    bins.set(datum.timestamp, (bins.get(datum.timestamp) ?? 0) + datum.value);
  }
  return counts;
}

interface MtailMetric {
  readonly Keys?: readonly string[];
  readonly LabelValues?: readonly { readonly Labels: readonly string[]; readonly Value: { readonly Value: number } }[];
}

/** `mtail --one_shot --one_shot_format json`: the counter's (reply, dsn) labels joined as the query names its metrics. */
export function totalsFromMtail(text: string, counter: string): Map<string, number> {
  const metrics = (JSON.parse(text) as Record<string, MtailMetric[]>)[counter] ?? [];
  const totals = new Map<string, number>();
  for (const metric of metrics) {
    for (const { Labels, Value } of metric.LabelValues ?? []) {
      const [reply, dsn] = Labels;
      const name = `${reply}-${(dsn ?? "").replaceAll(".", "_")}`;
      totals.set(name, (totals.get(name) ?? 0) + Value.Value);
    }
  }
  return totals;
}

export function compareTotals(actual: Map<string, number>, expected: Map<string, number>): string[] {
  const problems: string[] = [];
  for (const [name, n] of expected)
    if ((actual.get(name) ?? 0) !== n) problems.push(`${name}: expected ${n}, got ${actual.get(name) ?? 0}`);
  for (const [name, n] of actual) if (!expected.has(name) && n !== 0) problems.push(`${name}: expected nothing, got ${n}`);
  return problems;
}

/** Alternatives for `grep -E`: each literal with the ERE metacharacters escaped. */
export function ereAlternatives(literals: readonly string[]): string {
  return literals.map((literal) => literal.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&")).join("|");
}
