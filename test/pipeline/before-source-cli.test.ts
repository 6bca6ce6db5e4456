// The built CLI over a config whose source.paths lists only the live mail.log (its older lines are
// in mail.log.1): a backfill reaching before its first line exits 2 with the fixes and touches no
// state; a run leaves those windows owed with one warning, and `state show` says what waits for what.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT, runCli } from "../cli/built-cli.js";
import { tempDir } from "../support/temp-dir.js";

beforeAll(buildOnce, 120_000);

/** A directory with rot/mail.log.1 (examples/maillog, Nov 29 00:39–00:41), rot/mail.log (the same at 13:57–13:59) and rot1.yaml reading only rot/mail.log. */
function setup() {
  const dir = tempDir("mm-before-source-cli-");
  const older = readFileSync(join(ROOT, "examples/maillog"), "utf8");
  writeFileSync(join(dir, "mail.log.1"), older);
  writeFileSync(
    join(dir, "mail.log"),
    older.replace(/^Nov 29 00:(39|40|41)/gm, (_, mm: string) => `Nov 29 13:${Number(mm) + 18}`),
  );
  const state = join(dir, "state.json");
  const config = join(dir, "rot1.yaml");
  writeFileSync(
    config,
    [
      "source:",
      "  type: files",
      "  paths: [mail.log]",
      "  year: 2026",
      "sink:",
      "  type: stdout",
      "  output: ndjson",
      "state:",
      `  path: ${state}`,
      "schedule:",
      "  startAt: 2026-11-29T12:00:00Z",
      "queries:",
      "  - builtin: postfix-smtp-status",
      "  - builtin: postfix-delivery-status",
      "",
    ].join("\n"),
  );
  return { dir, config, state };
}

const warnings = (stderr: string) => stderr.split("\n").filter((line) => line.includes("mail-metrics: "));

describe("windows before the first line of source.paths, through the CLI", () => {
  it("backfill refuses them: exit 2, the fixes on stderr, nothing printed, no state written", async () => {
    const { dir, config, state } = setup();
    const args = ["backfill", "--config", config, "--from", "2026-11-29T00:30:00Z", "--to", "2026-11-29T21:00:00Z"];
    const result = await runCli([...args, "--now", "2026-12-01T00:00:00Z"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(existsSync(state)).toBe(false);
    expect(result.stderr).toContain(`source.paths of ${config} begin at 2026-11-29T13:57:38Z, the first line of ${join(dir, "mail.log")}`);
    expect(result.stderr).toContain(`${join(dir, "mail.log.1")} and ${join(dir, "mail.log.*.gz")}`);
    expect(result.stderr).toContain(`  mail-metrics backfill --config ${config} --from 2026-11-29T13:55:00Z --to 2026-11-29T21:00:00Z\n`);
  });

  it("run leaves them owed with one warning, state show says what they wait for, and adding mail.log.1 publishes them", async () => {
    const { config } = setup();
    const first = await runCli(["run", "--config", config, "--now", "2026-11-29T14:31:00Z"]);
    expect(first.code).toBe(0);
    expect(warnings(first.stderr)).toHaveLength(1);
    expect(warnings(first.stderr)[0]).toContain(
      "not published: 23 windows 2026-11-29T12:00:00Z–2026-11-29T13:55:00Z of postfix-smtp-status, postfix-delivery-status",
    );
    const stamps = first.stdout
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { timestamp: string }).timestamp);
    expect(stamps.sort()[0]).toBe("2026-11-29T13:55:00Z");

    const shown = await runCli(["state", "show", "--config", config, "--now", "2026-11-29T14:31:00Z"]);
    expect(shown.stdout).toContain(
      "2026-11-29T12:00:00Z–2026-11-29T13:55:00Z (23 windows): the logs in source.paths begin at 2026-11-29T13:57:38Z",
    );
    expect(shown.stdout).not.toContain("2026-11-29T12:00:00Z–2026-11-29T13:55:00Z (23 windows); the next run publishes it");

    writeFileSync(config, readFileSync(config, "utf8").replace("paths: [mail.log]", "paths: [mail.log.1, mail.log]"));
    const fixed = await runCli(["run", "--config", config, "--now", "2026-11-29T14:36:00Z"]);
    expect(fixed.code).toBe(0);
    expect(warnings(fixed.stderr)).toEqual([]);
    expect(fixed.stdout).toContain('"timestamp":"2026-11-29T12:00:00Z"');
  });
});
