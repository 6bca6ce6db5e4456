// Read-back against the CloudWatch stand-in with the real SDK client: it must find exactly the data
// points that landed, at the granularity CloudWatch keeps them.
import { PutMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { wireDatum } from "../../../src/sinks/cloudwatch/batches.js";
import { MAX_DATUM_AGE_MS, type Datum } from "../../../src/metrics/datum.js";
import { readBack, readBackPeriod, subMinute } from "../../../src/sinks/cloudwatch/read-back.js";
import { cloudWatchSink } from "../../../src/sinks/cloudwatch/sink.js";
import { metricsClient } from "../../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../../fake-cloudwatch/start-stand-in.js";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
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
  const onMinute = (ago: number) => datum("x", new Date(NOW - ago).toISOString());
  it("reads points of a series binned finer than a minute per second only while CloudWatch keeps them so (3 hours)", () => {
    expect(readBackPeriod(onMinute(HOUR), NOW, true)).toBe(1);
    expect(readBackPeriod(onMinute(4 * HOUR), NOW, true)).toBe(60);
    expect(readBackPeriod(onMinute(HOUR), NOW, false)).toBe(60);
  });

  it("reads points per 5 minutes from about 15 days back and per hour from about 63 days, as GetMetricData demands", () => {
    expect([14, 14.9, 15, 62.9, 63, 100].map((days) => readBackPeriod(onMinute(days * DAY), NOW, false))).toEqual([
      60, 60, 300, 300, 3600, 3600,
    ]);
  });

  it("keeps each period short of CloudWatch's limit by its margin: 1 s under 2 h 50 min, 60 s under 15 days less an hour, 300 s under 63 days less an hour", () => {
    const ages = [3 * HOUR - 600_000, 15 * DAY - HOUR, 63 * DAY - HOUR];
    expect(ages.map((age) => [readBackPeriod(onMinute(age - 1), NOW, true), readBackPeriod(onMinute(age), NOW, true)])).toEqual([
      [1, 60],
      [60, 300],
      [300, 3600],
    ]);
  });

  it("reads a point per 5 minutes or more only when it is older than PutMetricData accepts, so it is never re-sent on that reading", () => {
    for (let age = 0; age < 70 * DAY; age += 10 * 60_000) {
      if (readBackPeriod(onMinute(age), NOW, true) > 60) expect(age).toBeGreaterThan(MAX_DATUM_AGE_MS);
    }
  });
});

describe(subMinute.name, () => {
  const points = (...isos: string[]) => isos.map((iso) => datum("x", iso));
  it("is true for high-resolution series whose bins are not whole minutes, judged by the points when the bins are unknown", () => {
    expect(subMinute(1, points("2026-11-28T11:55:00Z"), 30_000)).toBe(true);
    expect(subMinute(1, points("2026-11-28T11:55:00Z"), 60_000)).toBe(false);
    expect(subMinute(1, points("2026-11-28T11:55:00Z", "2026-11-28T11:55:30Z"), 0)).toBe(true);
    expect(subMinute(1, points("2026-11-28T11:55:00Z"), 0)).toBe(false);
    expect(subMinute(60, points("2026-11-28T11:55:30Z"), 30_000)).toBe(false);
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
    expect(await sink.readBack!([datum("250-2_0_0", "2026-11-28T11:50:30Z"), datum("250-2_0_0", "2026-11-28T11:50:00Z")])).toEqual([
      true,
      false,
    ]);
    client.destroy();
  });
});

describe("read-back of many series", () => {
  // GetMetricData takes at most 500 queries a call (the stand-in refuses more): 1,000 series take
  // two calls of 500, and no third, empty one.
  it("finds every landed point of 1,000 series, and none of 1,000 never sent", async () => {
    const client = metricsClient(standIn.endpoint);
    const sink = cloudWatchSink({ writer: client, reader: client, namespace: "RB/Many", storageResolution: 60, now: () => NOW });
    const landed = Array.from({ length: 1_000 }, (_, i) => datum(`m${i}`, "2026-11-28T11:00:00Z"));
    await sink.publish(landed);
    const never = landed.map((d) => ({ ...d, timestamp: d.timestamp + 300_000 }));
    const found = await sink.readBack!([...landed, ...never]);
    expect([found.slice(0, 1_000).every(Boolean), found.slice(1_000).some(Boolean)]).toEqual([true, false]);
    client.destroy();
  });

  it("follows GetMetricData's pages: finds every landed point, whichever page holds it", async () => {
    const paged = await startStandIn({ now: () => NOW, getMetricDataMaxDatapoints: 2 });
    const client = metricsClient(paged.endpoint);
    const sink = cloudWatchSink({ writer: client, reader: client, namespace: "RB/Paged", storageResolution: 60, now: () => NOW });
    const landed = ["m1", "m2", "m3"].flatMap((name) => [datum(name, "2026-11-28T11:00:00Z"), datum(name, "2026-11-28T11:05:00Z")]);
    await sink.publish(landed);
    const never = datum("m2", "2026-11-28T11:10:00Z");
    expect(await sink.readBack!([...landed, never])).toEqual([true, true, true, true, true, true, false]);
    client.destroy();
    await paged.close();
  });

  it("fails naming GetMetricData when the call is refused, so the batch stays of unknown fate", async () => {
    const client = metricsClient(standIn.endpoint);
    const sink = cloudWatchSink({ writer: client, reader: client, namespace: "RB/Denied", storageResolution: 60, now: () => NOW });
    standIn.faults.next("GetMetricData", { kind: "access-denied" });
    await expect(sink.readBack!([datum("m", "2026-11-28T11:00:00Z")])).rejects.toThrow(/^GetMetricData failed: AccessDenied/);
    client.destroy();
  });
});

// GetMetricData returns nothing at a period under 60 s when StartTime is more than 3 hours ago
// (MetricStat reference, Period), as the stand-in does; the period asked for is also observed on the
// way out.
const OBSERVED_NOW = Date.parse("2026-11-29T18:00:00Z");
const NAMESPACE = "Mail/Postfix";
let observedStandIn: StandIn;
let client: CloudWatchClient;

const zeroDatum = (name: string, time: string): Datum => ({ name, timestamp: Date.parse(time), value: 0, unit: "Count", dimensions: {} });

/** The Period of every query the client sends to GetMetricData, in order. */
function observePeriods(cw: CloudWatchClient): number[] {
  const periods: number[] = [];
  cw.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { MetricDataQueries?: { MetricStat?: { Period?: number } }[] };
      for (const query of input.MetricDataQueries ?? []) periods.push(query.MetricStat?.Period ?? Number.NaN);
      return next(args);
    },
    { step: "initialize", name: "observePeriods" },
  );
  return periods;
}

/** Publishes `sent`, then reads back `asked`; returns what was found and the periods GetMetricData was asked for. */
async function readBackOf(sent: readonly Datum[], asked: readonly Datum[], storageResolution: 1 | 60) {
  observedStandIn = await startStandIn({ now: () => OBSERVED_NOW });
  client = metricsClient(observedStandIn.endpoint);
  const periods = observePeriods(client);
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
    expect(await readBackOf([sent], [sent, zeroDatum("451-4_3_0", "2026-11-29T17:40:00Z")], 60)).toEqual({
      found: [true, false],
      periods: [60],
    });
  });

  it("reads back sub-minute high-resolution datums at 1 s (CloudWatch keeps those for 3 hours)", async () => {
    const sent = zeroDatum("550-5_7_26", "2026-11-29T17:40:30Z");
    const notSent = zeroDatum("550-5_7_26", "2026-11-29T17:40:00Z");
    expect(await readBackOf([sent], [sent, notSent], 1)).toEqual({ found: [true, false], periods: [1] });
  });
});

// A backfilled point sent two weeks back whose PutMetricData call ended unknown is read back once
// CloudWatch must show it, 48 hours later (PutMetricData reference): by then it is 16 days old, and
// GetMetricData answers only at periods of 300 s or more (MetricStat reference). The stand-in shows
// points only after the documented delay and enforces the period rule.
describe("read-back of points over 15 days old", () => {
  const SENT_AT = Date.parse("2026-11-29T12:00:00Z");
  const BIN_5M = 300_000;
  let clock = SENT_AT;
  let old: StandIn;
  let cw: CloudWatchClient;
  beforeAll(async () => {
    old = await startStandIn({ now: () => clock, visibilityDelayMs: "documented" });
    cw = metricsClient(old.endpoint);
  });
  afterAll(async () => {
    cw.destroy();
    await old.close();
  });

  /** Sends `sent` at SENT_AT, then reads back `asked` 48 hours later with the series spacing given. */
  async function readBackLater(namespace: string, sent: readonly Datum[], asked: readonly Datum[], spacing: number) {
    clock = SENT_AT;
    if (sent.length > 0) await cw.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: sent.map((d) => wireDatum(d, 60)) }));
    clock = SENT_AT + 48 * HOUR;
    return readBack(cw, namespace, 60, asked, clock, spacing);
  }

  it("finds a landed point of a 5-minute series, and not one never sent", async () => {
    const landed = zeroDatum("550-5_7_26", "2026-11-15T13:00:00Z");
    const never = zeroDatum("550-5_7_26", "2026-11-15T13:05:00Z");
    expect(await readBackLater("Old/Five", [landed], [landed, never], BIN_5M)).toEqual([true, false]);
  });

  it("finds points of one batch read per minute and per 5 minutes, by their age", async () => {
    const young = zeroDatum("m", "2026-11-16T14:00:00Z"); // 14 days 22 hours old at read-back: per minute still
    const aged = zeroDatum("m", "2026-11-15T13:00:00Z");
    expect(await readBackLater("Old/Mixed", [young, aged], [young, aged], BIN_5M)).toEqual([true, true]);
  });

  it("never takes a neighbour's sample for a missing point of a 1-minute series sharing its 5-minute bucket", async () => {
    // 13:00 landed with an earlier batch; 13:01, of the batch being settled, never did.
    const neighbour = zeroDatum("m", "2026-11-15T13:00:00Z");
    const missing = zeroDatum("m", "2026-11-15T13:01:00Z");
    expect(await readBackLater("Old/OneMinute", [neighbour], [missing], 60_000)).toEqual([false]);
  });

  it("reports a landed point not found when the series' bins are unknown (counted as dropped, never re-sent)", async () => {
    const landed = zeroDatum("m", "2026-11-15T13:00:00Z");
    expect(await readBackLater("Old/Unknown", [landed], [landed], 0)).toEqual([false]);
  });
});

// Every member of GetMetricData's answer is optional in the SDK model; whether the service leaves
// one out is UNCONFIRMED (FIDELITY.md). An answer without results, or results without points, is an
// answer of no points: nothing found. A result read-back cannot tie to its query (no Id) or whose
// timestamps lack their values says nothing either way: taking it for "not found" would have a
// landed point re-sent, so read-back fails and the batch stays of unknown fate for the next run.
describe("read-back of an answer with members left out (fault without)", () => {
  const landed = datum("550-5_7_26", "2026-11-28T11:20:00Z");
  async function readBackWithout(namespace: string, members: readonly string[], asked: readonly Datum[] = [landed]) {
    const client = metricsClient(standIn.endpoint, { maxAttempts: 1 });
    const sink = cloudWatchSink({ writer: client, reader: client, namespace, storageResolution: 60, now: () => NOW });
    try {
      await sink.publish([landed]);
      standIn.faults.next("GetMetricData", { kind: "without", members });
      return await sink.readBack!(asked);
    } finally {
      client.destroy();
    }
  }

  it.each([[["MetricDataResults"]], [["MetricDataResults.Timestamps", "MetricDataResults.Values"]]])(
    "finds nothing in an answer without %j, as in an answer of no points",
    async (members) => {
      expect(await readBackWithout(`RB/Without/${members.length}`, members)).toEqual([false]);
    },
  );

  it.each([
    ["MetricDataResults.Id", "a result without its query's Id"],
    ["MetricDataResults.Values", "a result whose 1 timestamps come with 0 values"],
  ])("fails rather than report a landed point missing when the answer has %s", async (member, what) => {
    const reading = readBackWithout(`RB/Unreadable/${member}`, [member]);
    await expect(reading).rejects.toThrow(
      `GetMetricData answered ${what}; read-back cannot tell which points landed, so the batches of unknown fate stay pending and the next run reads them back again`,
    );
  });

  it("takes a bucket whose samples count 0 for no sample of the datum", async () => {
    // Another writer's datum at the same time, its one value counted 0 times (PutMetricData's Counts).
    const client = metricsClient(standIn.endpoint, { maxAttempts: 1 });
    const wire = { ...wireDatum(landed, 60), Value: undefined, Values: [7], Counts: [0] };
    await client.send(new PutMetricDataCommand({ Namespace: "RB/ZeroCount", MetricData: [wire] }));
    const sink = cloudWatchSink({ writer: client, reader: client, namespace: "RB/ZeroCount", storageResolution: 60, now: () => NOW });
    expect(await sink.readBack!([landed])).toEqual([false]);
    client.destroy();
  });
});

// Just past each of GetMetricData's age limits (3 hours for periods under 60 s, 15 days for 60 s,
// 63 days for 300 s: MetricStat.Period), a period finer than the limit allows returns no data points,
// so a landed point read that way would be taken for missing and re-sent (or counted as dropped).
describe("read-back of points just past CloudWatch's age limits", () => {
  const MINUTE = 60_000;
  it.each([
    ["sub-minute, 3 h 5 min old", 1, "2026-11-28T08:00:30Z", 3 * HOUR + 5 * MINUTE, 30_000, 60],
    ["5-minute bins, 15 days 30 min old", 60, "2026-11-13T08:05:00Z", 15 * DAY + 30 * MINUTE, 5 * MINUTE, 300],
    ["hourly bins, 63 days 30 min old", 60, "2026-09-26T08:00:00Z", 63 * DAY + 30 * MINUTE, HOUR, 3600],
  ] as const)(
    "finds a landed point (%s), asking GetMetricData for the period it keeps",
    async (_, resolution, iso, age, spacing, period) => {
      const point = zeroDatum("550-5_7_26", iso);
      let clock = point.timestamp + MINUTE;
      const aged = await startStandIn({ now: () => clock });
      const cw = metricsClient(aged.endpoint);
      const periods = observePeriods(cw);
      try {
        await cw.send(new PutMetricDataCommand({ Namespace: NAMESPACE, MetricData: [wireDatum(point, resolution)] }));
        clock = point.timestamp + age;
        expect({ found: await readBack(cw, NAMESPACE, resolution, [point], clock, spacing), periods }).toEqual({
          found: [true],
          periods: [period],
        });
      } finally {
        cw.destroy();
        await aged.close();
      }
    },
  );
});
