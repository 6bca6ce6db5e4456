import { chmodSync, chownSync, existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { checkStateSafety, prepareState } from "../../src/state/safety.js";
import { NOBODY, secondUserSkipReason } from "../support/second-user.js";
import { tempDir } from "../support/temp-dir.js";

/** A state directory with `mode`, and the message checkStateSafety gives for its state file. */
function problemWith(mode: number, plant: (dir: string) => void = () => {}): string | undefined {
  const dir = join(tempDir("mm-safety-"), "state");
  mkdirSync(dir);
  chmodSync(dir, mode);
  plant(dir);
  try {
    checkStateSafety(join(dir, "prod.json"), "prod.yaml");
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([{ path: "state.path", message: expect.any(String) }]);
    return (error as ConfigError).message;
  }
}

describe(checkStateSafety.name, () => {
  it("passes a private directory, with a private state and lock", () => {
    expect(
      problemWith(
        0o700,
        (dir) => (
          writeFileSync(join(dir, "prod.json"), "{}", { mode: 0o600 }), writeFileSync(join(dir, "prod.json.lock"), "{}", { mode: 0o644 })
        ),
      ),
    ).toBeUndefined();
  });

  it("a group-writable directory: the path, owner, mode and the chmod that fixes it, and the opt-out", () => {
    const message = problemWith(0o770);
    expect(message).toMatch(
      /^prod\.yaml: state\.path: the state's directory \/.*\/state \(owner root, mode 0770\) is writable by its group, /,
    );
    expect(message).toMatch(
      /run: chmod go-w \/.*\/state, or set state\.path to a file in a directory of its own, such as \/var\/lib\/mail-metrics\//,
    );
    expect(message).toContain("state.strictModes: false turns this check off");
  });

  it("a sticky world-writable directory: no chmod advice, another place", () => {
    const message = problemWith(0o1777);
    expect(message).toMatch(/\(owner root, mode 1777\) is shared with other users \(writable by its group and all users, sticky\)/);
    expect(message).not.toContain("chmod");
    expect(message).toContain(
      "set state.path to a file in a directory of its own, such as /var/lib/mail-metrics/ (owned by the user cron runs as, mode 0700)",
    );
  });

  it("a state file others may write, and a symlink in the lock's place", () => {
    expect(problemWith(0o700, (dir) => (writeFileSync(join(dir, "prod.json"), "{}"), chmodSync(join(dir, "prod.json"), 0o646)))).toMatch(
      /the state file \/.*\/prod\.json \(owner root, mode 0646\) is writable by all users; run: chmod go-w \/.*\/prod\.json\./,
    );
    expect(problemWith(0o700, (dir) => symlinkSync("/etc/passwd", join(dir, "prod.json.lock")))).toMatch(
      /the state's lock file \/.*\/prod\.json\.lock \(owner root, mode 0777\) is a symbolic link, which mail-metrics does not follow there; replace the link with the file itself, or set state\.path to where the file really is\./,
    );
  });

  it("a lock file others may write: the chmod for that file, not the advice for a directory", () => {
    const message = problemWith(
      0o700,
      (dir) => (writeFileSync(join(dir, "prod.json.lock"), "{}"), chmodSync(join(dir, "prod.json.lock"), 0o664)),
    );
    expect(message).toMatch(
      /the state's lock file \/.*\/prod\.json\.lock \(owner root, mode 0664\) is writable by its group; run: chmod go-w \/.*\/prod\.json\.lock\. \(state/,
    );
  });

  it("a state file that is not a file (a directory): remove it, or put the state elsewhere", () => {
    expect(problemWith(0o700, (dir) => mkdirSync(join(dir, "prod.json")))).toMatch(
      /the state file \/.*\/prod\.json \(owner root, mode 0755\) is not a regular file; remove it, or set state\.path to a file in a directory of its own, such as \/var\/lib\/mail-metrics\//,
    );
  });

  it("a directory above the state's that others may write: named as such, with the chmod", () => {
    const above = join(tempDir("mm-safety-"), "above");
    mkdirSync(join(above, "state"), { recursive: true });
    chmodSync(above, 0o777);
    chmodSync(join(above, "state"), 0o700);
    expect(() => checkStateSafety(join(above, "state", "prod.json"), "prod.yaml")).toThrow(
      new RegExp(
        `^prod\\.yaml: state\\.path: a directory above the state ${above} \\(owner root, mode 0777\\) is writable by its group and all users, .*run: chmod go-w ${above}, or set state\\.path`,
      ),
    );
  });

  it("a state directory that leads through a loop of symbolic links: its real path is wanted", () => {
    const dir = tempDir("mm-safety-");
    symlinkSync("loop", join(dir, "loop"));
    expect(() => checkStateSafety(join(dir, "loop", "prod.json"), "prod.yaml")).toThrow(
      `the state's directory ${join(dir, "loop")} (owner root, mode 0777) leads through more than 40 symbolic links; set state.path to the directory's real path.`,
    );
  });

  it.runIf(process.getuid?.() === 0)(
    "a directory of a user with no name, checked for another: both by number, root not offered as the owner's alternative",
    () => {
      const dir = join(tempDir("mm-safety-"), "state");
      mkdirSync(dir, { mode: 0o700 });
      chownSync(dir, 4242, 4242);
      expect(() => checkStateSafety(join(dir, "prod.json"), "prod.yaml", 4243)).toThrow(
        `the state's directory ${dir} (owner uid 4242, mode 0700) belongs to uid 4242, not to uid 4243 or root, so that user could change what mail-metrics reads and writes there; run mail-metrics as uid 4242, or chown uid 4243 ${dir}, or set state.path`,
      );
    },
  );

  const skip = secondUserSkipReason();
  it.skipIf(skip !== null)(`a lock file another user owns: who, and the ways out${skip === null ? "" : ` (skipped: ${skip})`}`, () => {
    const message = problemWith(0o700, (dir) => {
      writeFileSync(join(dir, "prod.json.lock"), "{}", { mode: 0o600 });
      chownSync(join(dir, "prod.json.lock"), NOBODY!.uid, NOBODY!.gid);
    });
    expect(message).toMatch(
      /the state's lock file \/.*\/prod\.json\.lock \(owner nobody, mode 0600\) belongs to nobody, not to root, so that user could change what mail-metrics reads and writes there; run mail-metrics as nobody, or chown root \/.*\/prod\.json\.lock, or set state\.path/,
    );
  });
});

describe("where there are no uids (Windows: no process.getuid)", () => {
  it("checks nothing, even a place another user could change", () => {
    const getuid = process.getuid;
    const path = join(tempDir("mm-safety-"), "shared", "prod.json");
    mkdirSync(dirname(path));
    chmodSync(dirname(path), 0o777);
    Object.assign(process, { getuid: undefined });
    try {
      expect(() => checkStateSafety(path, "prod.yaml")).not.toThrow();
      expect(() => prepareState(path, { strictModes: true }, "prod.yaml", true)).not.toThrow();
    } finally {
      Object.assign(process, { getuid });
    }
    expect(problemWith(0o777)).toMatch(/is writable by its group and all users/);
  });
});

describe(prepareState.name, () => {
  /** A state path in a directory not made yet, under a group-writable one (which the check refuses). */
  function unsafePlace() {
    const shared = join(tempDir("mm-prepare-"), "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o770);
    return join(shared, "state", "prod.json");
  }

  it("makes the state's directory, mode 0700, for a command that writes the state", () => {
    const path = join(tempDir("mm-prepare-"), "state", "prod.json");
    prepareState(path, { strictModes: true }, "prod.yaml", true);
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
  });

  it("makes nothing for a command that only reads it (a dry run, state show)", () => {
    const path = join(tempDir("mm-prepare-"), "state", "prod.json");
    prepareState(path, { strictModes: true }, "prod.yaml", false);
    expect(existsSync(dirname(path))).toBe(false);
  });

  it("refuses a place another user could change before making anything there, unless state.strictModes is false", () => {
    const path = unsafePlace();
    expect(() => prepareState(path, { strictModes: true }, "prod.yaml", true)).toThrow(ConfigError);
    expect(existsSync(dirname(path))).toBe(false);
    prepareState(path, { strictModes: false }, "prod.yaml", true);
    expect(existsSync(dirname(path))).toBe(true);
  });

  it("says which state file could not be made, and the fix", () => {
    const path = join(tempDir("mm-prepare-"), "file", "state", "prod.json");
    writeFileSync(dirname(dirname(path)), "");
    expect(() => prepareState(path, { strictModes: false }, "prod.yaml", true)).toThrow(
      new RegExp(
        `^cannot write state file ${path} \\(state\\.path\\): mkdir .*\\(ENOTDIR\\); set state\\.path to a file in a directory this user can write$`,
      ),
    );
  });
});
