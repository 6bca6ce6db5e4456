// Whether another user could change what a path leads to, checked as OpenSSH's StrictModes checks
// ~/.ssh (auth.c, safe_path(): the file and every directory above it, up to /, must be owned by root
// or the user and not writable by group or others). Symlinks on the way are followed as the kernel
// does, and must be owned by root or the user too, or their owner could point them elsewhere.
//
// Ancestors matter: whoever can write a directory above the state's can rename the state's
// directory away and put one of their own in its place. One difference from ssh: an ancestor that
// others may write but that is sticky (/tmp, mode 1777) is accepted, as Perl's File::Temp does at
// its "medium" safe level, because in a sticky directory only an entry's owner (checked at the next
// step: us or root) or the directory's owner may rename or remove it (rename(2), unlink(2): EPERM).
// The directory that holds the files is refused even when sticky: others could still plant names
// in it. Checked once, before the run; no one but us and root can change a trusted chain later.
import { lstatSync, readlinkSync, type Stats } from "node:fs";
import { dirname, join } from "node:path";

export type Distrust = "foreign-owner" | "writable" | "shared-sticky" | "symlink" | "not-regular" | "symlink-loop";

export interface Finding {
  readonly path: string;
  readonly distrust: Distrust;
  readonly uid: number;
  readonly mode: number;
}

const GROUP_OR_OTHER_WRITE = 0o022;
const STICKY = 0o1000;
/** The kernel's own limit on symlinks followed in one path (path_resolution(7): 40). */
const MAX_LINKS = 40;

/**
 * The first place in `directory` (absolute) that another user than `uid` or root could change;
 * undefined when none. Parts that do not exist are not checked.
 */
export function untrustedDirectory(directory: string, uid: number): Finding | undefined {
  const pending = parts(directory);
  let current = "/";
  let links = 0;
  const root = judgeAncestor(current, lstatSync(current), uid);
  if (root) return root;
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === "..") {
      current = dirname(current);
      continue;
    }
    const next = join(current, name);
    const stat = look(next);
    if (stat === undefined || !(stat.isDirectory() || stat.isSymbolicLink())) return undefined; // made later, or refused by makeDirectory
    if (!trusted(stat.uid, uid)) return finding(next, "foreign-owner", stat);
    if (stat.isSymbolicLink()) {
      links += 1;
      if (links > MAX_LINKS) return finding(next, "symlink-loop", stat);
      const target = readlinkSync(next);
      pending.unshift(...parts(target));
      if (target.startsWith("/")) current = "/";
      continue;
    }
    const distrust = judgeAncestor(next, stat, uid);
    if (distrust) return distrust;
    current = next;
  }
  const stat = lstatSync(current);
  if (stat.mode & GROUP_OR_OTHER_WRITE) return finding(current, stat.mode & STICKY ? "shared-sticky" : "writable", stat);
  return undefined;
}

/** Whether the file `path`, if it exists, is a regular file (not a symlink) owned by `uid` or root and writable by no one else. */
export function untrustedFile(path: string, uid: number): Finding | undefined {
  const stat = look(path);
  if (stat === undefined) return undefined;
  if (stat.isSymbolicLink()) return finding(path, "symlink", stat);
  if (!stat.isFile()) return finding(path, "not-regular", stat);
  if (!trusted(stat.uid, uid)) return finding(path, "foreign-owner", stat);
  if (stat.mode & GROUP_OR_OTHER_WRITE) return finding(path, "writable", stat);
  return undefined;
}

function judgeAncestor(path: string, stat: Stats, uid: number): Finding | undefined {
  if (!trusted(stat.uid, uid)) return finding(path, "foreign-owner", stat);
  if (stat.mode & GROUP_OR_OTHER_WRITE && !(stat.mode & STICKY)) return finding(path, "writable", stat);
  return undefined;
}

/**
 * lstat, or undefined where nothing can be seen: missing, a file on the way (ENOTDIR), a directory
 * we may not search (EACCES). Reading or writing there fails later with the operating system's
 * reason.
 */
function look(path: string): Stats | undefined {
  try {
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

const trusted = (owner: number, uid: number): boolean => owner === uid || owner === 0;
const parts = (path: string): string[] => path.split("/").filter((name) => name !== "" && name !== ".");
const finding = (path: string, distrust: Distrust, stat: Stats): Finding => ({ path, distrust, uid: stat.uid, mode: stat.mode });
