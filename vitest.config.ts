import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Shares one real-Postfix run between test files (test/postfix/postfix-run.ts); cheap otherwise.
    globalSetup: ["test/postfix/global-setup.ts"],
  },
});
