// Writes a small tree of files into a fresh temporary directory for a test (removed after its test file).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tempDir } from "../support/temp-dir.js";

/** Creates the files (relative path → content) and returns the directory. */
export function tempTree(files: Readonly<Record<string, string | Buffer>>): string {
  const dir = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
