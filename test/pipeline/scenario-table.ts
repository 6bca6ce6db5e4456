// The fault suite's report: one row per scenario, printed as a table at the end of the suite so it
// shows in the CI log.

export interface ScenarioRow {
  readonly scenario: string;
  readonly seed: number | null;
  readonly killPoint: string;
  readonly runs: number;
  readonly datums: number;
  readonly duplicates: number;
  readonly missing: number;
}

const COLUMNS: readonly [keyof ScenarioRow, string][] = [
  ["scenario", "scenario"],
  ["seed", "seed"],
  ["killPoint", "kill point"],
  ["runs", "runs"],
  ["datums", "datums"],
  ["duplicates", "duplicates"],
  ["missing", "missing"],
];

export function formatTable(title: string, rows: readonly ScenarioRow[]): string {
  const cells = rows.map((row) => COLUMNS.map(([key]) => (row[key] === null ? "-" : String(row[key]))));
  const widths = COLUMNS.map(([, header], i) => Math.max(header.length, ...cells.map((line) => line[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i]!))
      .join(" | ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("-|-");
  return `${[``, title, line(COLUMNS.map(([, header]) => header)), rule, ...cells.map(line), ``].join("\n")}\n`;
}
