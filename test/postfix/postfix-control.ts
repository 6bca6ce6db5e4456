// Starting, watching and stopping a throwaway Postfix instance (`postfix -c DIR/conf`). Whatever
// happens, nothing is left running: stop() in the caller's finally, plus process exit hooks.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "./clock.js";
import type { PostfixLayout } from "./postfix-config.js";

const SBIN = "/usr/sbin";
const UNSHARE = "/usr/bin/unshare";

/** Why the real-Postfix tests cannot run here, or null when they can. */
export function postfixSkipReason(): string | null {
  if (process.platform !== "linux") return `Postfix harness needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return "not root: starting Postfix needs root (CI runs as root)";
  if (!existsSync(join(SBIN, "postfix"))) return "Postfix is not installed (no /usr/sbin/postfix; .ci/run installs it)";
  if (!existsSync(UNSHARE)) return `no ${UNSHARE} (util-linux): Postfix runs in a mount namespace of its own, to read the run's hosts file`;
  return null;
}

function run(command: string, args: readonly string[]): string {
  const result = spawnSync(join(SBIN, command), args, { encoding: "utf8", env: { ...process.env, TZ: "UTC" }, timeout: 60_000 });
  if (result.error) throw new Error(`${command} ${args.join(" ")}: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status}: ${(result.stderr || result.stdout).trim()}`);
  }
  return result.stdout;
}

export function postfixVersion(l: PostfixLayout): string {
  return run("postconf", ["-c", l.confDir, "-h", "mail_version"]).trim();
}

const running = new Set<PostfixLayout>();
let hooked = false;

function stopAllSync(): void {
  for (const l of running) stopSync(l);
}

function hookProcessExit(): void {
  if (hooked) return;
  hooked = true;
  process.once("exit", stopAllSync);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopAllSync();
      process.kill(process.pid, signal); // our listener is gone now: the default action ends the process
    });
  }
}

/**
 * Starts the instance with TZ=UTC, so maillog_file timestamps are UTC. It starts in a mount
 * namespace of its own whose /etc/hosts is the run's hosts file: Postfix (smtp_host_lookup =
 * native) then resolves the providers' relay host names to the peer on loopback, and logs them as
 * `relay=gmail-smtp-in.l.google.com[127.0.0.1]`, while the machine's /etc/hosts is left alone. The
 * master daemon and every process it starts stay in that namespace; `postfix stop` and postqueue
 * reach them through the queue directory as before.
 */
export function startPostfix(l: PostfixLayout): void {
  hookProcessExit();
  running.add(l);
  const script = `mount --bind "$1" /etc/hosts && exec ${join(SBIN, "postfix")} -c "$2" start`;
  const result = spawnSync(UNSHARE, ["--mount", "--propagation", "private", "sh", "-c", script, "sh", l.hostsPath, l.confDir], {
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC" },
    timeout: 60_000,
  });
  if (result.error) throw new Error(`unshare … postfix start: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0)
    throw new Error(`unshare … postfix start exited with ${result.status}: ${(result.stderr || result.stdout).trim()}`);
}

function masterPid(l: PostfixLayout): number | null {
  const file = join(l.queueDir, "pid", "master.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 1) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export function isPostfixRunning(l: PostfixLayout): boolean {
  return masterPid(l) !== null;
}

/**
 * `postfix stop` waits up to 5 s for the master and then kills it with force. If the master of this
 * instance (and only this one: its own pid file) still lives after that, SIGKILL it.
 */
export function stopSync(l: PostfixLayout): void {
  if (masterPid(l) !== null) {
    spawnSync(join(SBIN, "postfix"), ["-c", l.confDir, "stop"], { encoding: "utf8", timeout: 30_000 });
    const pid = masterPid(l);
    if (pid !== null) process.kill(pid, "SIGKILL");
  }
  running.delete(l);
}

/** Polls `postqueue -j` until the queue is empty (every message delivered, bounced or expired). */
export async function waitQueueEmpty(l: PostfixLayout, clock: Clock, timeoutMs: number, pollMs = 2_000): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    if (run("postqueue", ["-c", l.confDir, "-j"]).trim() === "") return;
    if (clock.now() > deadline) {
      const queue = run("postqueue", ["-c", l.confDir, "-p"]);
      throw new Error(`Postfix queue not empty after ${timeoutMs / 1000} s; still queued:\n${queue}`);
    }
    await clock.sleep(pollMs);
  }
}
