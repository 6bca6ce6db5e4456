// The CLI as users run it: one bundle (dist/bin/), so a start-up loads a handful of files instead of
// ~300 modules (`query` on a small log: ~265 → ~160 ms). Commands and the AWS SDK stay lazily loaded
// chunks; the file-reading worker is its own entry beside them (parallel-scan.ts finds it next to
// itself). tsc still emits dist/ module by module for the tests' worker threads.
import { defineConfig } from "rolldown";

export default defineConfig({
  input: { "mail-metrics": "src/main.ts", "scan-worker": "src/sources/files/scan-worker.ts" },
  platform: "node",
  output: {
    dir: "dist/bin",
    cleanDir: true,
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
  },
});
