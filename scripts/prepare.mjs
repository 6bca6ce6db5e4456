// `npm install` in a clone runs this (npm's "prepare"): it builds dist/ when the build tools are
// installed. Two installs come without them, and get a way that works instead of "tsc: not found":
// - `npm ci --omit=dev`;
// - `npm install -g git+…`: npm prepares the clone with its global flag still set, so the clone's own
//   install skips the dev dependencies (and installing them from here races npm's own reify).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const root = new URL("..", import.meta.url);
const has = (name) => existsSync(new URL(`node_modules/${name}/package.json`, root));

if (!has("typescript") || !has("rolldown")) {
  console.error(
    "mail-metrics: building needs the dev dependencies (typescript, rolldown), which this install left out.\n" +
      "  To install the tool on a machine that only runs it, use the packed tarball, which needs no build:\n" +
      "    npm ci && npm pack                        # in a full clone: writes mail-metrics-<version>.tgz\n" +
      "    npm install -g ./mail-metrics-<version>.tgz\n" +
      "  To work on it, install everything: npm ci (without --omit=dev).",
  );
  process.exit(1);
}
execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "build"], { cwd: root, stdio: "inherit" });
