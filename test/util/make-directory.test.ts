import { spawnSync } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { makeDirectory } from "../../src/util/make-directory.js";
import { buildOnce, ROOT } from "../cli/built-cli.js";
import { tempDir } from "../support/temp-dir.js";

beforeAll(buildOnce);

const temp = () => tempDir("mm-mkdir-");

describe(makeDirectory.name, () => {
  it("creates every missing level with the mode, and accepts an existing directory", () => {
    const dir = join(temp(), "a", "b", "c");
    makeDirectory(dir, 0o700);
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(statSync(join(dir, "..")).mode & 0o777).toBe(0o700);
    expect(() => makeDirectory(dir, 0o700)).not.toThrow();
  });

  it.each([
    ["is", (file: string) => file],
    ["is above", (file: string) => join(file, "sub", "deeper")],
  ])("throws ENOTDIR naming the regular file that %s the directory", (_, under) => {
    const file = join(temp(), "plain");
    writeFileSync(file, "");
    expect(() => makeDirectory(under(file), 0o700)).toThrow(expect.objectContaining({ code: "ENOTDIR", path: file }));
  });

  // Node's recursive mkdir spins forever here, so the call runs in a child (on the built module,
  // which plain node can load) that a timeout can kill.
  it.runIf(existsSync("/proc/self"))("fails at once, with ENOENT, where /proc cannot hold a directory", () => {
    const module = pathToFileURL(join(ROOT, "dist", "util", "make-directory.js")).href;
    const script = `import { makeDirectory } from ${JSON.stringify(module)};
      try { makeDirectory("/proc/nope/sub", 0o700); } catch (error) { process.stdout.write(error.code + " " + error.path); }`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { timeout: 10_000, encoding: "utf8" });
    expect(child.signal, "makeDirectory did not return within 10 s").toBeNull();
    expect(child.stdout).toBe("ENOENT /proc/nope");
  });
});
