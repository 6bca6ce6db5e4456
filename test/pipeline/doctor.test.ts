// `mail-metrics doctor` (and `validate --aws`) through the built CLI against the stand-in: one line
// per check, each problem with its fix, exit 0 when all pass and 1 otherwise; nothing published.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/temp-dir.js";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT, runCli } from "../cli/built-cli.js";
import { CLI_AWS_ENV, cloudSlots, GROUP } from "./cloud-fixture.js";
import { ms } from "./scene.js";

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

describe.concurrent("doctor", { timeout: 120_000 }, () => {
  it("all well: exit 0, each check on its line, a query over one second stopped, nothing published", () =>
    inCloud({ now: ms(15) }, async (s) => {
      s.standIn.state.ensureLogGroup(GROUP);
      const result = await s.cli(["doctor", "--endpoint-url", s.standIn.endpoint]);
      expect(result.code, result.stdout).toBe(0);
      expect(result.stderr).toBe("");
      const lines = result.stdout.trimEnd().split("\n");
      expect(lines[0]).toBe(`config ${s.config}: ok (2 queries)`);
      expect(lines).toContain(`ok   region: us-east-1 (from aws.region in ${s.config})`);
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^ok {3}credentials: arn:aws:iam::123456789012:user\/test \(account 123456789012; AWS_ACCESS_KEY_ID in the environment\)$/,
        ),
      );
      expect(lines).toContainEqual(expect.stringMatching(/^ok {3}query over \/mail\/postfix: /));
      expect(lines.at(-1)).toBe("all checks passed");
      expect(s.standIn.state.queries.map((q) => q.stopped)).toEqual([true]);
      expect(s.standIn.state.requestCount("PutMetricData")).toBe(0);
    }));

  it("a mistyped log group: FAIL with the closest name and the fix, exit 1; validate --aws says the same", () =>
    inCloud({ now: ms(15) }, async (s) => {
      s.standIn.state.ensureLogGroup(GROUP);
      writeFileSync(s.config, readFileSync(s.config, "utf8").replace(`logGroups: [${GROUP}]`, "logGroups: [/mail/postfx]"));
      for (const command of [["doctor"], ["validate", "--aws"]]) {
        const result = await s.cli([...command, "--endpoint-url", s.standIn.endpoint]);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(
          "FAIL log group /mail/postfx: does not exist in us-east-1 for account 123456789012; did you mean /mail/postfix?\n",
        );
        expect(result.stdout).toContain("     fix: correct the log group in ");
        expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("1 problem: fix it and run mail-metrics doctor again");
      }
    }));

  it("a config that does not call AWS: checks its log files instead, exit 0 when they are there", async () => {
    const result = await runCli(["doctor", "--config", "examples/local.yaml"], { cwd: ROOT, env: CLI_AWS_ENV });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("this config does not call AWS (a files source and a stdout sink)\nok  source.paths: 1 file to read\n");
  });

  it("a config that does not call AWS, whose log file is not there: FAIL with the key and the config, exit 1", async () => {
    const dir = tempDir();
    const config = join(dir, "local.yaml");
    writeFileSync(config, readFileSync(join(ROOT, "examples", "local.yaml"), "utf8").replace("[maillog]", "[maillgo]"));
    const result = await runCli(["doctor", "--config", config], { cwd: ROOT, env: CLI_AWS_ENV });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /\nFAIL source\.paths: cannot read \/.*\/maillgo: no such file \(source\.paths in \/.*\/local\.yaml: correct it there if it is wrong\)\n$/,
    );
  });
});
