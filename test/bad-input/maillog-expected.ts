// examples/maillog (a real Postfix run) and the counts the shipped queries must find in it, which
// were derived from the scripted peer's record, not from mail-metrics (maillog.expected.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { allRows } from "../../src/insights/row-table.js";
import type { RowTable } from "../../src/insights/types.js";
import { ROOT } from "../cli/built-cli.js";
import type { ShippedName } from "../queries/shipped-query.js";

/** metric → bin start (ISO 8601, UTC) → count. */
export type Counts = Record<string, Record<string, number>>;

interface ExpectedFile {
  readonly year: number;
  readonly timezone: string;
  readonly queries: Record<ShippedName, Counts>;
}

const EXPECTED = JSON.parse(readFileSync(join(ROOT, "examples", "maillog.expected.json"), "utf8")) as ExpectedFile;

export const MAILLOG_OPTIONS = { year: EXPECTED.year, timezone: EXPECTED.timezone } as const;

/** The log's lines, without their newlines. */
export const MAILLOG_LINES: readonly Buffer[] = (() => {
  const text = readFileSync(join(ROOT, "examples", "maillog"));
  const lines: Buffer[] = [];
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf(10, start);
    lines.push(text.subarray(start, end < 0 ? text.length : end));
    start = end < 0 ? text.length : end + 1;
  }
  return lines;
})();

export const expectedCounts = (query: ShippedName): Counts => EXPECTED.queries[query];

/** The same shape from result rows of a shipped query (fields metric, count, binStart). */
export function countsOfRows(rows: RowTable): Counts {
  const counts: Counts = {};
  for (const row of allRows(rows)) {
    const cell = (name: string) => row.find((field) => field.field === name)?.value ?? "";
    const bin = `${cell("binStart").replace(" ", "T")}Z`;
    (counts[cell("metric")] ??= {})[bin] = Number(cell("count"));
  }
  return counts;
}

/** True when every count in `part` is at most the same count in `whole` (a prefix of the log was read). */
export function isSubCount(part: Counts, whole: Counts): boolean {
  return Object.entries(part).every(([metric, bins]) => Object.entries(bins).every(([bin, n]) => n <= (whole[metric]?.[bin] ?? 0)));
}
