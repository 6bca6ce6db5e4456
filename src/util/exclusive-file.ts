// Creating and reading files in a directory another user may also write (the state's, when the
// permission check is turned off): a name planted there in advance, a symlink above all, must never
// make us write or read elsewhere. New files get an unguessable name and are opened with
// O_CREAT|O_EXCL|O_NOFOLLOW, so an existing name (a symlink included) fails with EEXIST instead of
// being followed or truncated (open(2): "If O_CREAT and O_EXCL are set, open() shall fail if the file
// exists ... symbolic links are not followed"). Reads use O_NOFOLLOW, and O_NONBLOCK so that a FIFO
// planted in place of a file cannot hang the run.
import { randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const { O_WRONLY, O_RDONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = constants;

/** `<dir>/.<name>.<24 random hex digits>.<suffix>` beside `path`: a name nobody can plant in advance. */
export function unguessableSibling(path: string, suffix: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(12).toString("hex")}.${suffix}`);
}

/**
 * Creates `path` holding `data`, flushed to disk; throws (EEXIST for any existing name, symlinks
 * included) rather than write through anything.
 */
export function createExclusive(path: string, data: string, mode: number): void {
  const fd = openSync(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of the regular file `path`; undefined when there is none. A symlink in its place throws
 * ELOOP, anything but a regular file ENOTREG.
 */
export function readNoFollow(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    if (!fstatSync(fd).isFile()) throw notRegular(path);
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

function notRegular(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTREG: not a regular file, open '${path}'`), { code: "ENOTREG", syscall: "open", path });
}
