// One vitest run over test files that make temporary directories in each way the suite does — in a
// describe block and shared by its tests, in a test, made unreadable (chmod 000), a spooled stdin,
// the global setups' — leaves the system's temporary directory as it found it.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { childEnv, ROOT } from "../cli/built-cli.js";
import { tempDir } from "./temp-dir.js";

const VITEST = join(ROOT, "node_modules", "vitest", "vitest.mjs");
const FILES = ["test/cli/query-command.test.ts", "test/sources/files/source.test.ts", "test/state/lock.test.ts"];

/** This process's environment without what vitest set for its own workers. */
function outsideVitest(tmp: string): NodeJS.ProcessEnv {
  const env = childEnv({ TMPDIR: tmp });
  for (const name of Object.keys(env)) if (name.startsWith("VITEST") || name === "TEST" || name === "NODE_ENV") delete env[name];
  return env;
}

function runVitest(files: readonly string[], tmp: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITEST, "run", ...files], {
      cwd: ROOT,
      env: outsideVitest(tmp),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output: Buffer.concat(output).toString("utf8") }));
  });
}

describe("test temporary directories", () => {
  it("are all removed by the end of a vitest run", async () => {
    const tmp = tempDir("mm-vitest-tmp-");
    const result = await runVitest(FILES, tmp);
    expect(result.code, result.output).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  }, 180_000);
});
