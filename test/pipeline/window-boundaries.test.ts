// Windows are half-open [start, end) to the millisecond. StartQuery's end is inclusive at its
// millisecond (aws/aws-sdk#280), not at its whole second, so a run must ask for a range reaching the
// window's end and cut with its own toMillis filter; under a whole-second or outward-rounding reading
// the same code must count the same. Every test runs under each reading the stand-in plays
// (test/fake-cloudwatch/FIDELITY.md), against the peer's counts of the real log.
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { RANGE_READINGS } from "../fake-cloudwatch/query-range.js";
import { audit, exact } from "./audit.js";
import { cloudSlots, putEvents, type LogEventInput } from "./cloud-fixture.js";
import { collapsedCounts, DELIVERY, expectedFor, iso, logAt, MAILLOG, PERIOD, SMTP, sumOf, type Expected } from "./peer-model.js";
import { zeroFillOf } from "./scene.js";

const QUERIES = [SMTP, DELIVERY];
const W0 = Date.parse("2026-11-29T12:00:00Z");
/** Start of window k (12:00, 12:05, ...). */
const W = (k: number) => W0 + k * PERIOD;
const LAG = 5 * 60_000;
/** .000, .001, .500 and .999 of a window's last second, and its end, which is the next window's start. */
const EDGE = [-1000, -999, -500, -1, 0];

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

/** The whole real log at each instant; the peer's counts put every copy in the window its instant falls in. */
function copiesAt(instants: readonly number[]): { events: LogEventInput[]; truth: Expected } {
  return {
    events: instants.flatMap(logAt),
    truth: sumOf(...instants.map((t) => collapsedCounts(QUERIES, Math.floor(t / PERIOD) * PERIOD))),
  };
}

/** Copies at the five edge instants of the ends of windows 0, 1 and 2: window 3 holds only the last end. */
const edges = () => copiesAt([1, 2, 3].flatMap((k) => EDGE.map((offset) => W(k) + offset)));

describe.concurrent.each(RANGE_READINGS)("window edges, StartQuery's range read %s", { timeout: 180_000 }, (rangeReading) => {
  it("four cron runs count each event at .000, .001, .500, .999 of a last second and on a boundary in its own window", () =>
    inCloud({ now: W(5), schedule: `startAt: ${iso(W0)}`, standInOptions: { rangeReading } }, async (setup) => {
      const { events, truth } = edges();
      await putEvents(setup.standIn.endpoint, events);
      for (let k = 1; k <= 4; k++) {
        const result = await setup.run(["run"], iso(W(k) + LAG));
        expect(result.code, result.stderr).toBe(0);
        const expected = expectedFor(truth, zeroFillOf(QUERIES), [{ from: W0, to: W(k) }]);
        expect(audit(setup.standIn, expected)).toEqual(exact(expected));
      }
      // Each run asked for its window's start to its end, in seconds: [12:00:00, 12:05:00], then [12:05:00, 12:10:00], ...
      const ranges = setup.standIn.state.queries.map((q) => [q.startTime, q.endTime]);
      expect(ranges).toEqual([1, 1, 2, 2, 3, 3, 4, 4].map((k) => [W(k - 1) / 1000, W(k) / 1000]));
    }));

  it("a backfill in one-window chunks counts the same edge events as the cron runs", () =>
    inCloud({ now: W(5), standInOptions: { rangeReading } }, async (setup) => {
      const { events, truth } = edges();
      await putEvents(setup.standIn.endpoint, events);
      const result = await setup.run(["backfill", "--from", iso(W0), "--to", iso(W(4)), "--concurrency", "4"], iso(W(5)));
      expect(result.code, result.stderr).toBe(0);
      const expected = expectedFor(truth, zeroFillOf(QUERIES), [{ from: W0, to: W(4) }]);
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
      expect(setup.standIn.state.queries).toHaveLength(8);
    }));

  it("cron runs over a log with millisecond stamps, the last counted lines in a window's last second, equal the peer's counts", () =>
    inCloud({ now: W(6), schedule: `startAt: ${iso(W0)}`, standInOptions: { rangeReading } }, async (setup) => {
      const { events, truth } = jitteredCopies(4);
      await putEvents(setup.standIn.endpoint, events);
      for (let k = 1; k <= 5; k++) expect((await setup.run(["run"], iso(W(k) + LAG))).code).toBe(0);
      const expected = expectedFor(truth, zeroFillOf(QUERIES), [{ from: W0, to: W(5) }]);
      expect(audit(setup.standIn, expected)).toEqual(exact(expected));
    }));
});

/**
 * One copy of the real log per window, shifted so that its last delivery line's second is the
 * window's last second, each line moved a seeded 0-999 ms within its second as an agent's read-time
 * stamps are. The two lines after it (postfix-script stopping) fall in the next window and count in
 * neither query, so every counted line of a copy is in its window.
 */
function jitteredCopies(windows: number): { events: LogEventInput[]; truth: Expected } {
  const lastCounted = Math.max(...MAILLOG.filter((event) => / status=/.test(event.message)).map((event) => event.timestamp));
  const after = MAILLOG.filter((event) => event.timestamp > lastCounted);
  expect(after.map((event) => event.message.replace(/^.*\]: /, ""))).toEqual([
    "stopping the Postfix mail system",
    "waiting for the Postfix mail system to terminate",
  ]);
  let seed = 7;
  const jitter = () => (seed = (seed * 48_271) % 2_147_483_647) % 1000;
  const events: LogEventInput[] = [];
  const truth: Expected[] = [];
  for (let k = 0; k < windows; k++) {
    const shift = W(k + 1) - 1000 - lastCounted;
    events.push(...MAILLOG.map((event) => ({ ...event, timestamp: event.timestamp + shift + jitter() })));
    truth.push(collapsedCounts(QUERIES, W(k)));
  }
  return { events, truth: sumOf(...truth) };
}
