// Editing a query (its string, log groups, mapping or destination) starts a new series in the
// state, so two meanings never mix in one record. The metrics it publishes are mostly the same
// ones, so the new series must neither publish the earlier definition's windows again (doubled
// sums) nor leave a gap: it continues where the earlier one stopped.
import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSlots, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { expectedFor, SMTP, type Expected } from "./peer-model.js";
import { at, copiesCounts, logCopies, ms, readStateJson, span, withZeroFill, zeroFillNames, zeroFillOf } from "./scene.js";
import { untimed } from "./log-lines.js";

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

/** The edit of the audit: one more zero-filled metric name for the shipped reply/DSN query. */
function addZeroFill(setup: CloudSetup, name: string): void {
  const config = readFileSync(setup.config, "utf8");
  const edited = config.replace(`- builtin: ${SMTP}`, `- { builtin: ${SMTP}, zeroFill: [${[...zeroFillOf([SMTP]), name].join(", ")}] }`);
  expect(edited).not.toBe(config);
  writeFileSync(setup.config, edited);
}

const merged = (...parts: Expected[]): Expected => new Map(parts.flatMap((part) => [...part]));
const NAMES = zeroFillNames(120);

describe.concurrent("a query whose definition changes between runs", { timeout: 180_000 }, () => {
  it("continues where the earlier definition stopped, even with schedule.startAt: no window twice, none missed", () =>
    inCloud({ now: ms(45), queries: [SMTP], schedule: `startAt: ${at(0)}` }, async (setup) => {
      const copies = [0, 20, 35];
      await putEvents(setup.standIn.endpoint, logCopies(copies));
      expect((await setup.run(["run"], at(30))).code).toBe(0);
      addZeroFill(setup, "550-5_7_1");

      const changed = await setup.run(["run"], at(45));
      expect(changed.code, changed.stderr).toBe(0);
      expect(changed.stdout).toContain(`${SMTP}: published 3 windows 2026-11-29T12:25:00Z–2026-11-29T12:40:00Z`);
      expect(changed.stdout).toContain("the query's definition changed: continues after 2026-11-29T12:25:00Z");
      expect(Object.keys(readStateJson(setup.statePath)!.series)).toHaveLength(2);

      const counts = copiesCounts([SMTP], copies);
      const expected = merged(
        expectedFor(counts, zeroFillOf([SMTP]), [span(0, 25)]),
        expectedFor(counts, [...zeroFillOf([SMTP]), "550-5_7_1"], [span(25, 40)]),
      );
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
    }));

  it("without startAt, a change within one period publishes nothing twice; the next window follows on", () =>
    inCloud({ now: ms(20), queries: [SMTP] }, async (setup) => {
      const copies = [0, 5, 10];
      await putEvents(setup.standIn.endpoint, logCopies(copies));
      expect((await setup.run(["run"], at(11))).code).toBe(0);
      addZeroFill(setup, "550-5_7_1");
      const same = await setup.run(["run"], at(13));
      expect(same.code, same.stderr).toBe(0);
      expect(same.stdout).toContain(`${SMTP}: no new window due`);
      expect((await setup.run(["run"], at(16))).code).toBe(0);

      const counts = copiesCounts([SMTP], copies);
      const expected = merged(
        expectedFor(counts, zeroFillOf([SMTP]), [span(0, 5)]),
        expectedFor(counts, [...zeroFillOf([SMTP]), "550-5_7_1"], [span(5, 10)]),
      );
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
    }));
});

describe("an earlier definition that left work unfinished", { timeout: 180_000 }, () => {
  it("is not published again by the new one, is named on every run, and can be finished by switching back for a run", () =>
    inCloud({ now: ms(95), queries: [withZeroFill(SMTP, NAMES)], schedule: `startAt: ${at(0)}` }, async (setup) => {
      const copies = [0, 30, 60, 85];
      await putEvents(setup.standIn.endpoint, logCopies(copies));
      const original = readFileSync(setup.config, "utf8");
      const edited = original.replace("zeroFill: [", "zeroFill: [550-5_7_1, ");
      // 12 windows of 121 zero-filled names: two batches, the first answered with a 5xx.
      setup.standIn.faults.next("PutMetricData", { kind: "server-error" });
      expect((await setup.run(["run"], at(65))).code).toBe(1);

      writeFileSync(setup.config, edited);
      const changed = await setup.run(["run"], at(70));
      expect(changed.code, changed.stderr).toBe(0);
      expect(changed.stdout).toContain(`${SMTP}: published 1 window 2026-11-29T13:00:00Z–2026-11-29T13:05:00Z`);
      expect(untimed(changed.stderr)).toMatch(
        new RegExp(
          `^mail-metrics: ${SMTP}: its earlier definition \\(identity \\w+\\) left windows 2026-11-29T12:00:00Z–2026-11-29T13:00:00Z ` +
            "part-published and 1000 datums of unknown fate, which the current definition does not publish again; to finish them, " +
            "run once with the earlier definition restored, then switch back\\n$",
        ),
      );

      // Back to the earlier definition for one run: it finishes its plan (the lost batch is re-sent
      // once CloudWatch would show it) and publishes on after the window the new one published.
      writeFileSync(setup.config, original);
      const back = await setup.run(["run"], at(90));
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout).toContain(`${SMTP}: published 4 windows 2026-11-29T13:05:00Z–2026-11-29T13:25:00Z`);
      writeFileSync(setup.config, edited);
      const again = await setup.run(["run"], at(95));
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toBe("");

      const counts = copiesCounts([SMTP], copies);
      const expected = merged(
        expectedFor(counts, NAMES, [span(0, 60), span(65, 85)]),
        expectedFor(counts, ["550-5_7_1", ...NAMES], [span(60, 65), span(85, 90)]),
      );
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
    }));
});
