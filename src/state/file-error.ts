// The one message for a state file (or its lock) that cannot be read or written: it names the state
// file, the config key that places it, the operating system's reason, and the fix.
import { RuntimeError } from "../errors.js";
import { osReason } from "../util/os-error.js";

type Access = "read" | "write" | "lock";

/** `cannot lock state file X (state.path): mkdir '/x': permission denied (EACCES); …` */
export function stateFileError(statePath: string, what: Access, error: unknown): RuntimeError {
  return new RuntimeError(`cannot ${what} state file ${statePath} (state.path): ${reasonAndFix(what, error)}`, { cause: error });
}

function reasonAndFix(what: Access, error: unknown): string {
  const { code, path } = error as NodeJS.ErrnoException;
  // O_NOFOLLOW met a symlink: someone put a link where the state or the lock belongs.
  if (code === "ELOOP") {
    return (
      `'${path}' is a symbolic link, which mail-metrics does not follow there (whoever can write the directory could point it ` +
      `at any file) (ELOOP); ` +
      `replace the link with the file itself, or set state.path to where the file really is`
    );
  }
  if (code === "ENOTREG") return `'${path}' is not a regular file (ENOTREG); remove it, or set state.path to another file`;
  // O_EXCL met a name we had just drawn at random: planted, so another user writes there.
  if (code === "EEXIST") {
    return (
      `'${path}' already exists, a name mail-metrics had just chosen at random for a new file: another user writes in that ` +
      `directory (EEXIST); ` +
      `set state.path to a file in a directory only this user can write, such as /var/lib/mail-metrics/ (mode 0700)`
    );
  }
  const access = denied(error) ? `, or give this user ${what === "read" ? "read" : "write"} access there` : "";
  return `${osReason(error)}; set state.path to a file in a directory this user can write${access}`;
}

const denied = (error: unknown): boolean => ["EACCES", "EPERM"].includes((error as NodeJS.ErrnoException).code ?? "");
