// The tests Stryker runs against the engine's mutants (stryker.engine.config.mjs): the fast loop's
// tests of the engine itself — the Logs Insights subset, the shipped queries' counting rules, bad
// and hostile input, the files source that runs the engine over logs (less seek-by-time, as in
// vitest.mutate.config.ts), and the config's rules, which read users' queries through the engine's
// analysis/ (what fields a query sets, which metric names it can make, how it cuts time).
import type { UserConfig } from "vitest/config";
import mutate from "./vitest.mutate.config.js";

const ENGINE_TESTS = [
  "test/insights/**/*.test.ts",
  "test/queries/**/*.test.ts",
  "test/bad-input/**/*.test.ts",
  "test/sources/files/**/*.test.ts",
  "test/config/**/*.test.ts",
];

// Not mergeConfig: it would append these to the fast loop's include (every test) instead of replacing it.
const config: UserConfig = { ...mutate, test: { ...mutate.test, include: ENGINE_TESTS } };
export default config;
