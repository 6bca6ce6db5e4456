// Work left over for more than two weeks: CloudWatch refuses data points older than that, for good.
// A plan resumed, or a batch of unknown fate settled, that late must not fail every later run on the
// same refused batch (blocking every new window of the series): the datums CloudWatch no longer
// accepts are dropped, the run says how many, and it goes on.
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, ledgerPuts } from "./audit.js";
import type { HttpFault } from "../fake-cloudwatch/faults.js";
import { cloudSlots, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { expectedFor, keyOf, SMTP, sumOf } from "./peer-model.js";
import { nextRequest } from "./request-hook.js";
import { at, copiesCounts, logCopies, ms, span, withZeroFill, zeroFillNames, zeroFillOf } from "./scene.js";
import { untimed } from "./log-lines.js";

const DAY = 24 * 60;
const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

const answers = (s: CloudSetup) => ledgerPuts(s.standIn).map((r) => r.errorCode ?? r.outcome);

/**
 * Backfills [12:00, 12:10) two weeks back with its PutMetricData call failing by `fault`, then runs
 * 2 hours later: data points over a day old may take 48 h to be readable, so the batch stays pending.
 */
async function backfillOfUnknownFate(s: CloudSetup, fault: HttpFault): Promise<void> {
  await putEvents(s.standIn.endpoint, logCopies([0]));
  s.standIn.faults.next("PutMetricData", fault);
  const backfill = await s.run(["backfill", "--from", at(0), "--to", at(10), "--concurrency", "1"], at(14 * DAY - 120));
  expect(backfill.code).toBe(1);
  expect(backfill.stderr).toContain("its fate is unknown and will be settled by read-back");
  // The series owes everything since the backfill's end; what a backfill can no longer reach is reported lost (exit 1).
  const pending = await s.run(["run"], at(14 * DAY));
  expect(pending.code).toBe(1);
  expect(pending.stderr).toContain(`mail-metrics: ${SMTP}: lost: 2026-11-29T12:10:00Z–`);
  expect(pending.stdout).toContain("datums of unknown fate await read-back on a later run");
}

describe.concurrent("work left over for more than two weeks", { timeout: 180_000 }, () => {
  it("a plan resumed 15 days after its run was killed: what CloudWatch refuses is dropped and counted, new windows are published", () => {
    const names = zeroFillNames(120);
    const later = 15 * DAY + 70;
    return inCloud({ now: ms(125), queries: [withZeroFill(SMTP, names)], schedule: `startAt: ${at(0)}\nmaxCatchUp: 2h` }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0]));
      const child = s.spawn(["run"], at(125));
      await nextRequest(s.standIn, "PutMetricData", () => setImmediate(() => child.kill("SIGKILL")));
      expect((await child.done).signal).toBe("SIGKILL");
      expect(s.standIn.state.datums).toHaveLength(1000);

      s.setNow(ms(later));
      await putEvents(s.standIn.endpoint, logCopies([later - 60]));
      const resumed = await s.run(["run"], at(later));
      // Reported lost once, exit 1: the windows whose datums were dropped, and the 15 days after, too old to backfill.
      expect(resumed.code).toBe(1);
      expect(untimed(resumed.stderr)).toMatch(
        new RegExp(
          `^mail-metrics: ${SMTP}: lost: 2026-11-29T12:\\d\\d:00Z–2026-11-30T\\d\\d:\\d\\d:00Z \\(\\d+ windows, not published in full before they became older than the two weeks CloudWatch accepts\\)$`,
          "m",
        ),
      );
      const old = expectedFor(copiesCounts([SMTP], [0]), names, [span(0, 120)]);
      // The plan's 2 hours; then the last 2 hours (schedule.maxCatchUp), the 15 days between reported as skipped.
      const fresh = expectedFor(copiesCounts([SMTP], [later - 60]), names, [span(later - 125, later - 5)]);
      expect(resumed.stdout).toContain(`${old.size - 1000} datums older than the destination accepts (two weeks) dropped unpublished`);
      // Nothing twice, nothing wrong; missing only the old datums that were dropped.
      const outcome = audit(s.standIn, sumOf(old, fresh));
      expect({ ...outcome, missing: outcome.missing.filter((key) => !old.has(key)) }).toEqual({
        datums: 1000 + fresh.size,
        duplicates: [],
        missing: [],
        extra: [],
        wrong: [],
      });
      expect(outcome.missing).toHaveLength(old.size - 1000);
      expect(answers(s).every((answer) => answer === 200)).toBe(true);
    });
  });

  it("a backfilled batch of unknown fate still absent when read-back may decide (48 h later), by then too old: dropped, not re-sent forever", () =>
    inCloud({ now: ms(14 * DAY - 120), queries: [SMTP] }, async (s) => {
      await backfillOfUnknownFate(s, { kind: "server-error" });
      const decided = await s.run(["run"], at(16 * DAY));
      const lost = expectedFor(copiesCounts([SMTP], [0]), zeroFillOf([SMTP]), [span(0, 10)]);
      expect(decided.stdout).toContain(`${lost.size} datums older than the destination accepts (two weeks) dropped unpublished`);
      // Dropped datums are news (exit 1, stderr) once; the hole ageing out beside them is not news again.
      expect(decided.code).toBe(1);
      expect(decided.stderr).toContain(
        `mail-metrics: ${SMTP}: lost: 2026-11-29T12:00:00Z–2026-11-29T12:10:00Z (2 windows, not published in full`,
      );
      expect(decided.stdout).not.toContain("await read-back");
      expect(audit(s.standIn, new Map()).duplicates).toEqual([]);
      expect(answers(s).filter((answer) => answer !== 200)).toEqual(["InternalServiceFault"]);
    }));

  it("a backfilled batch of unknown fate that did land, read back when CloudWatch must show it (16 days old): found per 5 minutes, not dropped, not sent again", () =>
    inCloud({ now: ms(14 * DAY - 120), queries: [SMTP], standInOptions: { visibilityDelayMs: "documented" } }, async (s) => {
      await backfillOfUnknownFate(s, { kind: "drop", store: "before" });
      const decided = await s.run(["run"], at(16 * DAY));
      expect(decided.code, decided.stderr).toBe(0);
      expect(decided.stdout).not.toContain("dropped");
      expect(decided.stdout).not.toContain("await read-back");
      // The summary says the batch was found there: settled, nothing re-sent.
      expect(decided.stdout).toMatch(/found (\d+) of \1 datums of unknown fate: settled/);
      expect(decided.stdout).not.toContain("re-sent");
      // The backfilled windows hold each expected datum once (later windows are the runs' own).
      const landed = expectedFor(copiesCounts([SMTP], [0]), zeroFillOf([SMTP]), [span(0, 10)]);
      const received = s.standIn.state.datums.filter((d) => d.timestamp < ms(10)).map((d) => [keyOf(d.metricName, d.timestamp), d.value]);
      expect(new Map(received as [string, number][])).toEqual(landed);
      expect(received).toHaveLength(landed.size);
    }));
});
