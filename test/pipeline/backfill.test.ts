// `backfill --from --to`: the windows of a past range that the state does not list as published, a
// few queries at a time; --force publishes again (doubling, as documented); ranges older than
// PutMetricData accepts are refused; an interrupted backfill resumes where it stopped.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { compileQuery } from "../../src/insights/compile.js";
import { buildOnce } from "../cli/built-cli.js";
import { isRunning } from "../fake-cloudwatch/query-lifecycle.js";
import { audit, exact } from "./audit.js";
import { cloudSetup, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, SMTP } from "./peer-model.js";
import { nextRequest } from "./request-hook.js";
import { at, copiesCounts, logCopies, ms, readStateJson, settled, span, tiling, withZeroFill, zeroFillNames, zeroFillOf } from "./scene.js";

const DAY = 24 * 60;

let setup: CloudSetup | undefined;
beforeAll(buildOnce, 120_000);
afterEach(async () => {
  await setup?.standIn.close();
  setup = undefined;
});

/** Second ranges [startTime, endTime + 1) of the StartQuery calls accepted after the first `skip`. */
const rangesAfter = (s: CloudSetup, skip: number) => s.standIn.state.queries.slice(skip).map((q) => [q.startTime, q.endTime + 1] as const);

describe("backfill", () => {
  const QUERIES = [SMTP, DELIVERY];
  const COPIES = [0, 20, 40];
  const COUNTS = copiesCounts(QUERIES, COPIES);

  async function publishedByRuns(): Promise<CloudSetup> {
    setup = await cloudSetup({ now: ms(60) });
    await putEvents(setup.standIn.endpoint, logCopies(COPIES));
    // The first run publishes its last due window [12:20, 12:25); the second catches up to 12:55.
    for (const now of [at(30), at(60)]) expect((await setup.run(["run"], now)).code).toBe(0);
    return setup;
  }

  it("over a range that overlaps published windows publishes only the missing ones", async () => {
    const s = await publishedByRuns();
    const queried = s.standIn.state.queries.length;
    const result = await s.run(["backfill", "--from", at(0), "--to", at(55)], at(60));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${SMTP}: backfilled 4 of 11 windows 2026-11-29T12:00:00Z–2026-11-29T12:55:00Z (7 already published;`);
    const expected = expectedFor(COUNTS, zeroFillOf(QUERIES), [span(0, 55)]);
    expect(audit(s.standIn, expected)).toEqual(exact(expected));
    for (const [from, to] of rangesAfter(s, queried)) {
      expect(from).toBeGreaterThanOrEqual(ms(0) / 1000);
      expect(to).toBeLessThanOrEqual(ms(20) / 1000);
    }
  });

  it("publishes nothing over published windows, and everything again with --force (doubling them, as documented)", async () => {
    const s = await publishedByRuns();
    const queried = s.standIn.state.queries.length;
    const plain = await s.run(["backfill", "--from", at(20), "--to", at(30)], at(60));
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain(`${SMTP}: backfilled 0 of 2 windows 2026-11-29T12:20:00Z–2026-11-29T12:30:00Z (2 already published; --force publishes them again)`);
    expect(s.standIn.state.queries).toHaveLength(queried);

    const forced = await s.run(["backfill", "--from", at(20), "--to", at(30), "--force"], at(60));
    expect(forced.code, forced.stderr).toBe(0);
    const twice = [...expectedFor(COUNTS, zeroFillOf(QUERIES), [span(20, 30)]).keys()];
    expect([...audit(s.standIn, expectedFor(COUNTS, zeroFillOf(QUERIES), [span(20, 55)])).duplicates].sort()).toEqual(twice.sort());
  });

  it("refuses a range older than PutMetricData accepts (14 days), before querying anything", async () => {
    setup = await cloudSetup({ now: ms(60) });
    const result = await setup.run(["backfill", "--from", at(-15 * DAY), "--to", at(-14 * DAY)], at(60));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--from ${at(-15 * DAY)} is older than CloudWatch accepts: PutMetricData takes data points up to two weeks old`);
    expect(setup.standIn.state.requestCount("StartQuery")).toBe(0);
  });
});

describe("backfill interrupted and resumed", () => {
  it("killed during its second PutMetricData call, the same command resumes it: exact totals, the saved chunk not queried again", async () => {
    const names = zeroFillNames(120);
    setup = await cloudSetup({ now: ms(125), queries: [withZeroFill(SMTP, names)] });
    await putEvents(setup.standIn.endpoint, logCopies([0, 60]));
    const args = ["backfill", "--from", at(0), "--to", at(120), "--concurrency", "2"];
    const child = setup.spawn(args, at(125));
    let puts = 0;
    const watch = (): Promise<unknown> => nextRequest(setup!.standIn, "PutMetricData", () => (++puts === 2 ? child.kill("SIGKILL") : void watch()));
    await watch();
    expect((await child.done).signal).toBe("SIGKILL");
    // Two chunks of 12 windows, 2 batches each: the first chunk's plan was in flight, the second not yet saved.
    expect(setup.standIn.state.queries).toHaveLength(2);

    const resumed = await setup.run(args, at(125));
    expect(resumed.code, resumed.stderr).toBe(0);
    const expected = expectedFor(copiesCounts([SMTP], [0, 60]), names, [span(0, 120)]);
    expect(audit(setup.standIn, expected)).toEqual(exact(expected));
    // The chunk whose plan was saved is finished, not queried again; only the other one is.
    const other = setup.standIn.state.datums[0]!.timestamp < ms(60) ? span(60, 120) : span(0, 60);
    const [queried, tiles] = tiling(rangesAfter(setup, 2), { from: other.from / 1000, to: other.to / 1000 });
    expect(queried).toEqual(tiles);
    expect(settled(readStateJson(setup.statePath))).toBe(true);
  });
});

describe("backfill concurrency", () => {
  /** A 3-day range in 288-window chunks: 3 queries, at most `--concurrency 2` running at once. */
  async function threeDays(maxConcurrentQueries?: number): Promise<{ s: CloudSetup; peak: () => number }> {
    let peak = 0;
    const state = { running: () => 0 };
    setup = await cloudSetup({
      now: ms(60),
      queries: [SMTP],
      standInOptions: {
        runningPolls: 1,
        ...(maxConcurrentQueries === undefined ? {} : { maxConcurrentQueries }),
        // Called for each StartQuery the stand-in accepts: the queries running besides it.
        compile: (text) => {
          peak = Math.max(peak, state.running() + 1);
          return compileQuery(text);
        },
      },
    });
    const s = setup;
    state.running = () => s.standIn.state.queries.filter(isRunning).length;
    await putEvents(s.standIn.endpoint, logCopies([-2 * DAY, -DAY, 0]));
    return { s, peak: () => peak };
  }

  const expected = expectedFor(copiesCounts([SMTP], [-2 * DAY, -DAY, 0]), zeroFillOf([SMTP]), [span(-3 * DAY, 0)]);

  it("runs at most --concurrency queries at once", async () => {
    const { s, peak } = await threeDays();
    const result = await s.run(["backfill", "--from", at(-3 * DAY), "--to", at(0), "--concurrency", "2"], at(60));
    expect(result.code, result.stderr).toBe(0);
    expect(audit(s.standIn, expected)).toEqual(exact(expected));
    expect(s.standIn.state.queries).toHaveLength(3);
    expect(peak()).toBe(2);
  });

  it("backs off on LimitExceededException when the account's quota is lower, and still ends exact", async () => {
    const { s, peak } = await threeDays(1);
    const result = await s.run(["backfill", "--from", at(-3 * DAY), "--to", at(0), "--concurrency", "2"], at(60));
    expect(result.code, result.stderr).toBe(0);
    expect(audit(s.standIn, expected)).toEqual(exact(expected));
    expect(s.standIn.state.requests.filter((r) => r.errorCode === "LimitExceededException").length).toBeGreaterThan(0);
    expect(peak()).toBe(1);
  });
});
