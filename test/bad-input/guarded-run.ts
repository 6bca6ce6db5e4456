// Runs an engine job in a worker thread (engine-worker.mjs) and stops it when one case makes no
// progress for `stallMs`: a hang becomes a failure naming the case, not a frozen test run. The
// limit is a hang detector far above any case's real time, which the suites measure and report.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { ROOT } from "../cli/built-cli.js";
import type { EngineJob, JobResult } from "./engine-jobs.js";

export class StalledCaseError extends Error {
  override readonly name = "StalledCaseError";
  constructor(
    /** Index of the case that was running, in the job's order. */
    readonly caseIndex: number,
    stallMs: number,
  ) {
    super(`case ${caseIndex} made no progress for ${stallMs} ms: the engine hangs on it`);
  }
}

export async function runGuarded<J extends EngineJob>(job: J, stallMs = 20_000): Promise<JobResult<J>> {
  const progress = new SharedArrayBuffer(4);
  const started = new Int32Array(progress);
  const worker = new Worker(new URL("./engine-worker.mjs", import.meta.url), {
    workerData: { dist: pathToFileURL(join(ROOT, "dist")).href, progress },
    // The CLI's main thread has V8's default stack of about 1 MB; a worker's default is 4 MB, which
    // would hide stack overflows the CLI meets.
    resourceLimits: { stackSizeMb: 1 },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<JobResult<J>>((resolve, reject) => {
      let seen = -1;
      let lastChange = Date.now();
      timer = setInterval(() => {
        const now = Atomics.load(started, 0);
        if (now !== seen) [seen, lastChange] = [now, Date.now()];
        else if (Date.now() - lastChange > stallMs) reject(new StalledCaseError(now - 1, stallMs));
      }, 250);
      worker.once("message", (answer: { ok: true; value: JobResult<J> } | { ok: false; error: string }) =>
        answer.ok ? resolve(answer.value) : reject(new Error(`the engine worker failed: ${answer.error}`)),
      );
      worker.once("error", reject);
      worker.postMessage(job);
    });
  } finally {
    clearInterval(timer);
    await worker.terminate();
  }
}
