// The state file: a damaged one stops every command with a clear message and is left as it is (a
// silent reset could publish windows twice); `state show` says what is published, pending and
// missing; `state reset` forgets a query only with --yes.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSlots, putEvents } from "./cloud-fixture.js";
import { expectedFor, SMTP } from "./peer-model.js";
import { at, copiesCounts, logCopies, ms, readStateJson, span, withZeroFill, zeroFillNames, zeroFillOf } from "./scene.js";

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

describe.concurrent("a damaged state file", { timeout: 180_000 }, () => {
  const run = ["run"];
  const backfill = ["backfill", "--from", at(0), "--to", at(30)];
  it.each([
    ["truncated JSON", '{"version": 1, "series": {"postfix-smtp-status@1": {"query": "postfix-smtp', /not valid JSON/, [run, backfill]],
    [
      "a series without its fields",
      '{"version": 1, "series": {"postfix-smtp-status@1": {"query": "postfix-smtp-status"}}}',
      /series\.postfix-smtp-status@1\.identity: /,
      [run],
    ],
  ])("(%s) stops the commands with exit 1 and a clear message, and is left untouched", (_, text, problem, commands) =>
    inCloud({ now: ms(60), queries: [SMTP] }, async (setup) => {
      writeFileSync(setup.statePath, text);
      for (const args of commands) {
        const result = await setup.run(args, at(60));
        expect(result.code, args[0]).toBe(1);
        expect(result.stderr).toContain(`state file ${setup.statePath} is damaged: `);
        expect(result.stderr).toMatch(problem);
        expect(result.stderr).toContain("It is not reset automatically");
      }
      const show = await setup.cli(["state", "show"]);
      expect(show.code).toBe(1);
      expect(show.stderr).toMatch(problem);
      expect(readFileSync(setup.statePath, "utf8")).toBe(text);
      expect(setup.standIn.state.requestCount("StartQuery") + setup.standIn.state.requestCount("PutMetricData")).toBe(0);
    }),
  );
});

describe.concurrent("state show and state reset", { timeout: 180_000 }, () => {
  const names = zeroFillNames(120);
  it("show: published ranges, a plan in progress, a batch of unknown fate, and a hole left for backfill", () =>
    inCloud({ now: ms(190), queries: [withZeroFill(SMTP, names)], schedule: "maxCatchUp: 1h" }, async (setup) => {
      await putEvents(setup.standIn.endpoint, logCopies([0, 130]));
      const show = async () => {
        const result = await setup.cli(["state", "show", "--now", at(190)]);
        expect(result.code, result.stderr).toBe(0);
        return result.stdout;
      };
      expect(await show()).toBe(`state file: ${setup.statePath}\nnothing published yet\n`);

      expect((await setup.run(["run"], at(10))).code).toBe(0);
      // The next run is 3 hours late: it skips 12:05-14:05 and publishes 14:05-15:05 in 2 batches, the first failing with a 5xx.
      setup.standIn.faults.next("PutMetricData", { kind: "server-error" });
      expect((await setup.run(["run"], at(190))).code).toBe(1);
      const identity = Object.keys(readStateJson(setup.statePath)!.series)[0]!.split("@")[1];
      expect(await show()).toMatch(
        new RegExp(
          `^state file: ${setup.statePath}\\n${SMTP} \\(identity ${identity}\\)\\n` +
            "  published: 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z\\n" +
            `  not published: 2026-11-29T12:05:00Z–2026-11-29T14:05:00Z \\(24 windows, more than schedule.maxCatchUp behind; publish it with: mail-metrics backfill --config ${setup.config} --from 2026-11-29T12:05:00Z --to 2026-11-29T14:05:00Z\\)\\n` +
            "  in progress: 2026-11-29T14:05:00Z–2026-11-29T15:05:00Z, 1 of 2 batches sent; the next run finishes it\\n" +
            "  unknown fate: 1000 datums sent 2026-11-29T15:10:[\\d.]+Z \\(.*InternalServiceFault.*\\); the next runs settle it by read-back\\n$",
        ),
      );

      expect((await setup.run(["run"], at(190))).code).toBe(0);
      expect(await show()).toContain(
        "  published: 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z\n" +
          "             2026-11-29T14:05:00Z–2026-11-29T15:05:00Z\n" +
          `  not published: 2026-11-29T12:05:00Z–2026-11-29T14:05:00Z (24 windows, more than schedule.maxCatchUp behind; publish it with: mail-metrics backfill --config ${setup.config} --from 2026-11-29T12:05:00Z --to 2026-11-29T14:05:00Z)\n` +
          "  unknown fate: 1000 datums",
      );
    }));

  it("reset needs --yes and a known query; then the query starts afresh from its last due window", () =>
    inCloud({ now: ms(60), queries: [SMTP] }, async (setup) => {
      await putEvents(setup.standIn.endpoint, logCopies([0, 40]));
      expect((await setup.run(["run"], at(10))).code).toBe(0);
      // Written for the owner only: it says what is published where.
      expect(statSync(setup.statePath).mode & 0o777).toBe(0o600);
      const before = readFileSync(setup.statePath, "utf8");

      const unconfirmed = await setup.cli(["state", "reset", "--query", SMTP]);
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.stderr).toContain("Add --yes to confirm");
      const unknown = await setup.cli(["state", "reset", "--query", "postfix-nothing", "--yes"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(`the state has no query named "postfix-nothing"; it has: ${SMTP}`);
      expect(readFileSync(setup.statePath, "utf8")).toBe(before);

      const reset = await setup.cli(["state", "reset", "--query", SMTP, "--yes"]);
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stdout).toBe(`forgot what ${SMTP} published (1 series) in ${setup.statePath}\n`);
      expect((await setup.cli(["state", "show"])).stdout).toContain("nothing published yet");

      // With no state, a run publishes its last due window only: 12:40-12:45, not 12:05-12:45.
      expect((await setup.run(["run"], at(50))).code).toBe(0);
      const expected = expectedFor(copiesCounts([SMTP], [0, 40]), zeroFillOf([SMTP]), [span(0, 5), span(40, 45)]);
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
    }));
});
