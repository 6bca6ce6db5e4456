// A state file mail-metrics cannot write stops run, backfill and state reset with exit 1 and one
// line naming the state file, the state.path key, the operating system's reason and the fix: never
// an "unexpected error" with a stack (exit 70), and never a hang (Node's recursive mkdir spins
// forever on a path under /proc).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempTree } from "../config/temp-tree.js";
import { buildOnce, CLI, runCli } from "./built-cli.js";
import { LOG } from "./fixtures.js";

beforeAll(buildOnce);

const config = (statePath: string) => `source:
  type: files
  paths: [mail.log]
  year: 2026
sink:
  type: stdout
state:
  path: ${statePath}
queries:
  - builtin: postfix-smtp-status
`;

function setup(statePath: (dir: string) => string) {
  const dir = tempTree({ "mail.log": LOG, "plain-file": "" });
  writeFileSync(join(dir, "config.yaml"), config(statePath(dir)));
  return { dir, statePath: statePath(dir) };
}

const COMMANDS = [
  ["run", "--now", "2026-11-28T11:00:00Z"],
  ["backfill", "--from", "2026-11-28T10:00:00Z", "--to", "2026-11-28T10:30:00Z", "--now", "2026-11-28T11:00:00Z"],
  ["state", "reset", "--query", "postfix-smtp-status", "--yes"],
];

function expectStateFileError(result: { code: number | null; stderr: string }, statePath: string, reason: RegExp) {
  expect(result.stderr).not.toContain("unexpected error");
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toContain(`state file ${statePath} (state.path): `);
  expect(result.stderr).toMatch(reason);
  expect(result.stderr).toContain("set state.path to a file in a directory this user can write");
}

describe("a state path that cannot be written", () => {
  it.each([
    [
      "a regular file as its directory",
      (dir: string) => join(dir, "plain-file", "state.json"),
      /mkdir '.*plain-file': not a directory .*\(ENOTDIR\)/,
    ],
    [
      "a regular file above its directory",
      (dir: string) => join(dir, "plain-file", "sub", "state.json"),
      /mkdir '.*plain-file': not a directory .*\(ENOTDIR\)/,
    ],
  ])("%s: exit 1 naming the file, state.path, the reason and the fix", async (_, path, reason) => {
    const { dir, statePath } = setup(path);
    for (const args of COMMANDS)
      expectStateFileError(await runCli([...args, "--config", "config.yaml"], { cwd: dir, timeout: 20_000 }), statePath, reason);
  });

  it.runIf(existsSync("/proc/self"))("a directory under /proc: exit 1 at once instead of spinning forever", async () => {
    const { dir, statePath } = setup(() => "/proc/nope/state.json");
    const result = await runCli(["run", "--config", "config.yaml", "--now", "2026-11-28T11:00:00Z"], { cwd: dir, timeout: 20_000 });
    expectStateFileError(result, statePath, /mkdir '\/proc\/nope': no such file or directory \(ENOENT\)/);
  });

  // Root may write anywhere, so this case runs the CLI as nobody when the system lets us.
  const dropToNobody = ["--reuid=nobody", "--regid=nogroup", "--clear-groups"];
  const canDrop = spawnSync("setpriv", [...dropToNobody, "true"]).status === 0;
  it.runIf(canDrop)("a directory this user may not write (run as nobody): exit 1 with EACCES and the fix", async () => {
    const { dir, statePath } = setup((d) => join(d, "locked", "sub", "state.json"));
    mkdirSync(join(dir, "locked"), { mode: 0o755 });
    chmodSync(dir, 0o755);
    const child = spawnSync(
      "setpriv",
      [...dropToNobody, process.execPath, CLI, "run", "--config", "config.yaml", "--now", "2026-11-28T11:00:00Z"],
      {
        cwd: dir,
        encoding: "utf8",
        timeout: 20_000,
      },
    );
    expectStateFileError({ code: child.status, stderr: child.stderr }, statePath, /mkdir '.*locked\/sub': permission denied \(EACCES\)/);
    expect(child.stderr).toContain("or give this user write access there");
  });
});

describe("a config without a state", () => {
  it("state show and state reset say there is none, and create nothing", async () => {
    const dir = tempTree({ "mail.log": LOG });
    writeFileSync(
      join(dir, "config.yaml"),
      config(join(dir, "state", "state.json")).replace(/state:\n {2}path: .*\n/, "state:\n  enabled: false\n"),
    );
    for (const args of [
      ["state", "show"],
      ["state", "reset", "--query", "postfix-smtp-status", "--yes"],
    ]) {
      const result = await runCli([...args, "--config", "config.yaml"], { cwd: dir, timeout: 20_000 });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("config.yaml sets state.enabled: false, so its runs record nothing and there is no state to ");
      expect(existsSync(join(dir, "state"))).toBe(false);
    }
  });
});
