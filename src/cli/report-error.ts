// How main reports what a command threw: a user error as its message alone; a bug (exit 70) with
// its stack and a request to report it, since only the stack tells where it went wrong. A command
// with a log (run, backfill: cli/log.ts) reports through it, timed, and also writes the one-line
// outcome where its summary would have gone, so the cron log shows the failed run too.
import { EXIT_CODES, exitCodeFor, InternalError } from "../errors.js";
import { EngineError } from "../insights/errors.js";
import { currentLog, type Log } from "./log.js";

export interface ErrorOutput {
  write(text: string): unknown;
}

/** Writes `error` to `stderr` (or the command's log) and returns its exit code (src/errors.ts EXIT_CODES). */
export function reportError(error: unknown, stderr: ErrorOutput = process.stderr, log: Log | undefined = currentLog()): number {
  const code = exitCodeFor(error);
  const text = describeError(error, code);
  if (log === undefined) {
    stderr.write(`mail-metrics: ${text}\n`);
    return code;
  }
  log.write({ level: "error", message: text.replace(/\n$/, "") });
  log.write({ level: "error", message: outcomeOf(text, code), outcome: true });
  return code;
}

function describeError(error: unknown, code: number): string {
  if (code !== EXIT_CODES.internal) return error instanceof Error ? error.message : String(error);
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const kind =
    error instanceof InternalError || error instanceof EngineError ? "internal error" : "unexpected error (a bug in mail-metrics)";
  return `${kind}: ${detail}\nPlease report it with the command line you ran.`;
}

/** `mail-metrics: failed (exit 2): prod.yaml:4: …`: the first line, and how many more stderr has. */
function outcomeOf(text: string, code: number): string {
  const [first, ...rest] = text.split("\n");
  const more = rest.length === 0 ? "" : ` (and ${rest.length} more ${rest.length === 1 ? "line" : "lines"} on stderr)`;
  return `mail-metrics: failed (exit ${code}): ${first}${more}`;
}
