// Mutation testing of the core but the engine (`npm run mutate`; test/MUTATION.md; the engine:
// stryker.engine.config.mjs): StrykerJS plants one small bug
// at a time in the code below and runs the fast loop's tests that reach it (vitest.fast.config.ts,
// never the built CLI nor a real Postfix); a mutant no test fails on is a bug the suite would miss.
// Reports go to reports/mutation/ (git-ignored); scripts/mutation-score.mjs prints the score per folder.
import { coreScope } from "./scripts/mutation-scope.mjs";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts" },
  // Each mutant runs only the tests that executed its code in the first, instrumented run.
  coverageAnalysis: "perTest",
  // The core's folders but the engine, and of cli/ the lines that release the lock
  // (scripts/mutation-scope.mjs).
  mutate: coreScope(),
  // The machine has 2 cores, shared: `--concurrency 1` when others are busy.
  concurrency: 2,
  // A busy machine makes tests slower than in the first run; a mutant that loops forever still
  // ends as a timeout (counted as killed).
  timeoutMS: 20_000,
  // As in the engine's run: a static mutant (code run as a module loads) has no covering test, so
  // it runs every test file, and Stryker's vitest runner misreports some of them (test/MUTATION.md,
  // "Static mutants Stryker reports wrongly"). Left out ("static" in the score's table).
  ignoreStatic: true,
  reporters: ["clear-text", "progress", "html", "json"],
  clearTextReporter: { allowColor: false, reportTests: false, reportMutants: true, reportScoreTable: true },
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  incrementalFile: "reports/mutation/incremental.json",
  tempDirName: ".stryker-tmp",
  // Stryker rewrites the tsconfig's extends and references for its sandbox through TypeScript's JS
  // API, which TypeScript 7 (native) does not have; ours has neither, so it is pointed elsewhere.
  tsconfigFile: "no-tsconfig-to-rewrite.json",
  ignorePatterns: ["dist", "bench/data", "tmp", "reports", "*.tgz", ".stryker-tmp*"],
  thresholds: { high: 90, low: 85, break: null },
};
