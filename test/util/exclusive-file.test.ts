import { spawnSync } from "node:child_process";
import { readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createExclusive, readNoFollow, unguessableSibling } from "../../src/util/exclusive-file.js";
import { tempDir } from "../support/temp-dir.js";

/** A directory holding `precious` and a symlink `planted` to it. */
function planted() {
  const dir = tempDir("mm-excl-");
  const precious = join(dir, "precious");
  writeFileSync(precious, "precious");
  symlinkSync(precious, join(dir, "planted"));
  return { dir, precious, planted: join(dir, "planted") };
}

describe(createExclusive.name, () => {
  it("writes a new file with the mode", () => {
    const path = join(tempDir("mm-excl-"), "new");
    createExclusive(path, "data", 0o600);
    expect(readFileSync(path, "utf8")).toBe("data");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it.each([
    ["a symlink to a file", (p: ReturnType<typeof planted>) => p.planted],
    [
      "a dangling symlink",
      (p: ReturnType<typeof planted>) => (symlinkSync(join(p.dir, "nothing-yet"), join(p.dir, "dangling")), join(p.dir, "dangling")),
    ],
    ["a regular file", (p: ReturnType<typeof planted>) => p.precious],
  ])("fails with EEXIST on %s, writing nothing anywhere", (_, name) => {
    const p = planted();
    const path = name(p);
    expect(() => createExclusive(path, "state", 0o600)).toThrow(expect.objectContaining({ code: "EEXIST" }));
    expect(readFileSync(p.precious, "utf8")).toBe("precious");
    expect(spawnSync("ls", [p.dir]).stdout.toString()).not.toContain("nothing-yet");
  });
});

describe(readNoFollow.name, () => {
  it("reads a file, and undefined for none", () => {
    const p = planted();
    expect(readNoFollow(p.precious)).toBe("precious");
    expect(readNoFollow(join(p.dir, "none"))).toBeUndefined();
  });

  it("refuses a symlink (ELOOP) and anything but a regular file (ENOTREG), without blocking on a FIFO", () => {
    const p = planted();
    expect(() => readNoFollow(p.planted)).toThrow(expect.objectContaining({ code: "ELOOP" }));
    const fifo = join(p.dir, "fifo");
    spawnSync("mkfifo", [fifo]);
    expect(() => readNoFollow(fifo)).toThrow(expect.objectContaining({ code: "ENOTREG" }));
    expect(() => readNoFollow(p.dir)).toThrow(expect.objectContaining({ code: "ENOTREG" }));
  });
});

describe(unguessableSibling.name, () => {
  it("names a hidden file beside the path, different every time", () => {
    const names = new Set(Array.from({ length: 100 }, () => unguessableSibling("/var/lib/mm/prod.json", "tmp")));
    expect(names.size).toBe(100);
    for (const name of names) expect(name).toMatch(/^\/var\/lib\/mm\/\.prod\.json\.[0-9a-f]{24}\.tmp$/);
  });
});
