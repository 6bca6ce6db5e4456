// What an operating-system error means to a person, and what they can do about it: one table for
// every file mail-metrics is told to read (config and query files, logs), and osReason for the
// errors of the files it keeps (the state and its lock), which name the call and the path.

/** The fix, when one is worth saying. ENOENT's "no such file" speaks for itself. */
interface OsErrorWords {
  readonly reason: string;
  readonly fix?: string;
}

const READ_ERRORS: Readonly<Record<string, OsErrorWords>> = {
  ENOENT: { reason: "no such file" },
  ENOTDIR: { reason: "a part of the path is a file, not a directory", fix: "check the path" },
  EISDIR: { reason: "it is a directory" },
  EACCES: { reason: "permission denied", fix: "let this user read it (check the permissions of the file and of the directories above it)" },
  EPERM: { reason: "permission denied", fix: "let this user read it (check the permissions of the file and of the directories above it)" },
  ELOOP: { reason: "too many symbolic links", fix: "check where the path's links point" },
  EMFILE: { reason: "too many open files", fix: "raise the limit (ulimit -n) or read fewer files at once" },
  ENFILE: { reason: "the system has too many open files", fix: "try again later" },
  EIO: { reason: "input/output error", fix: "the disk or network file system failed, see the system log" },
};

/**
 * Why a file could not be read: `permission denied (EACCES); let this user read it (…)`, the error
 * code for searching and the fix; `fixes` replaces the table's fix for a code where the caller knows
 * a better one. An error outside the table gives its own message.
 */
export function readFailure(error: unknown, fixes: Readonly<Record<string, string>> = {}): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words = code === undefined ? undefined : READ_ERRORS[code];
  if (code === undefined || words === undefined) return error instanceof Error ? error.message : String(error);
  if (code === "ENOENT" && fixes[code] === undefined) return words.reason;
  const fix = fixes[code] ?? words.fix;
  return `${words.reason} (${code})${fix === undefined ? "" : `; ${fix}`}`;
}

/** `mkdir '/proc/nope': no such file or directory (ENOENT)` from Node's `ENOENT: no such file or directory, mkdir '/proc/nope'`. */
export function osReason(error: unknown): string {
  const { code, syscall, path, message } = error as NodeJS.ErrnoException;
  const description = /^[A-Z]+: (.*?), \w+ '/.exec(message ?? "")?.[1] ?? message ?? String(error);
  if (code === undefined) return description;
  return `${syscall === undefined ? "" : `${syscall}${path === undefined ? "" : ` '${path}'`}: `}${description} (${code})`;
}
