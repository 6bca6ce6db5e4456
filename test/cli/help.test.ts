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

  // Every command, the top level and the `state` group included: the help ends with an example
  // whose lines all invoke that very command.
  const commands = [
    "",
    "run",
    "backfill",
    "validate",
    "query",
    "explain",
    "state",
    "state show",
    "state reset",
    "alarms",
    "alarms sync",
    "dashboard",
  ].map((command) => ({
    help: ["mail-metrics", command, "--help"].filter(Boolean).join(" "),
    args: command.split(" ").filter(Boolean),
  }));
  it.each(commands)("$help ends with an example", async ({ args }) => {
    const result = await runCli([...args, "--help"]);
    expect(result.code).toBe(0);
    const example = /\nExample:\n((?: {2}\S.*\n)+)\n?$/.exec(result.stdout);
    expect(example, result.stdout).not.toBeNull();
    for (const line of example![1]!.trimEnd().split("\n")) expect(line).toContain(["mail-metrics", ...args].join(" "));
  });

  it("the top-level example has the demo and a cron line with absolute paths (cron's PATH is short; npx could fetch a stranger's package)", async () => {
    const { stdout } = await runCli(["--help"]);
    expect(stdout).toContain("\n  mail-metrics run --config examples/local.yaml\n");
    expect(stdout).toMatch(/\n {2}\*\/5 \* \* \* \* {2}\/\S+\/mail-metrics run --config \/\S+\/prod\.yaml/);
  });

  it("exits 2 on an unknown command or option", async () => {
    expect((await runCli(["frobnicate"])).code).toBe(2);
    expect((await runCli(["query", "--nope", "x", "y"])).code).toBe(2);
    expect((await runCli(["query", "postfix-smtp-status", "x.log", "--output", "xml"])).code).toBe(2);
  });
});
