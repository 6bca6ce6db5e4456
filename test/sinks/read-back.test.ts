// Read-back against the CloudWatch stand-in with the real SDK client. GetMetricData returns nothing
// at a period under 60 s when StartTime is more than 3 hours ago (MetricStat reference, Period); the
// stand-in does not model that rule, so the period asked for is observed on the way out.
import { PutMetricDataCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { afterEach, describe, expect, it } from "vitest";
import type { Datum } from "../../src/metrics/datum.js";
import { wireDatum } from "../../src/sinks/cloudwatch/batches.js";
import { readBack } from "../../src/sinks/cloudwatch/read-back.js";
import { metricsClient } from "../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";

const NOW = Date.parse("2026-11-29T18:00:00Z");
const NAMESPACE = "Mail/Postfix";
let standIn: StandIn;
let client: CloudWatchClient;

afterEach(async () => {
  client.destroy();
  await standIn.close();
});

const datum = (name: string, time: string): Datum => ({ name, timestamp: Date.parse(time), value: 0, unit: "Count", dimensions: {} });

/** Publishes `sent`, then reads back `asked`; returns what was found and the periods GetMetricData was asked for. */
async function readBackOf(sent: readonly Datum[], asked: readonly Datum[], storageResolution: 1 | 60) {
  standIn = await startStandIn({ now: () => NOW });
  client = metricsClient(standIn.endpoint);
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
  return { found: await readBack(client, NAMESPACE, storageResolution, asked), periods: [...new Set(periods)] };
}

describe(readBack.name, () => {
  it("reads back high-resolution datums on whole minutes hours old at a 60 s period, and finds exactly those sent", async () => {
    const sent = datum("550-5_7_26", "2026-11-29T12:05:00Z");
    const notSent = datum("550-5_7_26", "2026-11-29T12:10:00Z");
    expect(await readBackOf([sent], [sent, notSent], 1)).toEqual({ found: [true, false], periods: [60] });
  });

  it("reads back standard-resolution datums at 60 s", async () => {
    const sent = datum("550-5_7_26", "2026-11-29T17:40:00Z");
    expect(await readBackOf([sent], [sent, datum("451-4_3_0", "2026-11-29T17:40:00Z")], 60)).toEqual({ found: [true, false], periods: [60] });
  });

  it("reads back sub-minute high-resolution datums at 1 s (CloudWatch keeps those for 3 hours)", async () => {
    const sent = datum("550-5_7_26", "2026-11-29T17:40:30Z");
    const notSent = datum("550-5_7_26", "2026-11-29T17:40:00Z");
    expect(await readBackOf([sent], [sent, notSent], 1)).toEqual({ found: [true, false], periods: [1] });
  });
});
