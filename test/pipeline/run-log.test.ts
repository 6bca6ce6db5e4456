// The log of run as cron keeps it (stdout >> a file; stderr mailed), through the built CLI: every
// line starts with its time; a failed run leaves its outcome in the log, not only in the mail;
// --log-format json, --quiet and --verbose; a lock overlap is one line and exit 0, a lock held past
// state.stuckAfter an error that the heartbeat shows.
import { mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { HEARTBEAT_METRICS } from "../../src/metrics/heartbeat-names.js";
import { heartbeatPuts } from "./audit.js";
import { cloudSlots, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { DELIVERY, SMTP } from "./peer-model.js";
import { at, logCopies, ms } from "./scene.js";
import { untimed } from "./log-lines.js";

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);
const NOW = at(15);

function withLog(body: (s: CloudSetup) => Promise<void>): Promise<void> {
  return inCloud({ now: ms(15), schedule: `startAt: ${at(0)}` }, async (s) => {
    await putEvents(s.standIn.endpoint, logCopies([0]));
    await body(s);
  });
}

/** The times the lines start with, as epoch ms. */
const times = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => Date.parse(line.slice(0, line.indexOf(" "))));

describe.concurrent("the log of run", { timeout: 180_000 }, () => {
  it("every line starts with the run's time (with --now, that time and on)", () =>
    withLog(async (s) => {
      const result = await s.run(["run"], NOW);
      expect(result.code, result.stderr).toBe(0);
      expect(untimed(result.stdout)).toMatch(new RegExp(`^${SMTP}: published 2 windows .*\\n${DELIVERY}: published 2 windows .*\\n$`));
      for (const time of times(result.stdout)) expect(time - ms(15)).toBeGreaterThanOrEqual(0);
      for (const time of times(result.stdout)) expect(time - ms(15)).toBeLessThan(60_000);
    }));

  it("a run whose PutMetricData calls fail writes its outcome to stdout (the cron log) as well as its error to stderr", () =>
    withLog(async (s) => {
      s.standIn.faults.next("PutMetricData", { kind: "server-error" }, { times: 2 });
      const result = await s.run(["run"], NOW);
      expect(result.code).toBe(1);
      const log = untimed(result.stdout).trimEnd().split("\n");
      expect(log).toHaveLength(2);
      for (const query of [SMTP, DELIVERY]) {
        expect(log).toContainEqual(
          expect.stringMatching(
            new RegExp(`^${query}: failed: ${query}, windows .*: batch 1 of 1 .*InternalServiceFault.*fate is unknown`),
          ),
        );
        expect(untimed(result.stderr)).toMatch(new RegExp(`^mail-metrics: ${query}, windows .*InternalServiceFault`, "m"));
      }
    }));

  it("a run that fails before it starts (a damaged state) leaves its outcome in the log too", () =>
    withLog(async (s) => {
      mkdirSync(dirname(s.statePath), { recursive: true });
      writeFileSync(s.statePath, "{");
      const result = await s.run(["run"], NOW);
      expect(result.code).toBe(1);
      expect(untimed(result.stdout)).toMatch(/^mail-metrics: failed \(exit 1\): .*state\.json/);
      expect(untimed(result.stderr)).toMatch(/^mail-metrics: .*state\.json/);
    }));

  it("--log-format json: one object per line, with time, level, query, message and the figures", () =>
    withLog(async (s) => {
      const result = await s.run(["run", "--log-format", "json"], NOW);
      expect(result.code, result.stderr).toBe(0);
      const events = result.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(events.map((event) => event.query)).toEqual([SMTP, DELIVERY]);
      for (const event of events) {
        expect(event).toMatchObject({
          level: "info",
          windows: 2,
          from: "2026-11-29T12:00:00Z",
          to: "2026-11-29T12:10:00Z",
          queries: 1,
          pending: 0,
        });
        expect(Date.parse(event.time as string) - ms(15)).toBeLessThan(60_000);
        expect(event.datums).toBeGreaterThan(0);
        expect(event.bytesScanned).toBeGreaterThan(0);
        expect(event.message).toMatch(/: published 2 windows /);
      }
    }));

  it("--quiet: nothing on a good run; --verbose: each call, StartQuery ids and batches sent", () =>
    withLog(async (s) => {
      const quiet = await s.run(["run", "--quiet"], NOW);
      expect(quiet).toEqual({ code: 0, stdout: "", stderr: "" });
      const verbose = await s.run(["run", "--verbose"], at(25));
      expect(verbose.code, verbose.stderr).toBe(0);
      expect(verbose.stderr).toBe("");
      const debug = untimed(verbose.stdout);
      for (const query of s.standIn.state.queries.slice(2)) expect(debug).toContain(`query id ${query.queryId}`);
      expect(debug).toMatch(
        new RegExp(
          `^mail-metrics: debug: ${SMTP}, 2026-11-29T12:10:00Z–2026-11-29T12:20:00Z: StartQuery over /mail/postfix \\[\\d+, \\d+\\] s: query id `,
          "m",
        ),
      );
      expect(debug).toMatch(/^mail-metrics: debug: .*: query \S+ Complete after 1 poll$/m);
      expect(debug).toMatch(new RegExp(`^mail-metrics: debug: ${SMTP}: batch 1 of 1 of windows .*: sending \\d+ datums$`, "m"));
      expect(debug).toMatch(/^mail-metrics: debug: heartbeat published: /m);
      expect(debug).toMatch(new RegExp(`^${SMTP}: published 2 windows`, "m"));
    }));
});

describe.concurrent("the lock", { timeout: 180_000 }, () => {
  /** A lock held by this (live) test process since `ago` ms before the real now. */
  function heldSince(s: CloudSetup, ago: number): void {
    mkdirSync(dirname(s.statePath), { recursive: true });
    writeFileSync(
      `${s.statePath}.lock`,
      JSON.stringify({ pid: process.pid, host: hostname(), startTicks: null, since: new Date(Date.now() - ago).toISOString() }),
    );
  }

  it("held by a run for less than state.stuckAfter: one line in the log, exit 0, no heartbeat", () =>
    withLog(async (s) => {
      heldSince(s, 5 * 60_000);
      const result = await s.run(["run"], NOW);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(untimed(result.stdout)).toMatch(
        /^mail-metrics: another run holds the lock on \S+ \(pid \d+ on \S+ since \S+\); nothing to do\n$/,
      );
      expect(heartbeatPuts(s.standIn)).toHaveLength(0);
    }));

  it("held longer than state.stuckAfter (1h): an error with what to do, exit 1, the outcome in the log, and the heartbeat shows it", () =>
    withLog(async (s) => {
      expect((await s.run(["run"], NOW)).code).toBe(0);
      heldSince(s, 2 * 3_600_000 + 60_000);
      const result = await s.run(["run"], at(45));
      expect(result.code).toBe(1);
      expect(untimed(result.stderr)).toMatch(
        /^mail-metrics: another run has held the lock on \S+ for 2h01m \(pid (\d+) on \S+ since \S+\), longer than state\.stuckAfter \(1h\): it may be stuck\. This run did nothing\. If that process hangs \(ps -p \1;.*kill \1\)/,
      );
      expect(untimed(result.stdout)).toMatch(/^mail-metrics: failed \(exit 1\): another run has held the lock/);
      const beat = s.standIn.state.datums.filter((d) => d.requestSeq === heartbeatPuts(s.standIn).at(-1)!.seq);
      const value = (name: string) => beat.find((d) => d.metricName === name)?.value;
      expect(value(HEARTBEAT_METRICS.stuckLockAge)! - 7260).toBeGreaterThanOrEqual(0);
      expect(value(HEARTBEAT_METRICS.stuckLockAge)! - 7260).toBeLessThan(60);
      // Nothing published since the first run's 12:10: the window age grows.
      expect(value(HEARTBEAT_METRICS.windowAge)! - 35 * 60).toBeGreaterThanOrEqual(0);
      expect(value(HEARTBEAT_METRICS.bytesScanned)).toBe(0);
    }));

  it("--stuck-after overrides state.stuckAfter", () =>
    withLog(async (s) => {
      heldSince(s, 5 * 60_000);
      const result = await s.run(["run", "--stuck-after", "1m"], NOW);
      expect(result.code).toBe(1);
      expect(untimed(result.stderr)).toMatch(/held the lock on \S+ for 5m(\d\ds)? .*longer than --stuck-after 1m: it may be stuck/);
    }));
});
