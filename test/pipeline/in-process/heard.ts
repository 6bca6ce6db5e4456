// What a run's user reads: the pipeline's lines written through the command's own log (cli/log.ts,
// via cli/series-command.ts's printLines), as cron sees them with a CloudWatch sink (stdout: the
// summary and a failed query's outcome; stderr: warnings and errors, each prefixed "mail-metrics: ";
// where stdout carries datums the summary moves to stderr) and as --log-format json gives them
// (level, query, message and the summary's figures).
import { createLog } from "../../../src/cli/log.js";
import { printLines } from "../../../src/cli/series-command.js";
import type { Line } from "../../../src/pipeline/run-queries.js";

export interface Heard {
  /** stdout, one entry per line, without the leading time. */
  readonly out: readonly string[];
  /** stderr, the same. */
  readonly err: readonly string[];
  /** --log-format json: one object per event, without its time. */
  readonly json: readonly Record<string, unknown>[];
}

export function heard(lines: readonly Line[]): Heard {
  const text = { stdout: [] as string[], stderr: [] as string[] };
  const json: string[] = [];
  const now = () => Date.parse("2026-11-29T12:00:00Z");
  printLines(createLog({}, now, { stdout: sink(text.stdout), stderr: sink(text.stderr) }), lines);
  printLines(createLog({ logFormat: "json" }, now, { stdout: sink(json), stderr: sink(json) }), lines);
  return {
    out: untimed(text.stdout),
    err: untimed(text.stderr),
    json: json.map((line) => {
      const { time: _time, ...event } = JSON.parse(line) as Record<string, unknown>;
      return event;
    }),
  };
}

const sink = (into: string[]) => ({ write: (text: string) => into.push(text) });

const untimed = (chunks: readonly string[]) =>
  chunks
    .join("")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.replace(/^\S+ /, ""));
