// Turns the command line's / config's paths and globs into the files to read, in reading order.
// A named file that does not exist, or a glob that matches nothing, is a RuntimeError (exit 1): the
// command line is well-formed, the machine is not as expected (e.g. logs rotated away) — the same
// answer whether the path came from the command line or from `source.paths`.
import { stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { readablePath } from "../../util/readable-path.js";
import { RuntimeError } from "../../errors.js";
import { cannotRead } from "./read-error.js";
import { rotationOrder } from "./rotation-order.js";

export const STDIN = "-";

export interface InputFile {
  /** Absolute path, or "-" for standard input. */
  readonly path: string;
  /** The name used in messages. */
  readonly display: string;
  /** `@logStream` of its events: the file's base name (`stdin` for standard input). */
  readonly logStream: string;
  /** Modification time (epoch ms); undefined for standard input. */
  readonly modifiedAt: number | undefined;
  /** Size in bytes when opened (compressed size for .gz); undefined for standard input. */
  readonly size?: number;
}

/**
 * The files, in reading order. `origin` says where the patterns were written (`source.paths in
 * /etc/mail-metrics/prod.yaml`), so that a missing file's error points at the line to correct.
 */
export async function expandInputs(patterns: readonly string[], origin?: string): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns) {
    for (const file of await expandOne(pattern, origin)) {
      if (seen.has(file.path)) continue;
      seen.add(file.path);
      files.push(file);
    }
  }
  return files;
}

async function expandOne(pattern: string, origin: string | undefined): Promise<InputFile[]> {
  if (pattern === STDIN) return [{ path: STDIN, display: "stdin", logStream: "stdin", modifiedAt: undefined }];
  const literal = await statFile(resolve(pattern));
  if (literal !== undefined) return [inputFile(resolve(pattern), pattern, literal)];
  // tinyglobby is loaded only for a pattern that names no file: ~20 ms of start-up otherwise.
  const { glob, isDynamicPattern } = await import("tinyglobby");
  const fix = origin === undefined ? "" : ` (${origin}: correct it there if it is wrong)`;
  if (!isDynamicPattern(pattern)) throw new RuntimeError(`cannot read ${pattern}: no such file${fix}`);
  const matches = rotationOrder(await glob([pattern], { absolute: true, onlyFiles: true, expandDirectories: false }));
  if (matches.length === 0) throw new RuntimeError(`cannot read ${pattern}: no file matches this pattern${fix}`);
  const files: InputFile[] = [];
  for (const path of matches) {
    const stats = await statFile(path);
    if (stats !== undefined) files.push(inputFile(path, readablePath(path), stats));
  }
  return files;
}

function inputFile(path: string, display: string, stats: { mtimeMs: number; size: number; isDirectory(): boolean }): InputFile {
  if (stats.isDirectory())
    throw new RuntimeError(`cannot read ${display}: it is a directory; name files, or a glob such as ${display}/mail.log*`);
  return { path, display, logStream: basename(path), modifiedAt: stats.mtimeMs, size: stats.size };
}

async function statFile(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw cannotRead(path, error);
  }
}
