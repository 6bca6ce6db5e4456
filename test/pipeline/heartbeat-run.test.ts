// The heartbeat through the built CLI and the stand-in: published by every `run` that completes
// (also when a query failed), once, at the run's time, in the sink's namespace with Config = the
// config's name; never in the state's plans or batches of unknown fate, never read back, never in
// the ledger's totals; its own failure said on stderr without touching the exit code; none from a
// dry run or with sink.heartbeat.enabled: false.
import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { HEARTBEAT_NAMES, HEARTBEAT_METRICS } from "../../src/metrics/heartbeat-names.js";
import type { StoredDatum } from "../fake-cloudwatch/records.js";
import type { StandIn } from "../fake-cloudwatch/start-stand-in.js";
import { audit, exact, heartbeatPuts, isHeartbeat, ledgerPuts, metricNamesOf } from "./audit.js";
import { cloudSlots, NAMESPACE, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, SMTP } from "./peer-model.js";
import { at, copiesCounts, logCopies, ms, span, zeroFillOf } from "./scene.js";

const QUERIES = [SMTP, DELIVERY];
const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

function withLog(body: (s: CloudSetup) => Promise<void>): Promise<void> {
  return inCloud({ now: ms(15), schedule: `startAt: ${at(0)}` }, async (s) => {
    await putEvents(s.standIn.endpoint, logCopies([0, 30]));
    await body(s);
  });
}

/** The heartbeat of each run, oldest first: metric name → datum. */
function heartbeats(standIn: StandIn): Map<string, StoredDatum>[] {
  return heartbeatPuts(standIn).map(
    (request) => new Map(standIn.state.datums.filter((d) => d.requestSeq === request.seq).map((d) => [d.metricName, d])),
  );
}

describe.concurrent("the heartbeat of run", { timeout: 180_000 }, () => {
  it("is published once per run, at the run's time, with Config = the config's name; the ledger's audit and totals ignore it", () =>
    withLog(async (s) => {
      const first = await s.run(["run"], at(15));
      expect([first.code, first.stderr]).toEqual([0, ""]);
      const [beat] = heartbeats(s.standIn);
      expect([...beat!.keys()].sort()).toEqual([...HEARTBEAT_NAMES].sort());
      for (const datum of beat!.values()) {
        expect(datum).toMatchObject({ namespace: NAMESPACE, dimensions: { Config: "prod" }, storageResolution: 60 });
        // At the run's time (--now plus the seconds the run took).
        expect(datum.timestamp - ms(15)).toBeGreaterThanOrEqual(0);
        expect(datum.timestamp - ms(15)).toBeLessThan(60_000);
      }
      // Newest window 12:05–12:10 for both queries: its end is about 5 minutes behind the run.
      expect(beat!.get(HEARTBEAT_METRICS.windowAge)!.value! - 300).toBeGreaterThanOrEqual(0);
      expect(beat!.get(HEARTBEAT_METRICS.windowAge)!.unit).toBe("Seconds");
      expect(beat!.get(HEARTBEAT_METRICS.unknownFate)!.value).toBe(0);
      const scanned = s.standIn.state.queries.reduce((sum, q) => sum + q.statistics.bytesScanned, 0);
      expect(scanned).toBeGreaterThan(0);
      expect(beat!.get(HEARTBEAT_METRICS.bytesScanned)).toMatchObject({ value: scanned, unit: "Bytes" });
      expect(beat!.get(HEARTBEAT_METRICS.stuckLockAge)!.value).toBe(0);

      const expected = expectedFor(copiesCounts(QUERIES, [0]), zeroFillOf(QUERIES), [span(0, 10)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
      expect((await s.run(["run"], at(15))).code).toBe(0);
      expect(heartbeats(s.standIn)).toHaveLength(2);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
    }));

  it("also when a query fails: its window age then grows while the other query publishes", () =>
    withLog(async (s) => {
      expect((await s.run(["run"], at(15))).code).toBe(0);
      s.standIn.faults.next("StartQuery", { kind: "query", end: "Failed" });
      const failed = await s.run(["run"], at(45));
      expect(failed.code).toBe(1);
      const ages = heartbeats(s.standIn).map((beat) => beat.get(HEARTBEAT_METRICS.windowAge)!.value!);
      // The failed query's newest window still ends at 12:10: 35 minutes behind a run at 12:45.
      expect(ages[1]! - 35 * 60).toBeGreaterThanOrEqual(0);
      expect(ages[1]! - 35 * 60).toBeLessThan(60);
    }));

  it("is never in a batch of unknown fate, so never read back, and counts the pending datums", () =>
    withLog(async (s) => {
      // Both queries' first batches answered 5xx: their fate is unknown. The heartbeat after them is not.
      s.standIn.faults.next("PutMetricData", { kind: "server-error" }, { times: 2 });
      const first = await s.run(["run"], at(15));
      expect(first.code).toBe(1);
      const pending = JSON.parse(readFileSync(s.statePath, "utf8")) as {
        series: Record<string, { uncertain: { datums: { name: string }[] }[] }>;
      };
      const uncertain = Object.values(pending.series).flatMap((series) => series.uncertain.flatMap((batch) => batch.datums));
      expect(uncertain.length).toBeGreaterThan(0);
      expect(uncertain.filter((datum) => HEARTBEAT_NAMES.includes(datum.name))).toEqual([]);
      expect(heartbeats(s.standIn)[0]!.get(HEARTBEAT_METRICS.unknownFate)!.value).toBe(uncertain.length);

      const settled = await s.run(["run"], at(31));
      expect(settled.code, settled.stderr).toBe(0);
      expect(heartbeats(s.standIn)[1]!.get(HEARTBEAT_METRICS.unknownFate)!.value).toBe(0);
      // Read-back asked only for query datums; the ledger holds each once.
      expect(s.standIn.state.requestCount("GetMetricData")).toBeGreaterThan(0);
      const expected = expectedFor(copiesCounts(QUERIES, [0, 30]), zeroFillOf(QUERIES), [span(0, 25)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
      expect(ledgerPuts(s.standIn).every((request) => !metricNamesOf(request).some((name) => HEARTBEAT_NAMES.includes(name)))).toBe(true);
    }));

  it("a heartbeat PutMetricData refused: said on stderr, the exit code stays that of the data", () =>
    withLog(async (s) => {
      // The two queries' batches pass; the third call, the heartbeat, is denied.
      s.standIn.faults.next("PutMetricData", { kind: "delay", ms: 0 }, { times: 2 }).next("PutMetricData", { kind: "access-denied" });
      const result = await s.run(["run"], at(15));
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /^\S+ mail-metrics: heartbeat not published \(the exit code does not count it; the next run sends the next one\): PutMetricData failed \(heartbeat to Mail\/Postfix\): AccessDenied/,
      );
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(s.standIn.state.datums.filter(isHeartbeat)).toEqual([]);
    }));

  it("none from a dry run, nor with sink.heartbeat.enabled: false", () =>
    withLog(async (s) => {
      expect((await s.run(["run", "--dry-run"], at(15))).code).toBe(0);
      expect(s.standIn.state.requestCount("PutMetricData")).toBe(0);
      writeFileSync(
        s.config,
        readFileSync(s.config, "utf8").replace(`namespace: ${NAMESPACE}`, `namespace: ${NAMESPACE}\n  heartbeat: { enabled: false }`),
      );
      expect((await s.run(["run"], at(15))).code).toBe(0);
      expect(s.standIn.state.datums.filter(isHeartbeat)).toEqual([]);
      expect(ledgerPuts(s.standIn).length).toBeGreaterThan(0);
    }));
});
