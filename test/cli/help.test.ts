import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, buildOnce, runCli } from "./built-cli.js";

beforeAll(buildOnce);

describe("mail-metrics --help and --version", () => {
  it("prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const result = await runCli(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each([["run"], ["backfill"], ["validate"], ["query"], ["state", "show"], ["state", "reset"]])("%s --help shows an example", async (...command) => {
    const result = await runCli([...command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Example:\n  mail-metrics /);
  });

  it("exits 2 on an unknown command or option", async () => {
    expect((await runCli(["frobnicate"])).code).toBe(2);
    expect((await runCli(["query", "--nope", "x", "y"])).code).toBe(2);
    expect((await runCli(["query", "postfix-smtp-status", "x.log", "--output", "xml"])).code).toBe(2);
  });
});
