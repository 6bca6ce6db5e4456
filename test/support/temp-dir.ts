// Temporary directories for tests. Each is removed once the test file that made it has run (the
// afterAll in remove-temp-dirs.ts, a vitest setupFile), not after the test: tests of a file may
// share one made in a describe block or by an earlier test.
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const made: string[] = [];

/** A fresh directory under the system's temporary directory, removed after this test file. */
export function tempDir(prefix = "mail-metrics-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir() made so far. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) removeTree(dir);
}

/** rm -rf, also through directories a test made unreadable (chmod 000), which only root could remove as they are. */
export function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    allowRemoval(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function allowRemoval(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (lstatSync(path).isDirectory()) allowRemoval(path);
  }
}
