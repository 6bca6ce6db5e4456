// The tests Stryker runs against each mutant (stryker.config.mjs): the fast loop without
// test/sources/files/seek-by-time.test.ts, which compares the engine with itself (a windowed read
// against a whole one, both through the same engine) over every window of a real log — 30 s that
// every engine mutant would pay for, and no mutated code it could catch: sources/files/ is not
// mutated, and an engine mutant changes both sides alike.
import { defineConfig, mergeConfig } from "vitest/config";
import fast from "./vitest.fast.config.js";

export default mergeConfig(fast, defineConfig({ test: { exclude: ["test/sources/files/seek-by-time.test.ts"] } }));
