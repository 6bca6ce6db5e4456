import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, lchownSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { untrustedDirectory, untrustedFile } from "../../src/util/trusted-path.js";
import { NOBODY, secondUserSkipReason } from "../support/second-user.js";
import { tempDir } from "../support/temp-dir.js";

const me = process.getuid!();

/** `<temp>/parent/state` with the given modes (mkdir then chmod, so the umask does not interfere). */
function tree(parentMode: number, stateMode: number) {
  const parent = join(tempDir("mm-trust-"), "parent");
  const state = join(parent, "state");
  mkdirSync(state, { recursive: true });
  chmodSync(parent, parentMode);
  chmodSync(state, stateMode);
  return { parent, state };
}

describe(untrustedDirectory.name, () => {
  it("accepts a private directory under the system's sticky temporary directory, and parts not made yet", () => {
    const { state } = tree(0o755, 0o700);
    expect(untrustedDirectory(state, me)).toBeUndefined();
    expect(untrustedDirectory(join(state, "not", "yet"), me)).toBeUndefined();
  });

  it.each([
    ["the directory itself, writable by its group", 0o755, 0o770, "state", "writable"],
    ["the directory itself, writable by all", 0o755, 0o707, "state", "writable"],
    ["the directory itself, shared and sticky like /tmp", 0o755, 0o1777, "state", "shared-sticky"],
    ["a parent writable by its group (which could rename the directory away)", 0o775, 0o700, "parent", "writable"],
  ] as const)("refuses %s", (_, parentMode, stateMode, where, distrust) => {
    const dirs = tree(parentMode, stateMode);
    expect(untrustedDirectory(dirs.state, me)).toEqual({ path: dirs[where], distrust, uid: me, mode: expect.any(Number) });
  });

  it("accepts a parent that all may write but that is sticky", () => {
    const { state } = tree(0o1777, 0o700);
    expect(untrustedDirectory(state, me)).toBeUndefined();
  });

  it("refuses /tmp itself as the state's directory", () => {
    expect(untrustedDirectory(tmpdir(), me)?.distrust).toBe("shared-sticky");
  });

  it("follows symlinks on the way and judges where they lead", () => {
    const { parent, state } = tree(0o755, 0o700);
    const open = join(parent, "open");
    mkdirSync(open, { mode: 0o700 });
    chmodSync(open, 0o777);
    symlinkSync(state, join(parent, "to-state"));
    symlinkSync("open", join(parent, "to-open"));
    expect(untrustedDirectory(join(parent, "to-state"), me)).toBeUndefined();
    expect(untrustedDirectory(join(parent, "to-open"), me)).toMatchObject({ path: open, distrust: "writable" });
  });

  it("stops at a symlink loop", () => {
    const { parent } = tree(0o755, 0o700);
    symlinkSync("b", join(parent, "a"));
    symlinkSync("a", join(parent, "b"));
    expect(untrustedDirectory(join(parent, "a"), me)?.distrust).toBe("symlink-loop");
  });
});

const skip = secondUserSkipReason();

describe.skipIf(skip !== null)(`another user's files on the way${skip === null ? "" : ` (skipped: ${skip})`}`, () => {
  const other = NOBODY!;

  it.each(["parent", "state"] as const)("refuses a %s directory owned by another user than this one or root", (where) => {
    const dirs = tree(0o755, 0o700);
    chownSync(dirs[where], other.uid, other.gid);
    expect(untrustedDirectory(dirs.state, me)).toMatchObject({ path: dirs[where], distrust: "foreign-owner", uid: other.uid });
  });

  it("accepts directories of root for another user, and that user's own", () => {
    const { parent, state } = tree(0o755, 0o700);
    chownSync(state, other.uid, other.gid);
    expect(untrustedDirectory(state, other.uid)).toBeUndefined();
    expect(untrustedDirectory(parent, other.uid)).toBeUndefined();
  });

  it("refuses a symlink on the way that another user owns, even to a good directory", () => {
    const { parent, state } = tree(0o755, 0o700);
    const link = join(parent, "link");
    symlinkSync(state, link);
    lchownSync(link, other.uid, other.gid);
    expect(untrustedDirectory(link, me)).toMatchObject({ path: link, distrust: "foreign-owner" });
  });
});

describe(untrustedFile.name, () => {
  it("accepts a private file and no file at all", () => {
    const { state } = tree(0o755, 0o700);
    writeFileSync(join(state, "s.json"), "{}", { mode: 0o600 });
    expect(untrustedFile(join(state, "s.json"), me)).toBeUndefined();
    expect(untrustedFile(join(state, "none.json"), me)).toBeUndefined();
  });

  it.each([
    ["writable by others", (path: string) => (writeFileSync(path, "{}"), chmodSync(path, 0o666)), "writable"],
    ["a symlink", (path: string) => symlinkSync("/etc/passwd", path), "symlink"],
    ["a FIFO", (path: string) => spawnSync("mkfifo", [path]), "not-regular"],
  ] as const)("refuses a file that is %s", (_, plant, distrust) => {
    const path = join(tree(0o755, 0o700).state, "s.json");
    plant(path);
    expect(untrustedFile(path, me)?.distrust).toBe(distrust);
  });

  it.skipIf(skip !== null)("refuses a file another user owns", () => {
    const path = join(tree(0o755, 0o700).state, "s.json.lock");
    writeFileSync(path, "{}", { mode: 0o600 });
    chownSync(path, NOBODY!.uid, NOBODY!.gid);
    expect(untrustedFile(path, me)).toMatchObject({ distrust: "foreign-owner", uid: NOBODY!.uid });
  });
});
