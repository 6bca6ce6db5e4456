// How datums are printed: `table` for people, `json` (one array) and `ndjson` (one datum a line) for
// programs. Timestamps are ISO 8601 UTC with `Z`, milliseconds only when not zero.
import type { Datum } from "../../metrics/datum.js";
import { isoTime } from "../../util/iso-time.js";

export const OUTPUT_FORMATS = ["table", "json", "ndjson"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The explicit choice, else table on a terminal and ndjson otherwise (pipes, cron, files). */
export function chooseFormat(explicit: OutputFormat | undefined, isTTY: boolean): OutputFormat {
  return explicit ?? (isTTY ? "table" : "ndjson");
}

/** The datum as json/ndjson print it, keys in this order. */
export function datumRecord(datum: Datum) {
  return { name: datum.name, timestamp: isoTime(datum.timestamp), value: datum.value, unit: datum.unit, dimensions: datum.dimensions };
}

/** The text to write for `datums` (ends in a newline unless it is empty ndjson). */
export function formatDatums(datums: readonly Datum[], format: OutputFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(datums.map(datumRecord), null, 2)}\n`;
    case "ndjson":
      return datums.map((datum) => `${JSON.stringify(datumRecord(datum))}\n`).join("");
    case "table":
      return formatTable(datums);
  }
}

function formatTable(datums: readonly Datum[]): string {
  const header = ["TIME (UTC)", "METRIC", "VALUE", "UNIT", "DIMENSIONS"];
  const rows = datums.map((datum) => [
    isoTime(datum.timestamp),
    datum.name,
    String(datum.value),
    datum.unit,
    Object.entries(datum.dimensions)
      .map(([name, value]) => `${name}=${value}`)
      .join(", "),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  const total = datums.reduce((sum, datum) => sum + datum.value, 0);
  const summary = `total: ${datums.length} ${datums.length === 1 ? "datum" : "datums"}, values sum to ${total}`;
  return `${[line(header), ...rows.map(line), summary].join("\n")}\n`;
}
