// One run at a time per state file. The lock is a file created atomically holding the owner's pid,
// host and process start time; a lock whose owner is gone (same host, pid dead or reused) is stale
// and is taken over. Taking over renames the stale file away first, so of two runs that both see the
// same stale lock only one wins the rename.
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { hostname } from "node:os";
import type { Clock } from "../util/clock.js";
import { makeDirectory } from "../util/make-directory.js";
import { stateFileError } from "./state-file-error.js";

interface Owner {
  readonly pid: number;
  readonly host: string;
  /** Kernel start time of the process (Linux /proc), to tell a reused pid from the owner. */
  readonly startTicks: string | null;
  readonly since: string;
}

export interface Lock {
  readonly path: string;
  release(): void;
}

export type LockAttempt = { acquired: true; lock: Lock } | { acquired: false; holder: string };

/** `path` is `<state file>.lock`; failures to create it are RuntimeErrors naming the state file. */
export function tryLock(path: string): LockAttempt {
  try {
    makeDirectory(dirname(path), 0o700);
  } catch (error) {
    throw stateFileError(statePathOf(path), "lock", error);
  }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const created = create(path);
    if (created) return { acquired: true, lock: created };
    const owner = readOwner(path);
    if (owner === undefined) continue; // vanished between create and read: try again
    if (owner !== null && isAlive(owner)) return { acquired: false, holder: describe(owner) };
    takeOverStale(path, owner);
  }
  return { acquired: false, holder: "another run (the lock changed hands while we looked)" };
}

function create(path: string): Lock | null {
  // Write the owner to a private file first and link it into place: link() fails if the lock
  // exists, and a lock file is never seen half-written.
  const owner: Owner = { pid: process.pid, host: hostname(), startTicks: startTicks(process.pid), since: new Date().toISOString() };
  const draft = `${path}.${process.pid}.new`;
  try {
    writeFileSync(draft, JSON.stringify(owner), { mode: 0o600 });
  } catch (error) {
    throw stateFileError(statePathOf(path), "lock", error);
  }
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return null;
    throw stateFileError(statePathOf(path), "lock", error);
  } finally {
    unlinkSync(draft);
  }
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      try {
        unlinkSync(path);
      } catch {
        // already gone: nothing to release
      }
    },
  };
}

/** The lock's owner; null when the file holds garbage (damaged); undefined when it is gone. */
function readOwner(path: string): Owner | null | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, "utf8")) as Owner;
    return typeof owner.pid === "number" && typeof owner.host === "string" ? owner : null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? undefined : null;
  }
}

function isAlive(owner: Owner): boolean {
  // A lock from another host (shared file system) cannot be checked: treat it as alive.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  const ticks = startTicks(owner.pid);
  return owner.startTicks === null || ticks === null || ticks === owner.startTicks;
}

function takeOverStale(path: string, seen: Owner | null): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it first; the next create() decides
  }
  const moved = readOwner(aside);
  if (moved !== undefined && JSON.stringify(moved) !== JSON.stringify(seen)) {
    // We moved a fresh lock that replaced the stale one after we looked: put it back, unless a
    // third run has created one meanwhile (link, unlike rename, never replaces an existing file).
    try {
      linkSync(aside, path);
    } catch {
      // a third run holds the lock now; the next create() sees it
    }
    unlinkSync(aside);
    return;
  }
  unlinkSync(aside);
}

const statePathOf = (lockPath: string): string => lockPath.replace(/\.lock$/, "");

function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime), counted after the ")" that ends the command name, which may hold spaces.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function describe(owner: Owner): string {
  return `pid ${owner.pid} on ${owner.host} since ${owner.since}`;
}

/** Tries for the lock until `timeout` ms have passed, polling once a second. */
export async function waitForLock(path: string, timeout: number, clock: Clock, signal?: AbortSignal): Promise<LockAttempt> {
  const deadline = clock.now() + timeout;
  for (;;) {
    const attempt = tryLock(path);
    if (attempt.acquired || clock.now() >= deadline) return attempt;
    await clock.sleep(Math.min(1_000, deadline - clock.now()), signal);
  }
}
