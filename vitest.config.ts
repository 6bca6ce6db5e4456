import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Shares one real-Postfix run between test files (test/postfix/postfix-run.ts); cheap otherwise.
    // Prints the bad-input suites' summary (seeds, cases, outcomes) at the end of the run.
    globalSetup: ["test/postfix/global-setup.ts", "test/bad-input/global-setup.ts"],
  },
});
