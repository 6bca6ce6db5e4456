// One state per destination (issue 11): two users running one config with the default per-user state
// path would each publish every window. A run publishing to CloudWatch from that default says where
// its state is on every run, in its summary line (stdout, which cron logs), not on stderr (mailed).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce, runCli } from "../cli/built-cli.js";
import { tempDir } from "../support/temp-dir.js";
import { CLI_AWS_ENV, cloudSlots, putEvents } from "./cloud-fixture.js";
import { SMTP } from "./peer-model.js";
import { at, logCopies, ms } from "./scene.js";
import { untimed } from "./log-lines.js";

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

describe.concurrent("a run with the default per-user state path", { timeout: 120_000 }, () => {
  it("names its state file in every summary line, and says nothing on stderr", () =>
    inCloud({ now: ms(20), queries: [SMTP] }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0]));
      writeFileSync(s.config, readFileSync(s.config, "utf8").replace(/state:\n {2}path: .*\n/, ""));
      const home = tempDir("mm-home-");
      const env = { ...CLI_AWS_ENV, XDG_STATE_HOME: home };
      const statePath = join(home, "mail-metrics", "prod.json");
      for (const minute of [15, 20]) {
        s.setNow(ms(minute));
        const result = await runCli(["run", "--config", s.config, "--endpoint-url", s.standIn.endpoint, "--now", at(minute)], { env });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toBe("");
        expect(untimed(result.stdout)).toMatch(
          new RegExp(
            `^${SMTP}: .*; state ${statePath} \\(this user's default: set state.path so that every run of this config uses one state\\)\\n$`,
          ),
        );
      }
    }));

  it("says nothing of it when state.path is set", () =>
    inCloud({ now: ms(15), queries: [SMTP] }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0]));
      const result = await s.run(["run"], at(15));
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).not.toContain("this user's default");
    }));
});
