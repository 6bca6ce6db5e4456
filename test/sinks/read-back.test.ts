// Read-back against the CloudWatch stand-in with the real SDK client: it must find exactly the data
// points that landed, at the granularity CloudWatch keeps them.
import { PutMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { wireDatum } from "../../src/sinks/cloudwatch/batches.js";
import type { Datum } from "../../src/metrics/datum.js";
import { readBack, readBackPeriod } from "../../src/sinks/cloudwatch/read-back.js";
import { cloudWatchSink } from "../../src/sinks/cloudwatch/sink.js";
import { metricsClient } from "../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const at = (iso: string) => Date.parse(iso);
const datum = (name: string, iso: string, dimensions: Record<string, string> = { Relay: "mx-1" }): Datum => ({
  name,
  timestamp: at(iso),
  value: 3,
  unit: "Count",
  dimensions,
});

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn({ now: () => NOW });
});
afterAll(async () => standIn.close());

describe(readBackPeriod.name, () => {
  const offMinute = (ago: number) => [datum("x", new Date(NOW - ago + 30_000).toISOString())];
  it("reads high-resolution points off the minute per second only while CloudWatch keeps them so (3 hours)", () => {
    expect(readBackPeriod(1, offMinute(3_600_000), NOW)).toBe(1);
    expect(readBackPeriod(1, offMinute(4 * 3_600_000), NOW)).toBe(60);
  });

  it("reads points on whole minutes, and standard resolution, per minute", () => {
    expect(readBackPeriod(1, [datum("x", "2026-11-28T11:55:00Z")], NOW)).toBe(60);
    expect(readBackPeriod(60, offMinute(60_000), NOW)).toBe(60);
  });
});

describe(readBack.name, () => {
  it("finds the points that landed and only those, per metric and dimensions", async () => {
    const client = metricsClient(standIn.endpoint);
    const sink = cloudWatchSink({ writer: client, reader: client, namespace: "RB/Standard", storageResolution: 60, now: () => NOW });
    const landed = [datum("550-5_7_26", "2026-11-28T11:00:00Z"), datum("550-5_7_26", "2026-11-28T11:05:00Z")];
    await sink.publish(landed);
    const asked = [
      ...landed,
      datum("550-5_7_26", "2026-11-28T11:10:00Z"), // never sent
      datum("550-5_7_26", "2026-11-28T11:00:00Z", { Relay: "mx-2" }), // other dimensions
      datum("452-4_2_2", "2026-11-28T11:00:00Z"), // other metric
    ];
    expect(await sink.readBack!(asked)).toEqual([true, true, false, false, false]);
    client.destroy();
  });

  it("tells sub-minute high-resolution points apart while they are recent", async () => {
    const client = metricsClient(standIn.endpoint);
    const sink = cloudWatchSink({ writer: client, reader: client, namespace: "RB/High", storageResolution: 1, now: () => NOW });
    await sink.publish([datum("250-2_0_0", "2026-11-28T11:50:30Z")]);
    expect(await sink.readBack!([datum("250-2_0_0", "2026-11-28T11:50:30Z"), datum("250-2_0_0", "2026-11-28T11:50:00Z")])).toEqual([true, false]);
    client.destroy();
  });
});

// GetMetricData returns nothing at a period under 60 s when StartTime is more than 3 hours ago
// (MetricStat reference, Period); the stand-in does not model that rule, so the period asked for
// is observed on the way out.
const OBSERVED_NOW = Date.parse("2026-11-29T18:00:00Z");
const NAMESPACE = "Mail/Postfix";
let observedStandIn: StandIn;
let client: CloudWatchClient;

const zeroDatum = (name: string, time: string): Datum => ({ name, timestamp: Date.parse(time), value: 0, unit: "Count", dimensions: {} });

/** Publishes `sent`, then reads back `asked`; returns what was found and the periods GetMetricData was asked for. */
async function readBackOf(sent: readonly Datum[], asked: readonly Datum[], storageResolution: 1 | 60) {
  observedStandIn = await startStandIn({ now: () => OBSERVED_NOW });
  client = metricsClient(observedStandIn.endpoint);
  const periods: number[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { MetricDataQueries?: { MetricStat?: { Period?: number } }[] };
      for (const query of input.MetricDataQueries ?? []) periods.push(query.MetricStat?.Period ?? Number.NaN);
      return next(args);
    },
    { step: "initialize", name: "observePeriods" },
  );
  await client.send(new PutMetricDataCommand({ Namespace: NAMESPACE, MetricData: sent.map((d) => wireDatum(d, storageResolution)) }));
  return { found: await readBack(client, NAMESPACE, storageResolution, asked, OBSERVED_NOW), periods: [...new Set(periods)] };
}

describe("the GetMetricData period read-back asks for", () => {
  afterEach(async () => {
    client.destroy();
    await observedStandIn.close();
  });

  it("reads back high-resolution datums on whole minutes hours old at a 60 s period, and finds exactly those sent", async () => {
    const sent = zeroDatum("550-5_7_26", "2026-11-29T12:05:00Z");
    const notSent = zeroDatum("550-5_7_26", "2026-11-29T12:10:00Z");
    expect(await readBackOf([sent], [sent, notSent], 1)).toEqual({ found: [true, false], periods: [60] });
  });

  it("reads back standard-resolution datums at 60 s", async () => {
    const sent = zeroDatum("550-5_7_26", "2026-11-29T17:40:00Z");
    expect(await readBackOf([sent], [sent, zeroDatum("451-4_3_0", "2026-11-29T17:40:00Z")], 60)).toEqual({ found: [true, false], periods: [60] });
  });

  it("reads back sub-minute high-resolution datums at 1 s (CloudWatch keeps those for 3 hours)", async () => {
    const sent = zeroDatum("550-5_7_26", "2026-11-29T17:40:30Z");
    const notSent = zeroDatum("550-5_7_26", "2026-11-29T17:40:00Z");
    expect(await readBackOf([sent], [sent, notSent], 1)).toEqual({ found: [true, false], periods: [1] });
  });
});
