#!/usr/bin/env node
// The one place that exits. Commands throw; reportError turns what they throw into a message and an exit code.
import { reportError } from "./cli/report-error.js";
import { EXIT_CODES } from "./errors.js";
import { guardStdio, stdoutClosed } from "./util/stdio.js";

// The AWS SDK warns on Node 20 that future releases need Node 22; cron mails every stray stderr line.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function main(): Promise<void> {
  guardStdio();
  const { runCli } = await import("./cli/program.js");
  try {
    process.exitCode = await runCli(process.argv);
  } catch (error) {
    // The reader of stdout left (`| head`): the end of a pipeline, not a failure (util/stdio.ts).
    process.exitCode = stdoutClosed() ? EXIT_CODES.ok : reportError(error);
  }
}

await main();
