// `mkdir -p` that always ends. Node's `mkdirSync(path, { recursive: true })` reads ENOENT as "the
// parent is missing" and retries the parent forever when the parent exists but cannot hold the new
// entry (a path under /proc, a dangling symlink): it spins at 100% CPU and never returns. Here each
// missing component is created once, from the top, and the first failure is thrown as the OS gave it.
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

export function makeDirectory(directory: string, mode: number): void {
  const missing: string[] = [];
  for (let current = directory; ; current = dirname(current)) {
    const stat = statOrMissing(current);
    if (stat !== undefined) {
      if (!stat.isDirectory()) throw notADirectory(current);
      break;
    }
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path, { mode });
    } catch (error) {
      // Another process created it meanwhile: fine, if it is a directory.
      if ((error as NodeJS.ErrnoException).code === "EEXIST" && statSync(path).isDirectory()) continue;
      throw error;
    }
  }
}

/** undefined when `path` is missing, also because a file is in the way above it (then its loop turn names that file). */
function statOrMissing(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw error; // EACCES: a parent we may not search
  }
}

function notADirectory(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory (it is a file), mkdir '${path}'`), { code: "ENOTDIR", syscall: "mkdir", path });
}
