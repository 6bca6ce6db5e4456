// How main reports what a command threw: a user error as its message alone; a bug (exit 70) with
// its stack and a request to report it, since only the stack tells where it went wrong.
import { EXIT_CODES, exitCodeFor, InternalError } from "../errors.js";
import { EngineError } from "../insights/errors.js";

export interface ErrorOutput {
  write(text: string): unknown;
}

/** Writes `error` to `stderr` and returns its exit code (src/errors.ts EXIT_CODES). */
export function reportError(error: unknown, stderr: ErrorOutput = process.stderr): number {
  const code = exitCodeFor(error);
  if (code === EXIT_CODES.internal) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const kind =
      error instanceof InternalError || error instanceof EngineError ? "internal error" : "unexpected error (a bug in mail-metrics)";
    stderr.write(`mail-metrics: ${kind}: ${detail}\nPlease report it with the command line you ran.\n`);
  } else {
    stderr.write(`mail-metrics: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return code;
}
