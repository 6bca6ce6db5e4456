// Runs after the build: makes the CLI entry executable, so `npx mail-metrics` works straight after
// `npm install`, and removes what tsc emitted once for a source file that is gone. tsc never deletes,
// so a moved module would otherwise live on in dist/ and a test loading the old path would pass here
// and fail on a fresh clone. dist/bin/ is rolldown's, which cleans it itself.
import { chmodSync, readdirSync, rmSync } from "node:fs";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
chmodSync(join(root, "dist", "bin", "mail-metrics.js"), 0o755);

function removeOrphans(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path === join(root, "dist", "bin")) continue;
      removeOrphans(path);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
      continue;
    }
    const source = relative(join(root, "dist"), path)
      .replace(/\.js(\.map)?$/, ".ts")
      .replace(/\.d\.ts$/, ".ts");
    if (!existsSync(join(root, "src", source))) rmSync(path);
  }
}
removeOrphans(join(root, "dist"));
