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
import { at, copiesCounts, logCopies, ms, readStateJson, span, zeroFillOf } from "./scene.js";

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
