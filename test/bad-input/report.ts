// The bad-input suites' report for the CI log: written straight to stdout (not through vitest's
// console capture, which reporters may hide), each line prefixed `[bad-input]` for grepping. Each
// suite also leaves a one-line summary that global-setup.ts prints after the whole run.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, inject } from "vitest";

/** Prints a titled block now, and keeps `summary` for the end of the run. */
export function printReport(title: string, lines: readonly string[], summary: string): void {
  const body = lines.map((line) => `[bad-input]   ${line}\n`).join("");
  process.stdout.write(`\n[bad-input] ${title}\n${body}`);
  const dir = inject("badInputSummaryDir") as string | undefined;
  if (dir !== undefined) writeFileSync(join(dir, `${title.replace(/[^a-z0-9]+/gi, "-").slice(0, 40)}.txt`), `${summary}\n`);
}

/** Formats rows as aligned columns (the first row is the header). */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

export interface Outcomes {
  tests: number;
  failed: number;
}

/** Counts the tests of the calling file and their failures, for its summary line. */
export function trackOutcomes(): Outcomes {
  const outcomes: Outcomes = { tests: 0, failed: 0 };
  beforeEach(({ onTestFailed }) => {
    outcomes.tests++;
    onTestFailed(() => {
      outcomes.failed++;
    });
  });
  return outcomes;
}

export const verdict = ({ tests, failed }: Outcomes): string =>
  failed === 0 ? `all ${tests} tests passed` : `${failed} of ${tests} tests FAILED`;
