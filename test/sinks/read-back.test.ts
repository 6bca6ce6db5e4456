// Read-back against the CloudWatch stand-in with the real SDK client: it must find exactly the data
// points that landed, at the granularity CloudWatch keeps them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  it("reads high-resolution points per second only while CloudWatch keeps them so (3 hours)", () => {
    expect(readBackPeriod(1, NOW - 3_600_000, NOW)).toBe(1);
    expect(readBackPeriod(1, NOW - 4 * 3_600_000, NOW)).toBe(60);
    expect(readBackPeriod(60, NOW - 60_000, NOW)).toBe(60);
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
