// The outside tools the bench compares against or measures with. mtail and GNU time come from
// Debian's packages (`mtail`, `time`); as root the bench installs them when missing.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const onPath = (name: string): boolean => spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;

function aptInstall(pkg: string): void {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", pkg], { stdio: "inherit", env }).status === 0;
  if (install()) return;
  spawnSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
  install();
}

/** Installs the Debian package when the command is missing and we are root; true when it is there. */
export function ensureTool(command: string, pkg: string, path?: string): boolean {
  const present = () => (path !== undefined ? existsSync(path) : onPath(command));
  if (present()) return true;
  if (process.getuid?.() === 0) {
    console.log(`installing ${pkg} (apt-get)`);
    aptInstall(pkg);
  }
  return present();
}

export function toolVersion(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
      .split("\n")[0]!
      .trim();
  } catch {
    return "unknown";
  }
}
