// Who holds a lock, and whether it still runs. An owner is certainly gone, and its lock stale, only
// on the same host and in the same pid namespace (a container has its own pids), when its pid is
// free (kill(pid, 0): ESRCH), belongs to a process started at another time (the pid was reused:
// /proc/<pid>/stat field 22, proc(5)), or the host has rebooted since (another boot id). Anything
// that cannot be checked counts as alive: a lock is never taken from a run that may still hold it.
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";

export interface Owner {
  readonly pid: number;
  readonly host: string;
  /** Kernel start time of the process (Linux /proc), to tell a reused pid from the owner. */
  readonly startTicks: string | null;
  /** Linux boot id: another one on the same host means the owner ended with a reboot. Absent in locks of older versions. */
  readonly boot?: string | null;
  /** Pid namespace (a container has its own): pids of another one cannot be checked from here. */
  readonly pidNamespace?: string | null;
  readonly since: string;
}

/** The owner a lock or guard file names; null when it names none (damaged). */
export function parseOwner(text: string): Owner | null {
  try {
    const owner = JSON.parse(text) as Owner;
    const valid = Number.isInteger(owner.pid) && owner.pid > 0 && typeof owner.host === "string" && typeof owner.since === "string";
    return valid ? owner : null;
  } catch {
    return null;
  }
}

/** False only when the owner certainly ended; an owner that cannot be checked counts as alive. */
export function isAlive(owner: Owner): boolean {
  const here = self();
  if (owner.host !== here.host) return true; // another host sharing the file system
  if (known(owner.boot) && known(here.boot) && owner.boot !== here.boot) return false; // rebooted since
  if (known(owner.pidNamespace) && known(here.pidNamespace) && owner.pidNamespace !== here.pidNamespace) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const ticks = startTicks(owner.pid);
  return owner.startTicks === null || ticks === null || ticks === owner.startTicks;
}

const known = (value: string | null | undefined): value is string => typeof value === "string";

let identity: Omit<Owner, "since"> | undefined;

/** This process as an owner, as of now. */
export function self(): Owner {
  identity ??= {
    pid: process.pid,
    host: hostname(),
    startTicks: startTicks(process.pid),
    boot: orNull(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()),
    pidNamespace: orNull(() => readlinkSync("/proc/self/ns/pid")),
  };
  return { ...identity, since: new Date().toISOString() };
}

function startTicks(pid: number): string | null {
  // Field 22 (starttime) of /proc/<pid>/stat, counted after the ")" that ends the command name, which may hold spaces.
  return orNull(() => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  });
}

function orNull(read: () => string | null): string | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** `pid 4242 on mx1 since 2026-11-28T12:00:00.000Z`, as run's "another run holds the lock" line shows it. */
export function describe(owner: Owner): string {
  return `pid ${owner.pid} on ${owner.host} since ${owner.since}`;
}
