import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tryLock } from "../../src/schedule/lock.js";
import { tempDir } from "../support/temp-dir.js";

const lockPath = () => join(tempDir("mm-lock-"), "state.json.lock");

describe(tryLock.name, () => {
  it("lets one holder in and tells the second who holds it", () => {
    const path = lockPath();
    const first = tryLock(path);
    expect(first.acquired).toBe(true);
    const second = tryLock(path);
    expect(second).toEqual({ acquired: false, holder: expect.stringContaining(`pid ${process.pid}`) });
    if (first.acquired) first.lock.release();
    expect(existsSync(path)).toBe(false);
    expect(tryLock(path).acquired).toBe(true);
  });

  it("takes over a lock left by a dead process", () => {
    const path = lockPath();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(path, JSON.stringify({ pid: Number(dead), host: hostname(), startTicks: null, since: "2026-01-01T00:00:00Z" }));
    const attempt = tryLock(path);
    expect(attempt.acquired).toBe(true);
  });

  it("takes over a lock whose pid now belongs to another process", () => {
    const path = lockPath();
    // Our own pid, but a start time that is not ours: the owner died and the pid was reused.
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), startTicks: "1", since: "2026-01-01T00:00:00Z" }));
    expect(tryLock(path).acquired).toBe(true);
  });

  it("takes over a damaged lock file", () => {
    const path = lockPath();
    writeFileSync(path, "{");
    expect(tryLock(path).acquired).toBe(true);
  });

  it("respects a lock held from another host", () => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify({ pid: 1, host: "elsewhere", startTicks: null, since: "2026-01-01T00:00:00Z" }));
    expect(tryLock(path)).toEqual({ acquired: false, holder: expect.stringContaining("on elsewhere") });
  });
});
