// The state decides what is published: another user who could change it, its lock or what its
// directory holds could make runs skip windows, publish them twice, stop publishing, or (through a
// planted symlink) overwrite any file the run may write. So, like ssh with its keys, the state's
// directory, the directories above it and the state and lock files must be the user's or root's and
// writable by no one else (util/trusted-path.ts); otherwise the run stops with a config error that
// names the path, its owner and mode, and the fix. `state.strictModes: false` turns this off.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../errors.js";
import { makeDirectory } from "../util/make-directory.js";
import { untrustedDirectory, untrustedFile, type Finding } from "../util/trusted-path.js";
import { stateFileError } from "./file-error.js";
import { lockPath } from "./lock.js";

const PLACE = "/var/lib/mail-metrics/ (owned by the user cron runs as, mode 0700)";

/**
 * Before a command reads or writes the state: unless state.strictModes is false, the check below;
 * when it writes, the state's directory made (mode 0700), and checked again.
 */
export function prepareState(statePath: string, state: { readonly strictModes: boolean }, configFile: string, writes: boolean): void {
  // Checked before mkdir too, so nothing is made under a directory another user controls.
  if (state.strictModes) checkStateSafety(statePath, configFile);
  if (!writes) return;
  try {
    makeDirectory(dirname(statePath), 0o700);
  } catch (error) {
    throw stateFileError(statePath, "write", error);
  }
  if (state.strictModes) checkStateSafety(statePath, configFile);
}

/**
 * Throws a ConfigError of `configFile` when another user could change the state at `statePath`.
 * Does nothing where there are no uids (Windows).
 */
export function checkStateSafety(statePath: string, configFile: string, uid = process.getuid?.()): void {
  if (uid === undefined) return;
  const lock = lockPath(statePath);
  const finding = untrustedDirectory(dirname(statePath), uid) ?? untrustedFile(statePath, uid) ?? untrustedFile(lock, uid);
  if (finding === undefined) return;
  const what =
    finding.path === statePath
      ? "the state file"
      : finding.path === lock
        ? "the state's lock file"
        : finding.path === dirname(statePath)
          ? "the state's directory"
          : "a directory above the state";
  const isFile = finding.path === statePath || finding.path === lock;
  const message =
    `${what} ${finding.path} (owner ${userName(finding.uid)}, mode ${octal(finding.mode)}) ${problem(finding, uid, isFile)}. ` +
    `(state.strictModes: false turns this check off, for a directory only trusted users share.)`;
  throw new ConfigError(configFile, [{ path: "state.path", message }]);
}

function problem(finding: Finding, uid: number, isFile: boolean): string {
  const { path } = finding;
  const elsewhere = `set state.path to a file in a directory of its own, such as ${PLACE}`;
  switch (finding.distrust) {
    case "foreign-owner":
      return (
        `belongs to ${userName(finding.uid)}, not to ${userName(uid)}${uid === 0 ? "" : " or root"}, so that user could change ` +
        `what mail-metrics reads and writes there; ` +
        `run mail-metrics as ${userName(finding.uid)}, or chown ${userName(uid)} ${path}, or ${elsewhere}`
      );
    case "writable":
      return isFile
        ? `is writable by ${writers(finding.mode)}; run: chmod go-w ${path}`
        : `is writable by ${writers(finding.mode)}, who could plant files and symlinks there or put another directory in the ` +
            `state's place; run: chmod go-w ${path}, or ${elsewhere}`;
    case "shared-sticky":
      return (
        `is shared with other users (writable by ${writers(finding.mode)}, sticky), who could still plant files and ` +
        `symlinks next to the state; ${elsewhere}`
      );
    case "symlink":
      return (
        `is a symbolic link, which mail-metrics does not follow there; replace the link with the file itself, or set ` +
        `state.path to where the file really is`
      );
    case "not-regular":
      return `is not a regular file; remove it, or ${elsewhere}`;
    case "symlink-loop":
      return `leads through more than 40 symbolic links; set state.path to the directory's real path`;
  }
}

function writers(mode: number): string {
  return [mode & 0o020 ? "its group" : "", mode & 0o002 ? "all users" : ""].filter(Boolean).join(" and ");
}

const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, "0");

/** `1001 (alice)`, the name from /etc/passwd when it has one. */
function userName(uid: number): string {
  try {
    const entry = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((line) => line.split(":")[2] === String(uid));
    if (entry !== undefined) return entry.split(":")[0]!;
  } catch {
    // no /etc/passwd to read: the number alone
  }
  return `uid ${uid}`;
}
