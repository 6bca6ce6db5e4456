#!/usr/bin/env node
// The one place that exits. Commands throw; this maps error types to exit codes.
import { EXIT_CODES, exitCodeFor, InternalError } from "./errors.js";
import { guardStdio, stdoutClosed } from "./util/stdio.js";

// The AWS SDK warns on Node 20 that future releases need Node 22; cron mails every stray stderr line.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";


function report(error: unknown, code: number): void {
  if (code === EXIT_CODES.internal) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const kind = error instanceof InternalError ? "internal error" : "unexpected error (a bug in mail-metrics)";
    process.stderr.write(`mail-metrics: ${kind}: ${detail}\nPlease report it with the command line you ran.\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mail-metrics: ${message}\n`);
}

async function main(): Promise<void> {
  guardStdio();
  const { runCli } = await import("./cli/program.js");
  try {
    process.exitCode = await runCli(process.argv);
  } catch (error) {
    // The reader of stdout left (`| head`): the end of a pipeline, not a failure (util/stdio.ts).
    if (stdoutClosed()) {
      process.exitCode = EXIT_CODES.ok;
      return;
    }
    const code = exitCodeFor(error);
    report(error, code);
    process.exitCode = code;
  }
}

await main();
