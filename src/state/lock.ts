// One run at a time per state file. The lock, `<state>.lock`, holds its owner (pid, host, process
// start time, boot and pid namespace) and appears whole: a finished draft (created exclusively,
// util/exclusive-file.ts) is linked into place, and link(2) fails with EEXIST when a lock exists.
//
// A lock whose owner certainly ended (same host and pid namespace, and the pid is free, or belongs to
// a process started at another time, or the host has rebooted since) is stale: it is removed and
// the lock created anew. Removing it is the hard part. "Read it, find it stale, unlink it" lets a
// slow taker unlink the fresh lock a faster taker has just created, and both hold the lock — the
// race of proper-lockfile (issue #121) and npm's lockfile (issue #4), which is why neither is used.
// Here a taker first takes a guard, `<lock>.takeover-<digest of the stale lock>-<level>`, linked
// into place like the lock, re-reads the lock under it and unlinks it only if it still holds the
// stale content. A taker that finds the guard held by a live process leaves the lock to it; one that
// finds the guard's holder dead (killed mid-takeover) takes the next level. Why this is sound:
// - Only a lock's owner, or a taker that saw its owner dead, unlinks it, and "dead" is concluded only
//   from facts that cannot change back, so a live owner's lock is never removed under it.
// - Guards of one chain are created exclusively and removed only by their creator when it is done,
//   or by the taker that removed the stale lock. Until one is removed, level k+1 is created only
//   after level k's creator was seen dead, so at most one live process holds a guard. Once one is
//   removed the stale lock is gone for good (its owner is dead, its content unique to it), so any
//   later guard holder re-reads something else and does nothing.
// - Between that holder's re-read and its unlink the lock cannot change: creating one needs the name
//   free, the stale owner is dead, and only that one live holder unlinks it.
// A lock that cannot be read, is damaged, or cannot be removed is an error with the fix: its owner is
// unknown, so neither "held" nor "stale" would be true.
import { createHash } from "node:crypto";
import { linkSync, unlinkSync } from "node:fs";
import { dirname } from "node:path";
import { RuntimeError } from "../errors.js";
import type { Clock } from "../util/clock.js";
import { createExclusive, readNoFollow, unguessableSibling } from "../util/exclusive-file.js";
import { makeDirectory } from "../util/make-directory.js";
import { describe, isAlive, parseOwner, self, type Owner } from "./lock-owner.js";
import { osReason } from "../util/os-error.js";
import { stateFileError } from "./file-error.js";

export interface Lock {
  readonly path: string;
  release(): void;
}

/** Not acquired: who holds the lock and, when known, since when (epoch ms, the holder's clock). */
export type LockAttempt = { acquired: true; lock: Lock } | { acquired: false; holder: string; since?: number };

/** Guard levels a takeover climbs over takers that died; beyond, the lock needs a person. */
const MAX_TAKEOVER_LEVELS = 16;

/** The lock of the state file at `statePath`: `<state file>.lock`. */
export const lockPath = (statePath: string): string => `${statePath}.lock`;

/** `path` is lockPath(the state file). Throws RuntimeErrors naming the state file or the lock, with the fix. */
export function tryLock(path: string): LockAttempt {
  try {
    makeDirectory(dirname(path), 0o700);
  } catch (error) {
    throw stateFileError(statePathOf(path), "lock", error);
  }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const created = create(path);
    if (created) return { acquired: true, lock: created };
    const seen = readLock(path);
    if (seen === undefined) continue; // released between our link and our read: try again
    if (isAlive(seen.owner)) return { acquired: false, holder: describe(seen.owner), ...sinceOf(seen.owner) };
    const taker = removeStale(path, seen);
    if (taker !== null)
      return { acquired: false, holder: `${describe(taker)}, which is taking over the lock left by ${describe(seen.owner)}` };
  }
  return { acquired: false, holder: "another run (the lock changed hands while we looked)" };
}

function create(path: string): Lock | null {
  const text = JSON.stringify(self());
  if (!linkNew(path, text)) return null;
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      try {
        // Only our own lock: never one a person put there after removing ours.
        if (readNoFollow(path) === text) unlinkSync(path);
      } catch {
        // already gone or unreadable: nothing of ours to release
      }
    },
  };
}

/** Puts a file holding `text` at `path` unless something is there already (false). */
function linkNew(path: string, text: string): boolean {
  const draft = unguessableSibling(path, "new");
  try {
    createExclusive(draft, text, 0o600);
  } catch (error) {
    throw stateFileError(statePathOf(lockOf(path)), "lock", error);
  }
  try {
    linkSync(draft, path); // never follows a symlink at `path`: that is EEXIST too
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw stateFileError(statePathOf(lockOf(path)), "lock", error);
  } finally {
    unlinkSync(draft);
  }
}

export interface Seen {
  readonly owner: Owner;
  readonly text: string;
}

/** The lock (or a takeover guard) and its owner; undefined when there is none. */
function readLock(path: string): Seen | undefined {
  let text: string | undefined;
  try {
    text = readNoFollow(path);
  } catch (error) {
    throw unusableLock(path, `cannot be read: ${unreadable(error)}`, error);
  }
  if (text === undefined) return undefined;
  const owner = parseOwner(text);
  if (owner === null) throw unusableLock(path, `is damaged (it names no owner: ${JSON.stringify(text.slice(0, 80))})`);
  return { owner, text };
}

/**
 * Removes the stale lock `seen` under a guard (see the top of this file). Returns null when it is
 * done or the lock changed meanwhile (the caller looks again), or the live taker that is at it.
 * Exported for the tests, which hand it a view of the lock that is out of date.
 */
export function removeStale(path: string, seen: Seen): Owner | null {
  const chain = `${path}.takeover-${createHash("sha256").update(seen.text).digest("hex").slice(0, 16)}`;
  for (let level = 1; level <= MAX_TAKEOVER_LEVELS; level += 1) {
    const guard = `${chain}-${level}`;
    if (linkNew(guard, JSON.stringify(self()))) {
      try {
        if (readLock(path)?.text === seen.text) {
          unlinkStale(path, seen.owner);
          for (let below = 1; below < level; below += 1) unlinkIfDead(`${chain}-${below}`);
        }
      } finally {
        unlinkSync(guard);
      }
      return null;
    }
    const holder = readLock(guard);
    if (holder === undefined) return null; // its taker is done: look at the lock again
    if (isAlive(holder.owner)) return holder.owner;
  }
  throw unusableLock(
    path,
    `was left by ${describe(seen.owner)}, which has ended, but ${MAX_TAKEOVER_LEVELS} runs died taking it over (${chain}-*)`,
  );
}

function unlinkStale(path: string, owner: Owner): void {
  try {
    unlinkSync(path);
  } catch (error) {
    throw new RuntimeError(
      `lock file ${path} was left by ${describe(owner)}, which has ended, but cannot be removed: ${osReason(error)}; ` +
        `remove it by hand (rm ${path}), or give this user write access to ${dirname(path)}`,
      { cause: error },
    );
  }
}

/** A guard whose taker died below the level that finished the takeover. */
function unlinkIfDead(guard: string): void {
  const seen = readLock(guard);
  if (seen !== undefined && !isAlive(seen.owner)) unlinkSync(guard);
}

function unusableLock(path: string, problem: string, cause?: unknown): RuntimeError {
  return new RuntimeError(
    `lock file ${path} ${problem}, so whether a run holds it is unknown and it is not taken over; ` +
      `if no mail-metrics run with this state is active (ps -ef | grep mail-metrics), remove it: rm ${path}`,
    { cause },
  );
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ELOOP") return "it is a symbolic link, which mail-metrics does not follow there (ELOOP)";
  if (code === "ENOTREG") return "it is not a regular file (ENOTREG)";
  return osReason(error);
}

function sinceOf(owner: Owner): { since?: number } {
  const since = Date.parse(owner.since);
  return Number.isNaN(since) ? {} : { since };
}

/** The lock a takeover guard belongs to, and the state file a lock belongs to: lockPath, undone. */
const lockOf = (path: string): string => path.replace(/\.takeover-[0-9a-f]+-\d+$/, "");
const statePathOf = (lock: string): string => lock.replace(/\.lock$/, "");

/** Tries for the lock until `timeout` ms have passed, polling once a second. */
export async function waitForLock(path: string, timeout: number, clock: Clock, signal?: AbortSignal): Promise<LockAttempt> {
  const deadline = clock.now() + timeout;
  for (;;) {
    const attempt = tryLock(path);
    if (attempt.acquired || clock.now() >= deadline) return attempt;
    await clock.sleep(Math.min(1_000, deadline - clock.now()), signal);
  }
}
