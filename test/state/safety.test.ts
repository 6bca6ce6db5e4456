import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { checkStateSafety } from "../../src/state/safety.js";
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
      /the state's lock file \/.*\/prod\.json\.lock \(owner root, mode 0777\) is a symbolic link, which mail-metrics does not follow there; replace the link with the file itself/,
    );
  });

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
