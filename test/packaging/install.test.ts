// What a bastion install gets: `npm pack` in a copy of the repository, then a global install of the
// tarball with --omit=dev into a fresh prefix. The installed command runs the demo and finds its
// shipped queries with no build step and nothing from the clone; the systemd units in contrib/
// verify against the installed command.
import { execFile } from "node:child_process";
import { cpSync, existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, buildOnce, childEnv } from "../cli/built-cli.js";
import { tempDir } from "../support/temp-dir.js";

const exec = promisify(execFile);
const INSTALL_TIMEOUT_MS = 180_000;

/** The files git tracks, with dist/ as the build left it: what `npm pack` sees in a clone. */
async function copyOfRepository(): Promise<string> {
  const copy = join(tempDir("mail-metrics-pack-"), "repo");
  const { stdout } = await exec("git", ["ls-files", "-z"], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  for (const file of stdout.split("\0").filter(Boolean)) {
    if (existsSync(join(ROOT, file))) cpSync(join(ROOT, file), join(copy, file), { recursive: true });
  }
  cpSync(join(ROOT, "dist"), join(copy, "dist"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  return copy;
}

describe("a global install from the packed tarball", () => {
  let prefix: string;
  let tarball: string;
  let packed: Record<string, unknown>;

  beforeAll(async () => {
    await buildOnce();
    const copy = await copyOfRepository();
    const npmEnv = childEnv({ npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" });
    const { stdout } = await exec("npm", ["pack", "--silent"], { cwd: copy, env: npmEnv });
    tarball = join(copy, stdout.trim().split("\n").at(-1)!);
    packed = JSON.parse((await exec("tar", ["-xzOf", tarball, "package/package.json"])).stdout) as Record<string, unknown>;
    expect(JSON.parse(readFileSync(join(copy, "package.json"), "utf8"))).toHaveProperty("scripts.prepare");
    prefix = tempDir("mail-metrics-prefix-");
    await exec("npm", ["install", "--global", "--prefix", prefix, "--omit=dev", "--prefer-offline", tarball], { env: npmEnv });
  }, INSTALL_TIMEOUT_MS);

  it("ships the bundle, the queries and the schemas, and a manifest with nothing to run at install", async () => {
    const { stdout } = await exec("tar", ["-tzf", tarball]);
    const files = stdout.split("\n").filter(Boolean);
    expect(files).toContain("package/dist/bin/mail-metrics.js");
    expect(files).toContain("package/queries/postfix-smtp-status.yaml");
    expect(files).toContain("package/schema/config.schema.json");
    expect(files).toContain("package/contrib/systemd/mail-metrics.service");
    expect(files).toContain("package/LICENSE");
    expect(files.filter((file) => file.startsWith("package/src/") || file.startsWith("package/test/"))).toEqual([]);
    expect(packed).not.toHaveProperty("scripts");
    expect(packed).not.toHaveProperty("devDependencies");
  });

  it("runs the demo from any directory with the shipped queries", async () => {
    const bin = join(prefix, "bin", "mail-metrics");
    const { stdout: version } = await exec(bin, ["--version"], { env: childEnv() });
    expect(version.trim()).toBe(packed.version);
    const elsewhere = tempDir();
    const config = join(elsewhere, "local.yaml");
    writeFileSync(
      config,
      readFileSync(join(ROOT, "examples", "local.yaml"), "utf8").replace("[maillog]", `[${join(ROOT, "examples", "maillog")}]`),
    );
    const installed = await exec(bin, ["run", "--config", config, "--output", "ndjson"], { cwd: elsewhere, env: childEnv() });
    const fromClone = await exec(
      process.execPath,
      [join(ROOT, "dist", "bin", "mail-metrics.js"), "run", "--config", config, "--output", "ndjson"],
      { cwd: elsewhere, env: childEnv() },
    );
    expect(installed.stderr).toBe("");
    expect(installed.stdout.split("\n").length).toBeGreaterThan(10);
    expect(installed.stdout).toBe(fromClone.stdout);
  });

  const verify = process.env.CI === "true" || existsSync("/usr/bin/systemd-analyze") ? it : it.skip;
  verify("has systemd units that systemd-analyze verifies against the installed command", async () => {
    const units = tempDir();
    for (const name of readdirSync(join(ROOT, "contrib", "systemd"))) {
      const text = readFileSync(join(ROOT, "contrib", "systemd", name), "utf8");
      writeFileSync(join(units, name), text.replaceAll("/usr/local/bin/mail-metrics", join(prefix, "bin", "mail-metrics")));
    }
    const { stdout, stderr } = await exec("systemd-analyze", [
      "verify",
      join(units, "mail-metrics.service"),
      join(units, "mail-metrics.timer"),
    ]);
    expect(`${stdout}${stderr}`).toBe("");
  });
});
