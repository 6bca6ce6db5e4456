// Vitest globalSetup: gives every test file of one `vitest` invocation the same directory, so the
// real-Postfix run happens at most once per invocation however many files use it (postfix-run.ts).
// Teardown is a safety net: it stops any instance still running there, then removes the directory
// (kept when MAIL_METRICS_KEEP_POSTFIX_RUN=1, for debugging).
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { layout } from "./postfix-config.js";
import { stopSync } from "./postfix-control.js";

declare module "vitest" {
  export interface ProvidedContext {
    postfixShareDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "mail-metrics-postfix-share-"));
  chmodSync(dir, 0o755); // the run's queue lives below; Postfix's daemons run as user postfix
  project.provide("postfixShareDir", dir);
  // Also when a run is stopped by Ctrl-C or SIGTERM, which skips the teardown but still exits.
  process.once("exit", teardown);
  function teardown(): void {
    process.off("exit", teardown);
    if (!existsSync(dir)) return;
    try {
      for (const entry of readdirSync(dir)) {
        if (entry.startsWith("mail-metrics-postfix-")) stopSync(layout(join(dir, entry)));
      }
    } finally {
      if (process.env.MAIL_METRICS_KEEP_POSTFIX_RUN !== "1") rmSync(dir, { recursive: true, force: true });
    }
  }
  return teardown;
}
