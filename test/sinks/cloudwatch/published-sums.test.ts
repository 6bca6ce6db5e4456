// What `explain` compares with the events behind a metric: the Sum CloudWatch holds per window of one
// series, read from the stand-in with the real SDK client, over GetMetricData's pages, and a range
// CloudWatch no longer keeps at the windows' period refused with the fix.
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { publishedSums, type SeriesId } from "../../../src/sinks/cloudwatch/published-sums.js";
import { metricsClient } from "../../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../../fake-cloudwatch/start-stand-in.js";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00Z`);
const SERIES: SeriesId = { namespace: "Sums/Test", name: "rejected", dimensions: { Relay: "mx-1" }, unit: "Count" };

let standIn: StandIn;
beforeAll(async () => {
  // Pages of one data point: every answer spans several pages.
  standIn = await startStandIn({ now: () => NOW, getMetricDataMaxDatapoints: 1 });
  const client = metricsClient(standIn.endpoint);
  const point = (hhmm: string, Value: number, extra: object = {}) => ({
    MetricName: "rejected",
    Dimensions: [{ Name: "Relay", Value: "mx-1" }],
    Timestamp: new Date(at(hhmm)),
    Value,
    Unit: "Count" as const,
    ...extra,
  });
  await client.send(
    new PutMetricDataCommand({
      Namespace: "Sums/Test",
      MetricData: [
        point("11:00", 2),
        point("11:03", 3),
        point("11:10", 4),
        point("11:10", 100, { Dimensions: [{ Name: "Relay", Value: "mx-2" }] }),
        point("11:10", 1000, { Unit: "None" }),
      ],
    }),
  );
  client.destroy();
});
afterAll(async () => standIn.close());

async function sums(range: { from: number; to: number }, period: number, series = SERIES) {
  const client = metricsClient(standIn.endpoint, { maxAttempts: 1 });
  try {
    return await publishedSums(client, series, range, period, NOW);
  } finally {
    client.destroy();
  }
}

describe(publishedSums.name, () => {
  it("sums the series' points per window, over every page, and leaves out windows without a point", async () => {
    expect(await sums({ from: at("11:00"), to: at("11:20") }, 5 * MINUTE)).toEqual(
      new Map([
        [at("11:00"), 5],
        [at("11:10"), 4],
      ]),
    );
    expect(await sums({ from: at("11:00"), to: at("11:20") }, 5 * MINUTE, { ...SERIES, dimensions: {} })).toEqual(new Map());
  });

  it.each([
    [20, MINUTE, "CloudWatch keeps points from 20 days back per 5 minutes only, coarser than the 1-minute windows"],
    [70, 5 * MINUTE, "CloudWatch keeps points from 70 days back per 60 minutes only, coarser than the 5-minute windows"],
  ])("refuses a range %i days back at windows of %i ms: %s", async (days, period, message) => {
    const from = NOW - days * DAY;
    const refusal = sums({ from, to: from + period }, period);
    await expect(refusal).rejects.toThrow(UsageError);
    await expect(refusal).rejects.toThrow(`${message}; explain a more recent range`);
  });

  it("reads 1-minute windows up to 15 days back, and 5-minute ones up to 63 days back", async () => {
    await expect(sums({ from: NOW - 15 * DAY, to: NOW - 15 * DAY + MINUTE }, MINUTE)).resolves.toEqual(new Map());
    await expect(sums({ from: NOW - 63 * DAY, to: NOW - 63 * DAY + 5 * MINUTE }, 5 * MINUTE)).resolves.toEqual(new Map());
    await expect(sums({ from: NOW - 15 * DAY - 1, to: NOW - 15 * DAY + MINUTE }, MINUTE)).rejects.toThrow(UsageError);
    await expect(sums({ from: NOW - 63 * DAY - 1, to: NOW - 63 * DAY + 5 * MINUTE }, 5 * MINUTE)).rejects.toThrow(UsageError);
  });

  // Every member of the answer is optional in the SDK model (whether the service leaves one out is
  // UNCONFIRMED: FIDELITY.md): a result without timestamps holds no window.
  it("holds no window when GetMetricData's result comes without timestamps and values", async () => {
    standIn.faults.next(
      "GetMetricData",
      { kind: "without", members: ["MetricDataResults.Timestamps", "MetricDataResults.Values"] },
      { times: 9 },
    );
    try {
      expect(await sums({ from: at("11:00"), to: at("11:20") }, 5 * MINUTE)).toEqual(new Map());
    } finally {
      standIn.faults.clear();
    }
  });

  it("fails rather than report sums of 0 when the result's values are left out", async () => {
    standIn.faults.next("GetMetricData", { kind: "without", members: ["MetricDataResults.Values"] });
    await expect(sums({ from: at("11:00"), to: at("11:20") }, 5 * MINUTE)).rejects.toThrow(
      "GetMetricData answered a result whose 1 timestamps come with 0 values; what CloudWatch holds for the series is unknown",
    );
  });

  it("fails naming GetMetricData when the call is refused", async () => {
    standIn.faults.next("GetMetricData", { kind: "access-denied" });
    await expect(sums({ from: at("11:00"), to: at("11:20") }, 5 * MINUTE)).rejects.toThrow(/^GetMetricData failed: AccessDenied/);
  });
});
