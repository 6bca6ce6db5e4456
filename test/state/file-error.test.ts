// What a user reads when the state file or its lock cannot be read or written: the state file, the
// config key that places it, the operating system's reason, and the fix that fits that reason.
import { describe, expect, it } from "vitest";
import { RuntimeError } from "../../src/errors.js";
import { stateFileError } from "../../src/state/file-error.js";

const STATE = "/var/lib/mail-metrics/prod.json";
/** An error as Node's fs gives it, e.g. `EACCES: permission denied, open '/x'`. */
function osError(code: string, description: string, syscall = "open", path = `${STATE}.lock`): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${description}, ${syscall} '${path}'`), { code, syscall, path });
}

describe(stateFileError.name, () => {
  it("is a RuntimeError (exit 1) naming what failed, the state file and state.path, keeping the OS error as its cause", () => {
    const cause = osError("ENOSPC", "no space left on device", "write", STATE);
    const error = stateFileError(STATE, "write", cause);
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error.message).toBe(
      `cannot write state file ${STATE} (state.path): write '${STATE}': no space left on device (ENOSPC); ` +
        "set state.path to a file in a directory this user can write",
    );
    expect(error.cause).toBe(cause);
  });

  it.each([
    ["read", "read"],
    ["write", "write"],
    ["lock", "write"],
  ] as const)("permission denied to %s: asks for %s access there", (what, access) => {
    for (const code of ["EACCES", "EPERM"]) {
      const message = stateFileError(STATE, what, osError(code, "permission denied")).message;
      expect(message).toMatch(new RegExp(`^cannot ${what} state file .*\\(${code}\\); .*, or give this user ${access} access there$`));
    }
  });

  it.each([
    ["ELOOP", "is a symbolic link, which mail-metrics does not follow there", "replace the link with the file itself"],
    ["ENOTREG", "is not a regular file (ENOTREG)", "remove it, or set state.path to another file"],
    ["EEXIST", "already exists, a name mail-metrics had just chosen at random", "a directory only this user can write"],
  ])("%s: says what was found at the path and the fix, not a permission problem", (code, found, fix) => {
    const message = stateFileError(STATE, "lock", osError(code, "whatever")).message;
    expect(message).toContain(`'${STATE}.lock' ${found}`);
    expect(message).toContain(fix);
    expect(message).not.toContain("access there");
  });

  it("EEXIST: a name planted where a new file was to be made, so another user writes there", () => {
    expect(stateFileError(STATE, "write", osError("EEXIST", "file already exists", "open", `${STATE}.1f.tmp`)).message).toBe(
      `cannot write state file ${STATE} (state.path): '${STATE}.1f.tmp' already exists, a name mail-metrics had just chosen at ` +
        "random for a new file: another user writes in that directory (EEXIST); set state.path to a file in a directory only " +
        "this user can write, such as /var/lib/mail-metrics/ (mode 0700)",
    );
  });
});
