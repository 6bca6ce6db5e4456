// The fast loop (`npm run test:fast`): every test that needs neither the built CLI nor a real
// Postfix nor dist/ — the engine, config, metrics, state, the stand-in and the in-process pipeline.
// Seconds, no build, no root. The full suite (`npm test`) runs everything.
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";
import { slowTestFiles } from "./test/support/slow-tests.js";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["**/node_modules/**", ...slowTestFiles(import.meta.dirname)],
      globalSetup: [],
    },
  }),
);
