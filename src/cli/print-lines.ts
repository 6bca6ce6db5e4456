// Writes what a command has to say (pipeline/run-queries.ts) to its log (cli/log.ts): the summary
// with the summary, warnings and errors to stderr, a failed query's outcome in both places.
import type { Line } from "../pipeline/run-queries.js";
import type { Log, LogEvent } from "./log.js";

export function printLines(log: Log, lines: readonly Line[]): void {
  for (const line of lines) log.write(eventOf(line));
}

export function eventOf(line: Line): LogEvent {
  const level = line.severity === "error" ? "error" : line.to === "warn" ? "warning" : "info";
  return {
    level,
    message: line.text,
    ...(line.query === undefined ? {} : { query: line.query }),
    ...(line.fields === undefined ? {} : { fields: line.fields }),
    ...(line.outcome === true ? { outcome: true } : {}),
  };
}
