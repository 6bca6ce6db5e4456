// What another user can do to a run (here root, as from cron) through the state's directory, tried
// by a real second user (nobody): plant symlinks under every name the tool used to create there
// (the temporary state, the lock's draft, the stale lock moved aside, for the coming pids), plant a
// lock, or just own or share a directory on the way. Each is refused with exit 2 naming the path,
// its owner and mode and the fix — or, with state.strictModes: false, harmless: the run writes
// nothing through the links. No file outside the state's directory changes either way.
import { createHash } from "node:crypto";
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NOBODY, runAs, secondUserSkipReason } from "../support/second-user.js";
import { tempDir } from "../support/temp-dir.js";
import { buildOnce, CLI, runCli } from "./built-cli.js";
import { LOG } from "./fixtures.js";
import { untimed } from "../pipeline/log-lines.js";

const skip = secondUserSkipReason();
beforeAll(buildOnce, 120_000);

const NOW = ["--now", "2026-11-28T11:00:00Z"];
/** Names planted for the next pids: more than the runs below can use up. */
const SPRAY = 3_000;

/**
 * <base> (0755): config.yaml, mail.log, precious (root's file holding "precious"), and <base>/<stateDir>
 * with `mode` and group nogroup, where nobody may write when the mode lets the group.
 */
function scene(options: { mode: number; strict?: boolean; stateDir?: string; parentMode?: number }) {
  const base = tempDir("mm-other-user-");
  chmodSync(base, 0o755);
  const parent = join(base, "var");
  const dir = join(parent, options.stateDir ?? "mail-metrics");
  mkdirSync(dir, { recursive: true });
  chmodSync(parent, options.parentMode ?? 0o755);
  chownSync(parent, 0, NOBODY!.gid);
  chmodSync(dir, options.mode);
  chownSync(dir, 0, NOBODY!.gid);
  const statePath = join(dir, "prod.json");
  const precious = join(base, "precious");
  writeFileSync(precious, "precious");
  writeFileSync(join(base, "mail.log"), LOG);
  const strict = options.strict === false ? "\n  strictModes: false" : "";
  writeFileSync(
    join(base, "config.yaml"),
    `source:\n  type: files\n  paths: [mail.log]\n  year: 2026\nsink:\n  type: stdout\nstate:\n  path: ${statePath}${strict}\nqueries:\n  - builtin: postfix-smtp-status\n`,
  );
  return {
    base,
    parent,
    dir,
    statePath,
    precious,
    run: (args: string[] = ["run", ...NOW]) => runCli([...args, "--config", "config.yaml"], { cwd: base, timeout: 30_000 }),
  };
}

/** As nobody: symlinks to `target` under the names runs used to create beside the state, for the next pids. */
function spray(statePath: string, target: string): void {
  const script = `
    const { symlinkSync } = require("node:fs");
    const [state, target, first, count] = process.argv.slice(1);
    for (let pid = Number(first); pid < Number(first) + Number(count); pid += 1) {
      const dir = require("node:path").dirname(state), name = require("node:path").basename(state);
      for (const planted of [dir + "/." + name + "." + pid + ".tmp", state + ".lock." + pid + ".new", state + ".lock.stale-" + pid]) symlinkSync(target, planted);
    }`;
  const next = Number(readFileSync("/proc/sys/kernel/ns_last_pid", "utf8"));
  const planted = runAs(NOBODY!, process.execPath, ["-e", script, statePath, target, String(next), String(SPRAY)]);
  expect(planted.status, planted.stderr).toBe(0);
}

/** Every file and directory under `root` (type, owner, mode, content or link target), to compare before and after. */
function snapshot(root: string, skipDir?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string) => {
    const stat = lstatSync(path);
    const what = stat.isSymbolicLink()
      ? `-> ${readlinkSync(path)}`
      : stat.isDirectory()
        ? "dir"
        : createHash("sha256").update(readFileSync(path)).digest("hex");
    out[path] = `${stat.uid}:${(stat.mode & 0o7777).toString(8)} ${what}`;
    if (stat.isDirectory() && path !== skipDir) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return out;
}

describe.skipIf(skip !== null)(
  `the state's directory and another user${skip === null ? "" : ` (skipped: ${skip})`}`,
  { timeout: 120_000 },
  () => {
    it("a symlink spray in a group-writable directory: refused with exit 2 naming the directory, its owner, mode and the fix; nothing written", async () => {
      const s = scene({ mode: 0o770 });
      spray(s.statePath, s.precious);
      const before = snapshot(s.base);
      const result = await s.run();
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe("");
      expect(untimed(result.stderr)).toBe(
        `mail-metrics: config.yaml: state.path: the state's directory ${s.dir} (owner root, mode 0770) is writable by its group, who could plant files and symlinks there ` +
          `or put another directory in the state's place; run: chmod go-w ${s.dir}, or set state.path to a file in a directory of its own, such as /var/lib/mail-metrics/ ` +
          `(owned by the user cron runs as, mode 0700). (state.strictModes: false turns this check off, for a directory only trusted users share.)\n`,
      );
      expect(snapshot(s.base)).toEqual(before);
    });

    // Seen: with the temporary state named .<state>.<pid>.tmp and opened with "w" (as before), this run
    // overwrote precious with the state.
    it("the same spray with state.strictModes: false: the run publishes, and writes nothing through the links", async () => {
      const s = scene({ mode: 0o770, strict: false });
      spray(s.statePath, s.precious);
      const before = snapshot(s.base, s.dir);
      const planted = readdirSync(s.dir).length;
      for (const args of [
        ["run", ...NOW],
        ["run", "--now", "2026-11-28T11:30:00Z"],
        ["state", "reset", "--query", "postfix-smtp-status", "--yes"],
      ]) {
        const result = await s.run(args);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).not.toContain("mail-metrics:");
      }
      expect(readFileSync(s.precious, "utf8")).toBe("precious");
      expect(snapshot(s.base, s.dir)).toEqual(before);
      expect(lstatSync(s.statePath).isFile()).toBe(true);
      // The links are all still there, and the only new entry is the state (the lock was released).
      expect(readdirSync(s.dir).length).toBe(planted + 1);
    });

    it("a lock planted by another user as a symlink, with state.strictModes: false: exit 1 saying so, nothing written", async () => {
      const s = scene({ mode: 0o770, strict: false });
      expect(runAs(NOBODY!, "ln", ["-s", s.precious, `${s.statePath}.lock`]).status).toBe(0);
      const before = snapshot(s.base);
      const result = await s.run();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `lock file ${s.statePath}.lock cannot be read: it is a symbolic link, which mail-metrics does not follow there (ELOOP)`,
      );
      expect(snapshot(s.base)).toEqual(before);
    });

    it("a lock planted by another user, naming a live process: refused (exit 2), not 'another run holds the lock'", async () => {
      const s = scene({ mode: 0o700 });
      writeFileSync(
        `${s.statePath}.lock`,
        JSON.stringify({ pid: 1, host: hostname(), startTicks: null, since: "2026-11-28T10:00:00.000Z" }),
        { mode: 0o600 },
      );
      chownSync(`${s.statePath}.lock`, NOBODY!.uid, NOBODY!.gid);
      const before = snapshot(s.base);
      const result = await s.run();
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(
        new RegExp(
          `the state's lock file ${s.statePath}\\.lock \\(owner nobody, mode 0600\\) belongs to nobody, not to root, .*run mail-metrics as nobody, or chown root ${s.statePath}\\.lock, or set state\\.path`,
        ),
      );
      expect(snapshot(s.base)).toEqual(before);
    });

    it.each([
      [
        "a world-writable sticky directory (like /tmp)",
        { mode: 0o1777 },
        "dir",
        /\(owner root, mode 1777\) is shared with other users \(writable by its group and all users, sticky\), who could still plant files/,
      ],
      [
        "a group-writable parent, whose group could rename the state's directory away",
        { mode: 0o700, parentMode: 0o775 },
        "parent",
        /a directory above the state .* \(owner root, mode 0775\) is writable by its group, .*chmod go-w /,
      ],
    ] as const)("%s: refused with exit 2 naming it, nothing written", async (_, options, where, message) => {
      const s = scene(options);
      const before = snapshot(s.base);
      const result = await s.run();
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`config.yaml: state.path: `);
      expect(result.stderr).toContain(s[where]);
      expect(result.stderr).toMatch(message);
      expect(snapshot(s.base)).toEqual(before);
    });

    it("a state directory owned by another user: refused with exit 2; as that user the same state works", async () => {
      const s = scene({ mode: 0o700 });
      chownSync(s.dir, NOBODY!.uid, NOBODY!.gid);
      const asRoot = await s.run();
      expect(asRoot.code).toBe(2);
      expect(asRoot.stderr).toContain(`the state's directory ${s.dir} (owner nobody, mode 0700) belongs to nobody, not to root`);
      const asNobody = runAs(NOBODY!, process.execPath, [CLI, "run", ...NOW, "--config", "config.yaml"], { cwd: s.base });
      expect(asNobody.status, asNobody.stderr).toBe(0);
      expect(lstatSync(s.statePath).uid).toBe(NOBODY!.uid);
    });
  },
);

describe("where the state is by default", () => {
  it("$HOME/.local/state/mail-metrics/ is accepted and made with mode 0700", async () => {
    const home = tempDir("mm-home-");
    writeFileSync(join(home, "mail.log"), LOG);
    writeFileSync(
      join(home, "prod.yaml"),
      "source:\n  type: files\n  paths: [mail.log]\n  year: 2026\nsink:\n  type: stdout\nqueries:\n  - builtin: postfix-smtp-status\n",
    );
    const result = await runCli(["run", ...NOW, "--config", "prod.yaml"], {
      cwd: home,
      env: { HOME: home, XDG_STATE_HOME: undefined },
      timeout: 30_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const dir = join(home, ".local", "state", "mail-metrics");
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
    expect(lstatSync(join(dir, "prod.json")).isFile()).toBe(true);
  });
});
