import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { RuntimeError } from "../../src/errors.js";
import { removeStale, tryLock, waitForLock } from "../../src/state/lock.js";
import { tempDir } from "../support/temp-dir.js";

const lockPath = () => join(tempDir("mm-lock-"), "state.json.lock");
const deadPid = () => Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString());
const ownerText = (pid: number, extra: object = {}) =>
  JSON.stringify({ pid, host: hostname(), startTicks: null, since: "2026-01-01T00:00:00Z", ...extra });
/** The guard a takeover of the lock holding `stale` takes at `level` (lock.ts names it after the stale content). */
const guardOf = (path: string, stale: string, level: number) =>
  `${path}.takeover-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}-${level}`;
const held = (attempt: ReturnType<typeof tryLock>) => {
  if (!attempt.acquired) throw new Error(`not acquired: ${attempt.holder}`);
  return attempt.lock;
};

/** Whether chattr +i works here (root, and a file system with the immutable flag): then unlink fails with EPERM. */
function canMakeImmutable(): boolean {
  const probe = join(tempDir("mm-lock-"), "probe");
  writeFileSync(probe, "");
  const works = spawnSync("chattr", ["+i", probe]).status === 0;
  spawnSync("chattr", ["-i", probe]);
  return works;
}

describe(tryLock.name, () => {
  it("lets one holder in and tells the second who holds it", () => {
    const path = lockPath();
    const first = held(tryLock(path));
    const second = tryLock(path);
    expect(second).toEqual({ acquired: false, holder: expect.stringContaining(`pid ${process.pid}`), since: expect.any(Number) });
    first.release();
    expect(existsSync(path)).toBe(false);
    expect(tryLock(path).acquired).toBe(true);
  });

  it("takes over a lock left by a dead process and leaves nothing else behind", () => {
    const path = lockPath();
    writeFileSync(path, ownerText(deadPid()));
    held(tryLock(path));
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
  });

  it("takes over a lock whose pid now belongs to another process", () => {
    const path = lockPath();
    // Our own pid, but a start time that is not ours: the owner died and the pid was reused.
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), startTicks: "1", since: "2026-01-01T00:00:00Z" }));
    expect(tryLock(path).acquired).toBe(true);
  });

  it.runIf(existsSync("/proc/sys/kernel/random/boot_id"))(
    "takes over a lock written before the host rebooted, even where its pid is in use now",
    () => {
      const path = lockPath();
      writeFileSync(path, ownerText(process.pid, { boot: "another-boot" }));
      expect(tryLock(path).acquired).toBe(true);
    },
  );

  it("respects a lock held from another host, or from another pid namespace on this one", () => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify({ pid: 1, host: "elsewhere", startTicks: null, since: "2026-01-01T00:00:00Z" }));
    // With the time it was taken since, by which `run` tells a stuck run from a busy one.
    expect(tryLock(path)).toEqual({
      acquired: false,
      holder: expect.stringContaining("on elsewhere"),
      since: Date.parse("2026-01-01T00:00:00Z"),
    });
    writeFileSync(path, ownerText(deadPid(), { pidNamespace: "pid:[1]" }));
    expect(tryLock(path).acquired).toBe(false);
  });

  it("takes over a lock left by a dead process of this pid namespace, and respects one left on another host", () => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify({ pid: deadPid(), host: "elsewhere", startTicks: null, since: "2026-01-01T00:00:00Z" }));
    expect(tryLock(path)).toEqual({
      acquired: false,
      holder: expect.stringContaining("on elsewhere"),
      since: Date.parse("2026-01-01T00:00:00Z"),
    });
    writeFileSync(path, ownerText(deadPid(), { pidNamespace: readlinkSync("/proc/self/ns/pid") }));
    expect(tryLock(path).acquired).toBe(true);
  });

  it("respects a lock of this process, with its own start time, pid namespace and boot", () => {
    const path = lockPath();
    const own = held(tryLock(path));
    const text = readFileSync(path, "utf8");
    own.release();
    writeFileSync(path, text);
    expect(tryLock(path)).toEqual({ acquired: false, holder: expect.stringContaining(`pid ${process.pid}`), since: expect.any(Number) });
  });

  it.each([
    ["pid 0", { pid: 0 }],
    ["a pid that is not a whole number", { pid: 1.5 }],
    ["a pid written as text", { pid: "1" }],
    ["no host", { host: undefined }],
    ["no start date", { since: undefined }],
  ])("a lock naming %s is damaged: an error with the fix, neither taken over nor reported as held", (_, change) => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify({ ...JSON.parse(ownerText(4242)), ...change }));
    expect(() => tryLock(path)).toThrow(/lock file .* is damaged \(it names no owner: /);
  });

  it.each([
    ["damaged (no owner in it)", (path: string) => writeFileSync(path, "{"), /lock file .* is damaged/],
    [
      "a symbolic link",
      (path: string) => symlinkSync(join(dirname(path), "elsewhere"), path),
      /lock file .* cannot be read: it is a symbolic link/,
    ],
    [
      "a FIFO (which would block a read)",
      (path: string) => spawnSync("mkfifo", [path]),
      /lock file .* cannot be read: it is not a regular file/,
    ],
  ] as const)("a lock that is %s is an error with the fix, neither taken over nor reported as held", (_, plant, message) => {
    const path = lockPath();
    plant(path);
    expect(() => tryLock(path)).toThrow(RuntimeError);
    if (!/damaged/.test(String(message)))
      expect(() => tryLock(path)).toThrow(expect.objectContaining({ cause: expect.objectContaining({ code: expect.any(String) }) }));
    expect(() => tryLock(path)).toThrow(message);
    expect(() => tryLock(path)).toThrow(
      `if no mail-metrics run with this state is active (ps -ef | grep mail-metrics), remove it: rm ${path}`,
    );
  });

  it("respects a lock whose owner cannot be checked from here (kill(2) refuses its pid, /proc has no entry for it)", () => {
    const path = lockPath();
    // A pid beyond 32 bits: kill() throws ERR_INVALID_ARG_TYPE (not ESRCH) and /proc/<pid>/stat is not there.
    writeFileSync(path, ownerText(2 ** 32 + 1, { startTicks: "1" }));
    expect(tryLock(path)).toEqual({
      acquired: false,
      holder: `pid ${2 ** 32 + 1} on ${hostname()} since 2026-01-01T00:00:00Z`,
      since: expect.any(Number),
    });
    expect(readFileSync(path, "utf8")).toBe(ownerText(2 ** 32 + 1, { startTicks: "1" }));
  });

  it("a socket in the lock's place is an error with the system's reason and the fix", async () => {
    const path = lockPath();
    const server = createServer();
    await new Promise<void>((listening) => server.listen(path, listening));
    try {
      expect(() => tryLock(path)).toThrow(
        new RegExp(
          `^lock file ${path} cannot be read: open '${path}': no such device or address \\(ENXIO\\), so whether a run holds it is unknown`,
        ),
      );
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  });

  it("leaves a stale lock to a live process that is taking it over", () => {
    const path = lockPath();
    const stale = ownerText(deadPid());
    writeFileSync(path, stale);
    writeFileSync(guardOf(path, stale, 1), ownerText(process.pid, { since: "2026-01-01T00:00:01Z" }));
    const attempt = tryLock(path);
    expect(attempt).toEqual({
      acquired: false,
      holder: expect.stringMatching(new RegExp(`^pid ${process.pid} .*, which is taking over the lock left by pid`)),
    });
    expect(readFileSync(path, "utf8")).toBe(stale);
  });

  it("climbs over takers that died mid-takeover, and removes their guards", () => {
    const path = lockPath();
    const stale = ownerText(deadPid());
    writeFileSync(path, stale);
    writeFileSync(guardOf(path, stale, 1), ownerText(deadPid()));
    writeFileSync(guardOf(path, stale, 2), ownerText(deadPid()));
    held(tryLock(path));
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
  });
});

describe("the lock, further", () => {
  it("is made with its directory (mode 0700) when there is none yet", () => {
    const path = join(tempDir("mm-lock-"), "state", "state.json.lock");
    held(tryLock(path));
    expect(statSync(dirname(path)).mode & 0o777).toBe(0o700);
  });

  it("released, never removes a lock that is not its own (put there after someone removed ours)", () => {
    const path = lockPath();
    const ours = held(tryLock(path));
    const theirs = ownerText(process.pid, { since: "2026-01-01T00:00:09Z" });
    writeFileSync(path, theirs);
    ours.release();
    expect(readFileSync(path, "utf8")).toBe(theirs);
  });

  it("climbs over up to 16 takers that died mid-takeover; beyond, an error naming the guards", () => {
    const path = lockPath();
    const stale = ownerText(deadPid());
    const dead = ownerText(deadPid());
    writeFileSync(path, stale);
    for (let level = 1; level <= 15; level += 1) writeFileSync(guardOf(path, stale, level), dead);
    held(tryLock(path));
    const other = lockPath();
    writeFileSync(other, stale);
    for (let level = 1; level <= 16; level += 1) writeFileSync(guardOf(other, stale, level), dead);
    expect(() => tryLock(other)).toThrow(/which has ended, but 16 runs died taking it over \(.*\.takeover-[0-9a-f]{16}-\*\)/);
  });

  it.runIf(canMakeImmutable())(
    "a stale lock that cannot be removed (immutable): an error naming it, its dead owner, the reason and the fix",
    () => {
      const path = lockPath();
      const owner = ownerText(deadPid());
      writeFileSync(path, owner);
      expect(spawnSync("chattr", ["+i", path]).status).toBe(0);
      try {
        expect(() => tryLock(path)).toThrow(
          new RuntimeError(
            `lock file ${path} was left by pid ${JSON.parse(owner).pid} on ${hostname()} since 2026-01-01T00:00:00Z, which has ended, ` +
              `but cannot be removed: unlink '${path}': operation not permitted (EPERM); ` +
              `remove it by hand (rm ${path}), or give this user write access to ${dirname(path)}`,
          ),
        );
        expect(() => tryLock(path)).toThrow(expect.objectContaining({ cause: expect.objectContaining({ code: "EPERM" }) }));
        expect(readdirSync(dirname(path))).toEqual([basename(path)]);
      } finally {
        spawnSync("chattr", ["-i", path]);
      }
    },
  );

  it("shows the first 80 characters of a damaged lock", () => {
    const path = lockPath();
    writeFileSync(path, "x".repeat(200));
    expect(() => tryLock(path)).toThrow(`is damaged (it names no owner: "${"x".repeat(80)}")`);
  });
});

describe("releasing a lock", () => {
  it("twice never removes the lock a later run took, even one with the same pid and start time", () => {
    vi.useFakeTimers({ now: Date.parse("2026-11-28T12:00:00Z"), toFake: ["Date"] });
    try {
      const path = lockPath();
      const first = held(tryLock(path));
      first.release();
      const second = held(tryLock(path));
      first.release();
      expect(existsSync(path)).toBe(true);
      second.release();
      expect(existsSync(path)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe(removeStale.name, () => {
  it("finds nothing to do when another taker removed the stale lock already", () => {
    const path = lockPath();
    const stale = ownerText(deadPid());
    expect(removeStale(path, { owner: JSON.parse(stale), text: stale })).toBeNull();
    expect(readdirSync(dirname(path))).toEqual([]);
  });

  it("leaves alone a lock that is no longer the stale one its caller saw: the fresh lock of a live run", () => {
    const path = lockPath();
    const stale = ownerText(deadPid());
    const fresh = held(tryLock(path));
    const freshText = readFileSync(path, "utf8");
    expect(removeStale(path, { owner: JSON.parse(stale), text: stale })).toBeNull();
    expect(readFileSync(path, "utf8")).toBe(freshText);
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
    fresh.release();
  });
});

describe(waitForLock.name, () => {
  /** A clock whose sleeps pass at once, recorded; `during` runs in each sleep, as another run would meanwhile. */
  function fakeClock(during: () => void = () => {}) {
    const sleeps: number[] = [];
    let now = 0;
    const clock = {
      now: () => now,
      random: () => 0.5,
      sleep: async (ms: number) => {
        if (sleeps.length >= 10) throw new Error(`still waiting after ${sleeps.join(", ")} ms`);
        sleeps.push(ms);
        now += ms;
        during();
      },
    };
    return { clock, sleeps };
  }

  it("tries once a second until the time is up, then says who holds the lock", async () => {
    const path = lockPath();
    const holder = held(tryLock(path));
    const { clock, sleeps } = fakeClock();
    const attempt = await waitForLock(path, 2_500, clock);
    expect(attempt).toEqual({ acquired: false, holder: expect.stringContaining(`pid ${process.pid}`), since: expect.any(Number) });
    expect(sleeps).toEqual([1_000, 1_000, 500]);
    holder.release();
  });

  it("takes the lock as soon as its holder releases it", async () => {
    const path = lockPath();
    const holder = held(tryLock(path));
    const { clock, sleeps } = fakeClock(() => holder.release());
    const lock = held(await waitForLock(path, 30_000, clock));
    expect(sleeps).toEqual([1_000]);
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it("with no time to wait, tries once", async () => {
    const path = lockPath();
    const holder = held(tryLock(path));
    const { clock, sleeps } = fakeClock();
    expect((await waitForLock(path, 0, clock)).acquired).toBe(false);
    expect(sleeps).toEqual([]);
    holder.release();
  });
});

describe("a lock that cannot be made", () => {
  const state = (dir: string, length: number) => join(dir, `${"s".repeat(length - ".lock.json".length)}.lock.json`);

  it("in a directory that cannot be made: names the state file (not its lock) and state.path", () => {
    const dir = tempDir("mm-lock-");
    writeFileSync(join(dir, "file"), "");
    const statePath = join(dir, "file", "state.json");
    expect(() => tryLock(`${statePath}.lock`)).toThrow(
      new RegExp(`^cannot lock state file ${statePath} \\(state\\.path\\): mkdir .*\\(ENOTDIR\\)`),
    );
  });

  it.each([
    ["", (dir: string) => state(dir, 230)],
    // A name of the user's own that looks like a guard's suffix is part of the state file's name.
    [", even one that looks like a takeover guard's", (dir: string) => join(dir, `${"s".repeat(215)}.takeover-0-1.json`)],
  ])("whose draft cannot be made (its name would be too long): names the state file%s and state.path", (_, place) => {
    const statePath = place(tempDir("mm-lock-"));
    expect(() => tryLock(`${statePath}.lock`)).toThrow(
      new RegExp(`^cannot lock state file ${statePath} \\(state\\.path\\): open .*\\(ENAMETOOLONG\\)`),
    );
  });

  it("whose tenth takeover guard cannot be made (its level has two digits): names the state file, not the guard", () => {
    // Guards 1 to 9 and their drafts fit in a file name; the tenth guard's draft, one character longer, does not.
    const statePath = state(tempDir("mm-lock-"), 192);
    const stale = ownerText(deadPid());
    writeFileSync(`${statePath}.lock`, stale);
    const dead = ownerText(deadPid());
    for (let level = 1; level <= 9; level += 1) writeFileSync(guardOf(`${statePath}.lock`, stale, level), dead);
    expect(() => tryLock(`${statePath}.lock`)).toThrow(
      new RegExp(`^cannot lock state file ${statePath} \\(state\\.path\\): open .*\\(ENAMETOOLONG\\)`),
    );
    expect(readFileSync(`${statePath}.lock`, "utf8")).toBe(stale);
  });

  it("whose takeover guard cannot be made: names the state file, not the guard, and leaves the stale lock", () => {
    // The lock's draft fits in a file name; the guard's, 28 characters longer, does not.
    const statePath = state(tempDir("mm-lock-"), 205);
    const stale = ownerText(deadPid());
    writeFileSync(`${statePath}.lock`, stale);
    expect(() => tryLock(`${statePath}.lock`)).toThrow(
      new RegExp(`^cannot lock state file ${statePath} \\(state\\.path\\): open .*\\(ENAMETOOLONG\\)`),
    );
    expect(readFileSync(`${statePath}.lock`, "utf8")).toBe(stale);
  });
});
