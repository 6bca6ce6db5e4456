// What another run (or a person) does to the lock between two steps of tryLock: released, re-taken
// or taken over just after our link failed, a guard gone by the time we read it, a file system that
// refuses the link itself. Each is played at that very step by a spy on the read (or the link), which
// does what the other party would there and then, around the real call; lock-race.test.ts races real
// processes, where these moments come only by chance.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tryLock } from "../../src/state/lock.js";
import * as exclusive from "../../src/util/exclusive-file.js";
import { tempDir } from "../support/temp-dir.js";

vi.mock("node:fs", { spy: true });
vi.mock("../../src/util/exclusive-file.js", { spy: true });
const actual = await vi.importActual<typeof exclusive>("../../src/util/exclusive-file.js");

afterEach(() => {
  vi.mocked(exclusive.readNoFollow).mockReset();
  vi.mocked(fs.linkSync).mockReset();
});

const lockPath = () => join(tempDir("mm-lock-"), "state.json.lock");
const deadPid = () => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
const ownerText = (pid: number, since: string) => JSON.stringify({ pid, host: hostname(), startTicks: null, since });
const guardOf = (path: string, stale: string, level: number) =>
  `${path}.takeover-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}-${level}`;

/**
 * Each read of `path` goes through `read(n, real)`: n counts the reads of `path`, `real` is the real
 * read, so `read` can act (as another run would) before or after it.
 */
function onRead(path: string, read: (n: number, real: () => string | undefined) => string | undefined): void {
  let reads = 0;
  vi.mocked(exclusive.readNoFollow).mockImplementation((file) =>
    file === path ? read((reads += 1), () => actual.readNoFollow(file)) : actual.readNoFollow(file),
  );
}

describe("tryLock, when the lock changes between its steps", () => {
  it("released between our link and our read: tries again and takes it", () => {
    const path = lockPath();
    writeFileSync(path, ownerText(process.pid, "2026-01-01T00:00:00Z"));
    onRead(path, (n, real) => {
      if (n === 1) unlinkSync(path); // its holder releases it
      return real();
    });
    expect(tryLock(path).acquired).toBe(true);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(expect.objectContaining({ pid: process.pid }));
  });

  it("released and re-taken by other runs five times over: gives up saying so", () => {
    const path = lockPath();
    writeFileSync(path, ownerText(process.pid, "2026-01-01T00:00:00Z"));
    // Five times its holder releases it just before our read, and another run takes it just after
    // (before our next link). Then it stays with that run, whom a sixth look would name.
    onRead(path, (n, real) => {
      if (n > 5) return real();
      unlinkSync(path);
      const text = real();
      writeFileSync(path, ownerText(process.pid, `2026-01-01T00:00:0${n}Z`));
      return text;
    });
    expect(tryLock(path)).toEqual({ acquired: false, holder: "another run (the lock changed hands while we looked)" });
    expect(readFileSync(path, "utf8")).toBe(ownerText(process.pid, "2026-01-01T00:00:05Z"));
  });
});

describe("tryLock, when a takeover changes between its steps", () => {
  it("a live taker that finishes between our look at its guard and our read of it: the lock is ours next", () => {
    const path = lockPath();
    const stale = ownerText(deadPid(), "2026-01-01T00:00:00Z");
    writeFileSync(path, stale);
    const guard = guardOf(path, stale, 1);
    writeFileSync(guard, ownerText(process.pid, "2026-01-01T00:00:01Z"));
    onRead(guard, (n, real) => {
      if (n === 1) {
        // The taker removes the stale lock, then its guard.
        unlinkSync(path);
        unlinkSync(guard);
      }
      return real();
    });
    expect(tryLock(path).acquired).toBe(true);
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
  });

  it("a dead taker's guard removed by hand while we climb over it: the takeover still completes", () => {
    const path = lockPath();
    const stale = ownerText(deadPid(), "2026-01-01T00:00:00Z");
    writeFileSync(path, stale);
    const below = guardOf(path, stale, 1);
    writeFileSync(below, ownerText(deadPid(), "2026-01-01T00:00:01Z"));
    onRead(below, (n, real) => {
      if (n === 2) unlinkSync(below); // after we saw its taker dead, before we tidy it away
      return real();
    });
    expect(tryLock(path).acquired).toBe(true);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(expect.objectContaining({ pid: process.pid }));
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
  });
});

describe("a lock that the file system will not link", () => {
  it("is an error naming the state file, the reason and the fix, not a lock held by someone", () => {
    const path = lockPath();
    // A full disk: the new directory entry needs a block (link(2): ENOSPC).
    vi.mocked(fs.linkSync).mockImplementationOnce((from) => {
      throw Object.assign(new Error(`ENOSPC: no space left on device, link '${from}' -> '${path}'`), {
        code: "ENOSPC",
        syscall: "link",
        path: String(from),
        dest: path,
      });
    });
    expect(() => tryLock(path)).toThrow(
      new RegExp(
        `^cannot lock state file ${dirname(path)}/state\\.json \\(state\\.path\\): link '.*': no space left on device \\(ENOSPC\\); set state\\.path`,
      ),
    );
    expect(readdirSync(dirname(path))).toEqual([]);
  });
});
