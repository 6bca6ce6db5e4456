// Who holds a lock, as the lock file records it: what tells a live owner from one that ended (its
// pid's start time, the boot, the pid namespace) must be this process's own, read from /proc, or a
// dead owner's lock would never be taken over, or a live one's taken.
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { describe as describeOwner, isAlive, parseOwner, self } from "../../src/state/lock-owner.js";

/** Field 22 (starttime) of /proc/self/stat, as proc(5) numbers it. */
const ownStartTicks = () => {
  const stat = readFileSync("/proc/self/stat", "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
};

describe(self.name, () => {
  // First in this file: self() reads /proc once per process, so only the first call sees a change there.
  it.runIf(process.platform === "linux")("is this process: pid, host, start time, boot and pid namespace from /proc", () => {
    const owner = self();
    expect(owner).toEqual({
      pid: process.pid,
      host: hostname(),
      startTicks: ownStartTicks(),
      boot: readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim(),
      pidNamespace: readlinkSync("/proc/self/ns/pid"),
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(owner.startTicks).toMatch(/^\d+$/);
    expect(owner.boot).toMatch(/^[0-9a-f-]{36}$/);
    expect(isAlive(owner)).toBe(true);
  });
});

describe(isAlive.name, () => {
  it.runIf(process.platform === "linux")("an owner whose pid is ours but whose start time is not: ended (the pid was reused)", () => {
    expect(isAlive({ ...self(), startTicks: "1" })).toBe(false);
    expect(isAlive({ ...self(), startTicks: null })).toBe(true);
  });

  it("an owner in another pid namespace, or on another host, cannot be checked: alive", () => {
    expect(isAlive({ ...self(), pid: 2 ** 22 + 1, pidNamespace: "pid:[1]" })).toBe(true);
    expect(isAlive({ ...self(), pid: 2 ** 22 + 1, host: `${hostname()}-other` })).toBe(true);
  });
});

describe(parseOwner.name, () => {
  it("reads the owner a lock names, and describes it as the run's message shows it", () => {
    const text = JSON.stringify({ pid: 4242, host: "mx1", startTicks: null, since: "2026-11-28T12:00:00.000Z" });
    const owner = parseOwner(text);
    expect(owner).toEqual(JSON.parse(text));
    expect(describeOwner(owner!)).toBe("pid 4242 on mx1 since 2026-11-28T12:00:00.000Z");
  });

  it.each([
    ["not JSON", "{"],
    ["null", "null"],
    ["a negative pid", '{"pid": -1, "host": "mx1", "since": "x"}'],
    ["a host that is no text", '{"pid": 1, "host": 1, "since": "x"}'],
    ["a start that is no text", '{"pid": 1, "host": "mx1", "since": 1}'],
  ])("%s: names no owner", (_, text) => {
    expect(parseOwner(text)).toBeNull();
  });
});
