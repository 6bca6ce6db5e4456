import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default on 2 cores is one worker, which then sits idle while the real-Postfix run
    // settles (~2 minutes of waiting) and while CLI children run; three keep both cores busy.
    maxWorkers: 3,
    // Shares one real-Postfix run between test files (test/postfix/postfix-run.ts); cheap otherwise.
    // Prints the bad-input suites' summary (seeds, cases, outcomes) at the end of the run.
    globalSetup: ["test/postfix/global-setup.ts", "test/bad-input/global-setup.ts"],
    // Removes each test file's temporary directories (test/support/temp-dir.ts) when the file is done.
    setupFiles: ["test/support/remove-temp-dirs.ts"],
  },
});
