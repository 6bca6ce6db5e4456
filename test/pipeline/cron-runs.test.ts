// `run` from cron: every window published once however the runs fall. Runs every 5 minutes query
// consecutive, non-overlapping time ranges (each log event scanned once); a gap is caught up with one
// query per query; a gap beyond schedule.maxCatchUp is reported with the backfill command that fills it.
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { audit, exact } from "./audit.js";
import { cloudSlots, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, SMTP } from "./peer-model.js";
import { at, copiesCounts, logCopies, ms, span, tiling, zeroFillOf } from "./scene.js";
import { untimed } from "./log-lines.js";

const DAY = 24 * 60;

const QUERIES = [SMTP, DELIVERY];

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

/** Per query, the [startTime, endTime] ranges StartQuery was asked for, in order: each window's start and end, in seconds. */
function queriedRanges(s: CloudSetup, query: string): [number, number][] {
  const marker = query === SMTP ? "said: " : "dsn=/";
  return s.standIn.state.queries.filter((q) => q.queryString.includes(marker)).map((q) => [q.startTime, q.endTime]);
}

describe.concurrent("run from cron", { timeout: 180_000 }, () => {
  it("13 runs 5 minutes apart publish each window once, querying consecutive ranges without overlap or gap", () =>
    inCloud({ now: ms(70) }, async (setup) => {
      const copies = [0, 20, 40];
      await putEvents(setup.standIn.endpoint, logCopies(copies));
      for (let minute = 10; minute <= 70; minute += 5) {
        const result = await setup.run(["run"], at(minute));
        expect(result.code, `run at ${at(minute)}: ${result.stderr}`).toBe(0);
        expect(result.stdout).toContain(`${SMTP}: published 1 window ${at(minute - 10).replace(".000Z", "Z")}`);
      }
      const expected = expectedFor(copiesCounts(QUERIES, copies), zeroFillOf(QUERIES), [span(0, 65)]);
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
      for (const query of QUERIES) {
        const ranges = queriedRanges(setup, query);
        expect(ranges).toHaveLength(13);
        const [queried, tiles] = tiling(ranges, { from: ms(0) / 1000, to: ms(65) / 1000 });
        expect(queried).toEqual(tiles);
      }
    }));

  it("a 3-hour gap is caught up by the next run with one query per query", () =>
    inCloud({ now: ms(190) }, async (setup) => {
      const copies = [0, 60, 120, 170];
      await putEvents(setup.standIn.endpoint, logCopies(copies));
      expect((await setup.run(["run"], at(10))).code).toBe(0);
      const later = await setup.run(["run"], at(190));
      expect(later.code, later.stderr).toBe(0);
      expect(later.stdout).toContain(`${SMTP}: published 36 windows`);
      const expected = expectedFor(copiesCounts(QUERIES, copies), zeroFillOf(QUERIES), [span(0, 185)]);
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
      for (const query of QUERIES)
        expect(queriedRanges(setup, query)).toEqual([
          [ms(0) / 1000, ms(5) / 1000],
          [ms(5) / 1000, ms(185) / 1000],
        ]);
    }));

  it("a maxCatchUp shorter than a window, which could never publish, is refused as a config error", () =>
    inCloud({ now: ms(20), schedule: "maxCatchUp: 1m" }, async (setup) => {
      const result = await setup.run(["run"], at(15));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/schedule\.maxCatchUp: 1m is shorter than schedule\.period \(5m\).*use at least 5m/);
      expect(setup.standIn.state.requestCount("StartQuery")).toBe(0);
    }));

  it("a gap beyond maxCatchUp: the hole is reported once with a backfill command, named by every run, and the command completes exact totals", () =>
    inCloud({ now: ms(190), schedule: "maxCatchUp: 1h" }, async (setup) => {
      const copies = [0, 60, 120, 170];
      await putEvents(setup.standIn.endpoint, logCopies(copies));
      expect((await setup.run(["run"], at(10))).code).toBe(0);
      const later = await setup.run(["run"], at(190));
      expect(later.code, later.stderr).toBe(0);
      const hole =
        "2026-11-29T12:05:00Z–2026-11-29T14:05:00Z (24 windows, more than schedule.maxCatchUp behind; publish it with: mail-metrics backfill";
      for (const query of QUERIES) expect(later.stderr).toContain(`mail-metrics: ${query}: not published: ${hole}`);
      const command = new RegExp(`${SMTP}: .*publish it with: mail-metrics (backfill --config \\S+ --from \\S+ --to \\S+?)\\)`).exec(
        later.stderr,
      );
      expect(command?.[1]).toBe(`backfill --config ${setup.config} --from 2026-11-29T12:05:00Z --to 2026-11-29T14:05:00Z`);
      const withoutBackfill = expectedFor(copiesCounts(QUERIES, copies), zeroFillOf(QUERIES), [span(0, 5), span(125, 185)]);
      expect(audit(setup.standIn, withoutBackfill)).toEqual(exact(withoutBackfill));
      // The next run names the hole again in its summary, not on stderr.
      const again = await setup.run(["run"], at(195));
      expect([again.code, again.stderr]).toEqual([0, ""]);
      expect(again.stdout).toContain(`${SMTP}: published 1 window 2026-11-29T15:05:00Z–2026-11-29T15:10:00Z`);
      expect(again.stdout).toContain(`; not published: ${hole}`);

      const args = command![1]!.split(" ").filter((arg, i, all) => arg !== "--config" && all[i - 1] !== "--config");
      const backfill = await setup.run(args, at(195));
      expect(backfill.code, backfill.stderr).toBe(0);
      const expected = expectedFor(copiesCounts(QUERIES, copies), zeroFillOf(QUERIES), [span(0, 190)]);
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
      expect((await setup.run(["run"], at(196))).stdout).not.toContain("not published");
    }));

  it("a gap of 20 days: the part too old to publish is reported lost once (exit 1); run and state show give the same lost range and backfill command, which works", () =>
    inCloud({ now: ms(20 * DAY + 12), queries: [SMTP], schedule: "maxCatchUp: 1h" }, async (setup) => {
      setup.setNow(ms(10));
      await putEvents(setup.standIn.endpoint, logCopies([0]));
      const first = await setup.run(["run"], at(10));
      expect(first.code, first.stderr).toBe(0);
      // Before the run, state show at the run's clock: the same split as the run's.
      const before = await setup.cli(["state", "show", "--now", at(20 * DAY + 12)]);
      const later = await setup.run(["run"], at(20 * DAY + 12));
      expect(later.code).toBe(1);
      // A backfill within the coming hour reaches back to 14:15 two weeks ago (14 days less its hour in hand, an hour on).
      const oldest = "2026-12-05T14:15:00Z";
      const hole = `${oldest}–2026-12-19T11:05:00Z (3994 windows, more than schedule.maxCatchUp behind; publish it with: mail-metrics backfill --config ${setup.config} --from ${oldest} --to 2026-12-19T11:05:00Z)`;
      const lost = `2026-11-29T12:05:00Z–${oldest} (1754 windows, not published in full before they became older than the two weeks CloudWatch accepts)`;
      expect(untimed(later.stderr)).toBe(`mail-metrics: ${SMTP}: not published: ${hole}\nmail-metrics: ${SMTP}: lost: ${lost}\n`);
      for (const show of [before, await setup.cli(["state", "show", "--now", at(20 * DAY + 12)])]) {
        expect(show.stdout).toContain(`  not published: ${hole}\n`);
        expect(show.stdout).toContain(`  lost: ${lost}\n`);
      }
      // Before the run, state show also says what that run publishes.
      expect(before.stdout).toContain(
        "  not published: 2026-12-19T11:05:00Z–2026-12-19T12:05:00Z (12 windows); the next run publishes it\n",
      );

      const backfill = await setup.run(["backfill", "--from", oldest, "--to", "2026-12-19T11:05:00Z"], at(20 * DAY + 70));
      expect(backfill.code, backfill.stderr).toBe(0);
      // Reported once: the next run says nothing of it and exits 0; state show still shows it lost, not published.
      const next = await setup.run(["run"], at(20 * DAY + 70));
      expect([next.code, next.stderr]).toEqual([0, ""]);
      const show = await setup.cli(["state", "show", "--now", at(20 * DAY + 70)]);
      expect(show.stdout).toContain(
        `  published: 2026-11-29T12:00:00Z–2026-11-29T12:05:00Z\n             ${oldest}–2026-12-19T13:05:00Z\n`,
      );
      expect(show.stdout).toContain("  lost: 2026-11-29T12:05:00Z–2026-12-05T14:15:00Z (1754 windows");
      expect(show.stdout).not.toContain("  not published:");
    }));
});
