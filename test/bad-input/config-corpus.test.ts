// Every broken config in configs/ through the built CLI (`mail-metrics validate`): exit 2, nothing
// on stdout, and one message line that names the file, the line, the key path, the value and the
// fix its header expects (config-case.ts). The important parts are asserted, not the full wording.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT, runCli } from "../cli/built-cli.js";
import { readConfigCase, type ConfigCase } from "./config-case.js";
import { printReport, trackOutcomes, verdict } from "./report.js";

const DIR = fileURLToPath(new URL("./configs/", import.meta.url));
const CASES = readdirSync(DIR)
  .filter((name) => name.endsWith(".yaml"))
  .sort()
  .map((name) => readConfigCase(join(DIR, name)));

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** file:line[:column]: at the start of a message line (the first one carries the `mail-metrics: ` prefix). */
function locationPattern(c: ConfigCase): RegExp {
  const file = escapeRegex(relative(ROOT, c.file));
  const line = c.line === null ? "" : `:${c.line}(?::\\d+)?`;
  return new RegExp(`^(?:mail-metrics: )?${file}${line}: `);
}

const passed: string[] = [];
beforeAll(buildOnce);
const outcomes = trackOutcomes();
afterAll(() => {
  const line = `${passed.length} of ${CASES.length} broken configs exit 2 naming file, line, key path and fix`;
  printReport("broken configs", [line], `broken configs: ${line}; ${verdict(outcomes)}`);
});

describe("mail-metrics validate on broken configs", () => {
  it("has a corpus to run", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.concurrent.each(CASES.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const result = await runCli(["validate", "--config", relative(ROOT, c.config)], { cwd: ROOT });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.split("\n").filter((line) => line !== "");
    const line = lines.find(
      (text) => locationPattern(c).test(text) && (c.path === null || text.includes(`${c.path}:`) || text.includes(`${c.path} `)),
    );
    expect(line, `no message line names ${relative(ROOT, c.file)}:${c.line ?? ""} ${c.path ?? ""} in:\n${result.stderr}`).toBeDefined();
    for (const part of c.parts) expect(line).toContain(part);
    passed.push(c.name);
  });
});
