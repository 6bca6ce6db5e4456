// Standard output whose reader may leave: `mail-metrics query … | head -1` closes the pipe after one
// line, and the next write fails with EPIPE. Node ignores SIGPIPE and emits the failure as an
// 'error' event, which, unhandled, ends the process with a stack. Here it is the ordinary end of a
// pipeline instead: writes reject with StdoutClosedError, and main.ts ends quietly with exit 0, as
// `grep`, `seq` or `cat` do for a shell that is not asked about SIGPIPE.
import { RuntimeError } from "../errors.js";

/** The reader of standard output has closed it: nothing more can be printed. */
export class StdoutClosedError extends Error {
  override readonly name = "StdoutClosedError";
}

let closed = false;

/** Whether a write found standard output closed by its reader. */
export const stdoutClosed = (): boolean => closed;

const isClosedPipe = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === "EPIPE";

/**
 * Called once by main.ts. Failed writes without a callback (summary lines, --help) end up here
 * rather than as an uncaught 'error'. stderr gets a listener too: with `2>&1 | head` there is
 * nowhere left to report its failure.
 */
export function guardStdio(): void {
  process.stdout.on("error", (error) => {
    if (isClosedPipe(error)) closed = true;
  });
  process.stderr.on("error", () => {});
}

/**
 * Writes `text` to standard output and resolves once the OS took it (so a slow pipe gets
 * backpressure); rejects with StdoutClosedError once the reader is gone, with a RuntimeError
 * (exit 1) for any other failure, such as a full disk behind `> file`.
 */
export function writeStdout(text: string, stream: NodeJS.WritableStream = process.stdout): Promise<void> {
  if (closed) return Promise.reject(new StdoutClosedError("standard output was closed by its reader"));
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (error == null) return resolve();
      if (!isClosedPipe(error)) return reject(new RuntimeError(`cannot write to standard output: ${error.message}`, { cause: error }));
      closed = true;
      reject(new StdoutClosedError("standard output was closed by its reader", { cause: error }));
    });
  });
}
