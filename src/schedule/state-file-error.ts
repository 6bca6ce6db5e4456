// The one message for a state file (or its lock) that cannot be read or written: it names the state
// file, the config key that places it, the operating system's reason, and the fix.
import { RuntimeError } from "../errors.js";

/** `cannot lock state file X (state.path): mkdir '/x': permission denied (EACCES); …` */
export function stateFileError(statePath: string, what: "read" | "write" | "lock", error: unknown): RuntimeError {
  return new RuntimeError(
    `cannot ${what} state file ${statePath} (state.path): ${osReason(error)}; ` +
      `set state.path to a file in a directory this user can write${denied(error) ? `, or give this user ${what === "read" ? "read" : "write"} access there` : ""}`,
    { cause: error },
  );
}

const denied = (error: unknown): boolean => ["EACCES", "EPERM"].includes((error as NodeJS.ErrnoException).code ?? "");

/** `mkdir '/proc/nope': no such file or directory (ENOENT)` from Node's `ENOENT: no such file or directory, mkdir '/proc/nope'`. */
export function osReason(error: unknown): string {
  const { code, syscall, path, message } = error as NodeJS.ErrnoException;
  const description = /^[A-Z]+: (.*?), \w+ '/.exec(message ?? "")?.[1] ?? message ?? String(error);
  if (code === undefined) return description;
  return `${syscall === undefined ? "" : `${syscall}${path === undefined ? "" : ` '${path}'`}: `}${description} (${code})`;
}
