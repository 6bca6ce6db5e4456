// A log file the system will not let us read: the message names the file, the system's reason
// (with its errno code, for searching) and what to do about it (util/os-error.ts, with the fixes
// that are particular to logs).
import { RuntimeError } from "../../errors.js";
import { readFailure } from "../../util/os-error.js";

const PERMISSION =
  "run mail-metrics as a user allowed to read it (on Debian and Ubuntu the mail logs belong to the adm group: " +
  "usermod -aG adm USER), or check the permissions of the file and of the directories above it";

const FIXES = { EACCES: PERMISSION, EPERM: PERMISSION, EISDIR: "name files, or a glob such as DIR/mail.log*" };

/** The RuntimeError (exit 1) for `error`, met while opening or reading `file` (the name as the user wrote it). */
export function cannotRead(file: string, error: unknown): RuntimeError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // The file was there when the inputs were listed (expand-inputs.ts says "no such file" otherwise).
  const reason = code === "ENOENT" ? "it disappeared while being read (ENOENT), e.g. rotated away; run again" : readFailure(error, FIXES);
  return new RuntimeError(`cannot read ${file}: ${reason}`, { cause: error });
}
