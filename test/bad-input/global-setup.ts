// Vitest globalSetup: each bad-input suite leaves a one-line summary (seed, cases, outcomes) in a
// shared directory; after the whole run this prints them together, so the CI log ends with them.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    badInputSummaryDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "mail-metrics-bad-input-"));
  // A run stopped by Ctrl-C or SIGTERM skips the teardown but still exits.
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", remove);
  project.provide("badInputSummaryDir", dir);
  return () => {
    let lines: string[];
    try {
      lines = readdirSync(dir)
        .sort()
        .map((name) => readFileSync(join(dir, name), "utf8").trimEnd());
    } finally {
      remove();
      process.off("exit", remove);
    }
    if (lines.length > 0)
      process.stdout.write(
        `\n[bad-input] summary (replay a seed with BAD_INPUT_SEED=<seed>)\n${lines.map((line) => `[bad-input]   ${line}\n`).join("")}`,
      );
  };
}
