// Mutation testing of the engine (src/insights/; `npm run mutate` runs it after the core's,
// stryker.config.mjs). Its own run, against its own tests (vitest.mutate-engine.config.ts): nearly
// every test of the pipeline compiles and runs a query, so with the whole fast loop each engine
// mutant ran hundreds of tests that reach it only in passing (a mutant a minute, 13 h projected).
// A mutant only a pipeline test would catch counts as survived: the engine's own tests missed it.
import base from "./stryker.config.mjs";
import { ENGINE_FOLDER } from "./scripts/mutation-scope.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: "vitest.mutate-engine.config.ts" },
  mutate: [`${ENGINE_FOLDER}**/*.ts`],
  // A static mutant (code run as a module loads: the registries of commands, functions, operators
  // and aggregates, with their documentation text) has no covering test, so Stryker runs every
  // test file, one after another, for each: 1,913 of the engine's 5,355 mutants and most of a run's
  // time. They are left out ("static" in the score's table; test/MUTATION.md says how the
  // registries are tested instead).
  ignoreStatic: true,
  htmlReporter: { fileName: "reports/mutation/engine/index.html" },
  jsonReporter: { fileName: "reports/mutation/engine/mutation.json" },
  incrementalFile: "reports/mutation/engine/incremental.json",
  tempDirName: ".stryker-tmp-engine",
};
