// Runs the BUILT command line (node dist/bin/mail-metrics.js, the bundle) as a child process, the way users run it.
// The build happens once per change of src/: test files running in parallel take a lock, and the
// first one builds while the others wait, then see the fresh stamp.
import { execFile, spawn } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The bundled CLI that package.json's bin points at. */
export const CLI = join(ROOT, "dist", "bin", "mail-metrics.js");
const LOCK = join(ROOT, "tmp", "cli-build.lock");
const STAMP = join(ROOT, "tmp", "cli-build.stamp");

function newestSource(dir = join(ROOT, "src")): number {
  let newest = statSync(join(ROOT, "package.json")).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const readStamp = (): string => {
  try {
    return readFileSync(STAMP, "utf8");
  } catch {
    return "";
  }
};

function tryLock(): boolean {
  mkdirSync(join(ROOT, "tmp"), { recursive: true });
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // A lock left by a killed run: older than any build takes.
    const lock = statSync(LOCK, { throwIfNoEntry: false });
    if (lock !== undefined && Date.now() - lock.mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
    return false;
  }
}

/** Builds dist/ unless it was built from the current sources. */
export async function buildOnce(): Promise<void> {
  while (!tryLock()) await new Promise((resolve) => setTimeout(resolve, 200));
  try {
    const wanted = String(newestSource());
    if (readStamp() === wanted) return;
    await promisify(execFile)("npm", ["run", "build", "--silent"], { cwd: ROOT });
    writeFileSync(STAMP, wanted);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  readonly input?: string | Buffer;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Run the child as this user (needs root). */
  readonly user?: { readonly uid: number; readonly gid: number };
  /** Kill the child (SIGKILL) after this many ms, so a hang fails the test instead of stalling the run. */
  readonly timeout?: number;
}

/**
 * The environment of a CLI child: this one, without NODE_EXTRA_CA_CERTS, which makes every Node
 * start-up parse a CA bundle (~100 ms here) and which the CLI never needs against loopback.
 */
export function childEnv(extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, ...env } = process.env;
  const merged: NodeJS.ProcessEnv = { ...env, NO_COLOR: "1", ...extra };
  // An `undefined` in `extra` removes the variable (an empty string would still count as set).
  for (const [name, value] of Object.entries(extra)) if (value === undefined) delete merged[name];
  return merged;
}

/** Runs `node dist/bin/mail-metrics.js ...args` and resolves when it exits. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: childEnv(options.env),
      stdio: ["pipe", "pipe", "pipe"],
      ...options.user,
      ...(options.timeout === undefined ? {} : { timeout: options.timeout, killSignal: "SIGKILL" as const }),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }),
    );
    // A child that exits before reading its stdin (--help) closes the pipe: EPIPE here is no failure.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}
