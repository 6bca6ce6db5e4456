// Finds the installed package's root (where queries/ and schema/ live) from this compiled file,
// so builtin queries resolve the same from src/ (tests), dist/ and an npm install.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InternalError } from "../errors.js";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "mail-metrics") {
      cached = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new InternalError(`cannot find the mail-metrics package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
