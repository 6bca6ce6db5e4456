// Prints what a command has to say (pipeline/run-queries.ts): warnings to stderr, the summary to
// stdout, or to stderr where stdout carries the datums (a dry run, a stdout sink).
import type { Line } from "../pipeline/run-queries.js";

export function printLines(lines: readonly Line[], infoOnStderr: boolean): void {
  for (const line of lines) {
    if (line.to === "warn") process.stderr.write(`mail-metrics: ${line.text}\n`);
    else (infoOnStderr ? process.stderr : process.stdout).write(`${line.text}\n`);
  }
}
