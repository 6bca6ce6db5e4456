// `npm run mutate [-- STRYKER OPTIONS]`: mutation testing of the core (stryker.config.mjs), then of
// the engine against its own tests (stryker.engine.config.mjs), each in Stryker's incremental mode,
// then the score per folder (mutation-score.mjs). A mutant whose code and covering tests did not
// change since the last run (each run's incremental.json) is not run again; from a fresh clone, or
// with `-- --force`, every mutant runs. `-- --mutate GLOBS` runs only the run(s) the globs fall in.
// `npm run mutate:changed [-- --base REF]`: only the core files changed since REF (default main:
// committed, staged, unstaged and new files); the rest of the report comes from the last run.
import { execFileSync, spawnSync } from "node:child_process";
import { CORE_FOLDERS, ENGINE_FOLDER, LOCK_RELEASES, RUNS, lockReleaseLines } from "./mutation-scope.mjs";

const args = process.argv.slice(2);
const changedOnly = take("--changed");
const base = changedOnly ? (takeValue("--base") ?? "main") : undefined;
const askedFor = args.includes("--mutate");
const asked = takeValue("--mutate")?.split(",").filter(Boolean) ?? [];
if (askedFor && (asked.length === 0 || asked[0].startsWith("--"))) {
  // Without a value the run would fall back to the whole core: hours instead of minutes.
  console.error("mutate: --mutate needs files or globs, e.g. --mutate 'src/windows/**/*.ts' (comma-separated)");
  process.exit(2);
}
const mutate = base === undefined ? asked : changedSince(base);
if (base !== undefined && mutate.length === 0) {
  console.log(`mutate:changed: no file of the mutated core (${CORE_FOLDERS.join(", ")}) changed since ${base}`);
  process.exit(0);
}
if (base !== undefined) console.log(`mutate:changed: ${mutate.length} file(s) changed since ${base}:\n  ${mutate.join("\n  ")}`);

for (const run of RUNS) {
  const mine = mutate.filter((pattern) => pattern.startsWith(ENGINE_FOLDER) === (run.name === "engine"));
  if (mutate.length > 0 && mine.length === 0) continue;
  console.log(`mutate: the ${run.name} (${run.config})`);
  const stryker = spawnSync(
    "npx",
    ["stryker", "run", run.config, "--incremental", ...(mine.length > 0 ? ["--mutate", mine.join(",")] : []), ...args],
    { stdio: "inherit" },
  );
  if (stryker.status !== 0) process.exit(stryker.status ?? 1);
}
const score = spawnSync(process.execPath, ["scripts/mutation-score.mjs", "--survivors"], { stdio: "inherit" });
process.exit(score.status ?? 1);

function changedSince(ref) {
  const git = (...gitArgs) => execFileSync("git", gitArgs, { encoding: "utf8" }).split("\n").filter(Boolean);
  const since = git("merge-base", ref, "HEAD")[0];
  const changed = new Set([
    ...git("diff", "--name-only", "--diff-filter=AMR", since),
    ...git("ls-files", "--others", "--exclude-standard"),
  ]);
  const files = [...changed].filter((file) => file.endsWith(".ts") && CORE_FOLDERS.some((folder) => file.startsWith(folder))).sort();
  return [...files, ...lockReleaseLines().filter((_, index) => changed.has(LOCK_RELEASES[index]))];
}

function take(flag) {
  const index = args.indexOf(flag);
  if (index >= 0) args.splice(index, 1);
  return index >= 0;
}

function takeValue(flag) {
  const index = args.indexOf(flag);
  return index >= 0 ? args.splice(index, 2)[1] : undefined;
}
