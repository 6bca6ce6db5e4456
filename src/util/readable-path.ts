import { isAbsolute, relative } from "node:path";

/** A path as messages show it: relative to the working directory when below it, else absolute. */
export function readablePath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd === "" || fromCwd.startsWith("..") || isAbsolute(fromCwd) ? path : fromCwd;
}
