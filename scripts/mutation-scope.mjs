// What `npm run mutate` mutates (stryker.config.mjs for the core, stryker.engine.config.mjs for the
// engine; scripts/mutate.mjs) and how its reports are cut into folders (scripts/mutation-score.mjs).
// Of cli/, only the finally blocks that release the lock whatever the command did: a lock released
// on success only is a bug no other folder's tests see (issue 16). Found by their text, not by line
// numbers, so edits around them do not move the range onto other code.
import { readFileSync } from "node:fs";

/** The folders mutated whole: the exactly-once core, what it reads and publishes with, the engine. */
export const CORE_FOLDERS = [
  "src/pipeline/",
  "src/state/",
  "src/windows/",
  "src/metrics/",
  "src/sinks/cloudwatch/",
  "src/sources/cloudwatch/",
  "src/insights/",
];

/** The engine: mutated in a run of its own, against its own tests (stryker.engine.config.mjs). */
export const ENGINE_FOLDER = "src/insights/";

/** Everything mutated but the engine, as Stryker `mutate` patterns. */
export function coreScope(root = ".") {
  const folders = CORE_FOLDERS.filter((folder) => folder !== ENGINE_FOLDER);
  return [...folders.map((folder) => `${folder}**/*.ts`), ...lockReleaseLines(root)];
}

/** The two runs: each one's config and JSON report. */
export const RUNS = [
  { name: "core", config: "stryker.config.mjs", report: "reports/mutation/mutation.json" },
  { name: "engine", config: "stryker.engine.config.mjs", report: "reports/mutation/engine/mutation.json" },
];

/** The commands' lock releases, as Stryker `file:from-to` line ranges (1-based, inclusive). */
export const LOCK_RELEASES = ["src/cli/series-command.ts", "src/cli/commands/state.ts"];

export function lockReleaseLines(root = ".") {
  return LOCK_RELEASES.map((file) => `${file}:${finallyAround(readFileSync(`${root}/${file}`, "utf8").split("\n"), file)}`);
}

/** The lines of the `finally { … }` block holding `lock.lock.release()`. */
function finallyAround(lines, file) {
  const release = lines.findIndex((line) => line.includes("lock.lock.release()"));
  const start = release < 0 ? -1 : lines.findLastIndex((line, index) => index <= release && /\bfinally \{/.test(line));
  const end = lines.findIndex((line, index) => index > release && /^\s*\}/.test(line));
  if (release < 0 || start < 0 || end < 0 || release - start > 3) {
    throw new Error(`${file}: no "finally { … lock.lock.release() }" found; update LOCK_RELEASES in scripts/mutation-scope.mjs`);
  }
  return `${start + 1}-${end + 1}`;
}

/** The folders the score is given for, in this order; a file belongs to the first that prefixes it. */
export const SCORE_FOLDERS = [...CORE_FOLDERS, "src/cli/"];
