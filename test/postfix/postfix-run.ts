// getPostfixRun(): the one real-Postfix run that tests share. Within one `vitest` invocation the
// first caller (in any test file) runs the harness in the globalSetup's directory, under a lock;
// every other caller waits for its run.json. Without the globalSetup: one run per process.
// Callers need a long hook timeout (e.g. beforeAll(..., RUN_TIMEOUT_MS)).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { systemClock } from "./clock.js";
import { runPostfixHarness, type PostfixRun } from "./harness.js";

/** Longest a caller may wait: the run itself settles in about 2.5 minutes. */
export const RUN_TIMEOUT_MS = 8 * 60_000;

let cached: Promise<PostfixRun> | undefined;

export function getPostfixRun(): Promise<PostfixRun> {
  cached ??= load();
  return cached;
}

async function load(): Promise<PostfixRun> {
  const share = inject("postfixShareDir") as string | undefined;
  return share === undefined ? runPostfixHarness() : sharedRun(share);
}

async function sharedRun(share: string): Promise<PostfixRun> {
  const result = join(share, "run.json");
  const failure = join(share, "error.txt");
  try {
    mkdirSync(join(share, "lock"));
  } catch {
    return waitForRun(result, failure);
  }
  try {
    const run = await runPostfixHarness({ baseDir: share });
    writeFileSync(`${result}.tmp`, JSON.stringify(run));
    renameSync(`${result}.tmp`, result);
    return run;
  } catch (error) {
    writeFileSync(failure, error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
}

async function waitForRun(result: string, failure: string): Promise<PostfixRun> {
  const deadline = systemClock.now() + RUN_TIMEOUT_MS;
  while (systemClock.now() < deadline) {
    if (existsSync(result)) return JSON.parse(readFileSync(result, "utf8")) as PostfixRun;
    if (existsSync(failure)) throw new Error(`the shared Postfix run failed in another test file:\n${readFileSync(failure, "utf8")}`);
    await systemClock.sleep(1_000);
  }
  throw new Error(`no shared Postfix run after ${RUN_TIMEOUT_MS / 60_000} minutes (${result})`);
}
