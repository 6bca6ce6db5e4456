// `backfill --from --to`: the windows of a past range that the state does not list as published, a
// few queries at a time; --force publishes again (doubling, as documented); ranges older than
// PutMetricData accepts are refused; an interrupted backfill resumes where it stopped.
import { beforeAll, describe, expect, it } from "vitest";
import { compileQuery } from "../../src/insights/compile.js";
import { buildOnce } from "../cli/built-cli.js";
import { isRunning } from "../fake-cloudwatch/query-lifecycle.js";
import { audit, exact } from "./audit.js";
import { cloudSlots, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, SMTP } from "./peer-model.js";
import { nextRequest } from "./request-hook.js";
import { at, copiesCounts, logCopies, ms, readStateJson, settled, span, tiling, withZeroFill, zeroFillNames, zeroFillOf } from "./scene.js";
import { untimed } from "./log-lines.js";

const DAY = 24 * 60;
const QUERIES = [SMTP, DELIVERY];

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

/** The [startTime, endTime] ranges (a window range's start and end, in seconds) of the StartQuery calls accepted after the first `skip`. */
const rangesAfter = (s: CloudSetup, skip: number) => s.standIn.state.queries.slice(skip).map((q) => [q.startTime, q.endTime] as const);

describe.concurrent("backfill", { timeout: 180_000 }, () => {
  it("publishes only the windows the state misses; over published ones nothing, unless --force (doubling them, as documented)", () =>
    inCloud({ now: ms(60) }, async (s) => {
      const copies = [0, 20, 40];
      const counts = copiesCounts(QUERIES, copies);
      await putEvents(s.standIn.endpoint, logCopies(copies));
      // The first run publishes its last due window [12:20, 12:25); the second catches up to 12:55.
      for (const now of [at(30), at(60)]) expect((await s.run(["run"], now)).code).toBe(0);

      let queried = s.standIn.state.queries.length;
      const missing = await s.run(["backfill", "--from", at(0), "--to", at(55)], at(60));
      expect(missing.code, missing.stderr).toBe(0);
      expect(missing.stdout).toContain(
        `${SMTP}: backfilled 4 of 11 windows 2026-11-29T12:00:00Z–2026-11-29T12:55:00Z (7 already published;`,
      );
      const expected = expectedFor(counts, zeroFillOf(QUERIES), [span(0, 55)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
      for (const [from, to] of rangesAfter(s, queried)) expect([from >= ms(0) / 1000, to <= ms(20) / 1000]).toEqual([true, true]);

      queried = s.standIn.state.queries.length;
      const nothing = await s.run(["backfill", "--from", at(20), "--to", at(30)], at(60));
      expect(nothing.code, nothing.stderr).toBe(0);
      expect(nothing.stdout).toContain(
        `${SMTP}: backfilled 0 of 2 windows 2026-11-29T12:20:00Z–2026-11-29T12:30:00Z (2 already published; --force publishes them again)`,
      );
      expect(s.standIn.state.queries).toHaveLength(queried);

      const forced = await s.run(["backfill", "--from", at(20), "--to", at(30), "--force"], at(60));
      expect(forced.code, forced.stderr).toBe(0);
      const twice = [...expectedFor(counts, zeroFillOf(QUERIES), [span(20, 30)]).keys()].sort();
      expect([...audit(s.standIn, expected).duplicates].sort()).toEqual(twice);
    }));

  it("a backfill ahead of the cron frontier leaves a hole that the next run fills (within maxCatchUp), exact totals", () =>
    inCloud({ now: ms(240) }, async (s) => {
      const copies = [0, 60, 120, 180];
      await putEvents(s.standIn.endpoint, logCopies(copies));
      expect((await s.run(["run"], at(15))).code).toBe(0); // publishes [12:05, 12:10); then cron stops
      const ahead = await s.run(["backfill", "--from", at(120), "--to", at(180)], at(240));
      expect(ahead.code, ahead.stderr).toBe(0);
      const later = await s.run(["run"], at(240));
      expect(later.code, later.stderr).toBe(0);
      expect(later.stdout).toContain(`${SMTP}: published 11 windows 2026-11-29T15:00:00Z–2026-11-29T15:55:00Z`);
      expect(later.stdout).toContain(
        "also published 2026-11-29T12:10:00Z–2026-11-29T14:00:00Z, owed since an earlier run or backfill that did not finish",
      );
      const expected = expectedFor(copiesCounts(QUERIES, copies), zeroFillOf(QUERIES), [span(5, 235)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
    }));

  it("refuses a range older than PutMetricData accepts (14 days), before querying anything", () =>
    inCloud({ now: ms(60) }, async (s) => {
      const result = await s.run(["backfill", "--from", at(-15 * DAY), "--to", at(-14 * DAY)], at(60));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `--from ${at(-15 * DAY)} is older than CloudWatch accepts: PutMetricData takes data points up to two weeks old`,
      );
      expect(s.standIn.state.requestCount("StartQuery")).toBe(0);
    }));

  it("killed during its second PutMetricData call, the same command resumes it: exact totals, the saved chunk not queried again", () => {
    const names = zeroFillNames(120);
    return inCloud({ now: ms(125), queries: [withZeroFill(SMTP, names)] }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0, 60]));
      const args = ["backfill", "--from", at(0), "--to", at(120), "--concurrency", "2"];
      const child = s.spawn(args, at(125));
      let puts = 0;
      const watch = (): Promise<unknown> =>
        nextRequest(s.standIn, "PutMetricData", () => (++puts === 2 ? child.kill("SIGKILL") : void watch()));
      await watch();
      expect((await child.done).signal).toBe("SIGKILL");
      // Two chunks of 12 windows, 2 batches each: one chunk's plan was in flight, the other not saved yet.
      expect(s.standIn.state.queries).toHaveLength(2);

      const resumed = await s.run(args, at(125));
      expect(resumed.code, resumed.stderr).toBe(0);
      const expected = expectedFor(copiesCounts([SMTP], [0, 60]), names, [span(0, 120)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
      // The chunk whose plan was saved is finished, not queried again; only the other one is.
      const other = s.standIn.state.datums[0]!.timestamp < ms(60) ? span(60, 120) : span(0, 60);
      const [queried, tiles] = tiling(rangesAfter(s, 2), { from: other.from / 1000, to: other.to / 1000 });
      expect(queried).toEqual(tiles);
      expect(settled(readStateJson(s.statePath))).toBe(true);
    });
  });

  it("stopped by SIGTERM while querying: its query is stopped, the summary says what was done, the same command completes it", () =>
    inCloud({ now: ms(125), queries: [SMTP] }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0]));
      s.standIn.faults.next("StartQuery", { kind: "query", runningPolls: 3 });
      const args = ["backfill", "--from", at(0), "--to", at(120), "--concurrency", "1"];
      const child = s.spawn(args, at(125));
      await nextRequest(s.standIn, "GetQueryResults", () => child.kill("SIGTERM"));
      const stopped = await child.done;
      expect(stopped.code).toBe(1);
      expect(untimed(stopped.stdout)).toBe(
        `${SMTP}: backfilled 0 of 24 windows 2026-11-29T12:00:00Z–2026-11-29T14:00:00Z: 0 datums in 0 batches; 0 queries, 0 B scanned (~$0); interrupted before the end; the next run resumes\n`,
      );
      expect(stopped.stderr).toContain("mail-metrics: stopped by SIGTERM; the state is saved and the same backfill command resumes it\n");
      expect(s.standIn.state.queries[0]!.stopped).toBe(true);

      const resumed = await s.run(args, at(125));
      expect(resumed.code, resumed.stderr).toBe(0);
      const expected = expectedFor(copiesCounts([SMTP], [0]), zeroFillOf([SMTP]), [span(0, 120)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
    }));

  interface Bounds {
    /** --concurrency, if given. */
    readonly flag?: number;
    /** schedule.concurrency in the config, if set. */
    readonly config?: number;
    /** The account's Logs Insights quota at the stand-in. */
    readonly maxConcurrentQueries?: number;
  }

  /**
   * A 3-day range in 288-window chunks: 3 queries for a concurrency of 1 to 3 (4, the default, would
   * cut 4 chunks); `peak` counts queries running at once at the stand-in.
   */
  function threeDays(bounds: Bounds, body: (s: CloudSetup, peak: () => number) => Promise<void>): Promise<void> {
    let peak = 0;
    let running = () => 0;
    const standInOptions = {
      runningPolls: 1,
      ...(bounds.maxConcurrentQueries === undefined ? {} : { maxConcurrentQueries: bounds.maxConcurrentQueries }),
      // Called for each StartQuery the stand-in accepts: the queries running besides it, plus it.
      compile: (text: string) => {
        peak = Math.max(peak, running() + 1);
        return compileQuery(text);
      },
    };
    const schedule = bounds.config === undefined ? {} : { schedule: `concurrency: ${bounds.config}` };
    return inCloud({ now: ms(60), queries: [SMTP], standInOptions, ...schedule }, async (s) => {
      running = () => s.standIn.state.queries.filter(isRunning).length;
      await putEvents(s.standIn.endpoint, logCopies([-2 * DAY, -DAY, 0]));
      const flag = bounds.flag === undefined ? [] : ["--concurrency", String(bounds.flag)];
      const result = await s.run(["backfill", "--from", at(-3 * DAY), "--to", at(0), ...flag], at(60));
      expect(result.code, result.stderr).toBe(0);
      const expected = expectedFor(copiesCounts([SMTP], [-2 * DAY, -DAY, 0]), zeroFillOf([SMTP]), [span(-3 * DAY, 0)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
      await body(s, () => peak);
    });
  }

  it("runs at most --concurrency queries at once", () =>
    threeDays({ flag: 2 }, async (s, peak) => {
      expect(s.standIn.state.queries).toHaveLength(3);
      expect(peak()).toBe(2);
    }));

  it("without --concurrency, runs at most schedule.concurrency queries at once", () =>
    threeDays({ config: 2 }, async (s, peak) => {
      expect(s.standIn.state.queries).toHaveLength(3);
      expect(peak()).toBe(2);
    }));

  it("--concurrency overrides schedule.concurrency", () =>
    threeDays({ config: 1, flag: 3 }, async (s, peak) => {
      expect(s.standIn.state.queries).toHaveLength(3);
      expect(peak()).toBe(3);
    }));

  it("backs off on LimitExceededException when the account's quota is lower, and still ends exact", () =>
    threeDays({ flag: 2, maxConcurrentQueries: 1 }, async (s, peak) => {
      expect(s.standIn.state.requests.filter((r) => r.errorCode === "LimitExceededException").length).toBeGreaterThan(0);
      expect(peak()).toBe(1);
    }));
});
