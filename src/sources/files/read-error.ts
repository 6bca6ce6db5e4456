// A log file the system will not let us read: the message names the file, the system's reason
// (with its errno code, for searching) and what to do about it.
import { RuntimeError } from "../../errors.js";

const PERMISSION =
  "permission denied (EACCES); run mail-metrics as a user allowed to read it (on Debian and Ubuntu " +
  "the mail logs belong to the adm group: usermod -aG adm USER), or check the permissions of the file " +
  "and of the directories above it";

const REASONS = new Map<string, string>([
  ["EACCES", PERMISSION],
  ["EPERM", PERMISSION.replace("EACCES", "EPERM")],
  ["ENOENT", "it disappeared while being read (ENOENT), e.g. rotated away; run again"],
  ["ENOTDIR", "a part of the path is a file, not a directory (ENOTDIR); check the path"],
  ["EISDIR", "it is a directory (EISDIR); name files, or a glob such as DIR/mail.log*"],
  ["ELOOP", "too many symbolic links (ELOOP); check where the path's links point"],
  ["EMFILE", "too many open files (EMFILE); raise the limit (ulimit -n) or read fewer files at once"],
  ["ENFILE", "the system has too many open files (ENFILE); try again later"],
  ["EIO", "input/output error (EIO); the disk or network file system failed, see the system log"],
]);

/** The RuntimeError (exit 1) for `error`, met while opening or reading `file` (the name as the user wrote it). */
export function cannotRead(file: string, error: unknown): RuntimeError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (code === undefined ? undefined : REASONS.get(code)) ?? (error instanceof Error ? error.message : String(error));
  return new RuntimeError(`cannot read ${file}: ${reason}`, { cause: error });
}
