// Finds the installed package's root (where queries/ and schema/ live) from this compiled file,
// so builtin queries resolve the same from src/ (tests), dist/ and an npm install.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InternalError } from "../errors.js";

interface PackageInfo {
  readonly root: string;
  readonly version: string;
}

let cached: PackageInfo | undefined;

export function packageRoot(): string {
  return packageInfo().root;
}

/** The version in the package.json that packageRoot() found (read once, with the root). */
export function packageVersion(): string {
  return packageInfo().version;
}

function packageInfo(): PackageInfo {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (name === "mail-metrics") return (cached = { root: dir, version: version ?? "" });
    }
    const parent = dirname(dir);
    if (parent === dir) throw new InternalError(`cannot find the mail-metrics package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
