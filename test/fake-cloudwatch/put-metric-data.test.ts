import { PutMetricDataCommand, type CloudWatchClient, type MetricDatum } from "@aws-sdk/client-cloudwatch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metricsClient } from "./sdk-clients.js";
import { startStandIn, type StandIn } from "./start-stand-in.js";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const BIN = new Date("2026-11-20T09:55:00Z");
const HOUR = 3_600_000;
let standIn: StandIn;
let cw: CloudWatchClient;

beforeEach(async () => {
  standIn = await startStandIn({ now: () => NOW });
  cw = metricsClient(standIn.endpoint);
});
afterEach(async () => {
  cw.destroy();
  await standIn.close();
});

const datum = (extra: Partial<MetricDatum> = {}): MetricDatum => ({
  MetricName: "550-5_7_26",
  Dimensions: [{ Name: "Domain", Value: "example.com" }],
  Timestamp: BIN,
  Value: 3,
  Unit: "Count",
  ...extra,
});

function put(MetricData: MetricDatum[], Namespace = "Mail/Postfix") {
  return cw.send(new PutMetricDataCommand({ Namespace, MetricData }));
}

describe("PutMetricData", () => {
  it("stores every datum with its metric, dimensions, timestamp, value, unit, resolution and request", async () => {
    await put([datum(), datum({ MetricName: "sent", Value: undefined, Values: [1, 2], Counts: [3, 1], StorageResolution: 1 })]);
    expect(standIn.state.datums).toEqual([
      expect.objectContaining({
        namespace: "Mail/Postfix",
        metricName: "550-5_7_26",
        dimensions: { Domain: "example.com" },
        timestamp: BIN.getTime(),
        value: 3,
        unit: "Count",
        storageResolution: 60,
        requestSeq: 1,
        receivedAt: NOW,
      }),
      expect.objectContaining({ metricName: "sent", values: [1, 2], counts: [3, 1], storageResolution: 1, requestSeq: 1 }),
    ]);
  });

  it("uses the receive time for a datum without Timestamp and None as the default unit", async () => {
    await put([{ MetricName: "m", Value: 1 }]);
    expect(standIn.state.datums[0]).toMatchObject({ timestamp: NOW, unit: "None", dimensions: {} });
  });

  it("sums samples per metric over exact dimensions, and flags a metric published twice for a timestamp", async () => {
    await put([datum(), datum({ Value: undefined, StatisticValues: { SampleCount: 2, Sum: 10, Minimum: 4, Maximum: 6 } })]);
    await put([datum({ Dimensions: [{ Name: "Domain", Value: "example.org" }], Value: 100 })]);
    expect(standIn.state.sumOf("Mail/Postfix", "550-5_7_26", { Domain: "example.com" })).toBe(13);
    expect(standIn.state.sumOf("Mail/Postfix", "550-5_7_26")).toBe(113);
    const groups = standIn.state.datumsByMetricAndTimestamp();
    const key = `Mail/Postfix 550-5_7_26 {Domain=example.com} @ ${BIN.toISOString()}`;
    expect(groups.get(key)).toHaveLength(2);
    expect([...groups.values()].map((group) => group.length).sort()).toEqual([1, 2]);
  });

  it("decodes a gzip body the SDK compresses above its threshold", async () => {
    const many = Array.from({ length: 200 }, (_, i) => datum({ Dimensions: [{ Name: "Domain", Value: `d${i}.example` }] }));
    await put(many);
    const request = standIn.state.requests.at(-1);
    expect(request?.contentEncoding).toBe("gzip");
    expect(request?.wireBytes).toBeLessThan(request?.bodyBytes ?? 0);
    expect(standIn.state.datums).toHaveLength(200);
  });

  it("takes 1,000 datums in one call and refuses 1,001 without storing any", async () => {
    const data = (n: number) => Array.from({ length: n }, (_, i) => datum({ Value: i }));
    await expect(put(data(1001))).rejects.toMatchObject({ name: "InvalidParameterValueException" });
    expect(standIn.state.datums).toEqual([]);
    await put(data(1000));
    expect(standIn.state.datums).toHaveLength(1000);
  });

  it("refuses a body over the limit whether or not it is gzipped", async () => {
    await standIn.close();
    standIn = await startStandIn({ now: () => NOW, maxPutMetricDataBytes: 20_000 });
    const big = Array.from({ length: 150 }, (_, i) => datum({ Dimensions: [{ Name: "Domain", Value: `${"x".repeat(100)}${i}` }] }));
    for (const threshold of [0, 10_485_760]) {
      const client = metricsClient(standIn.endpoint, { requestMinCompressionSizeBytes: threshold });
      const failure = client.send(new PutMetricDataCommand({ Namespace: "Mail/Postfix", MetricData: big }));
      await expect(failure).rejects.toMatchObject({ name: "RequestEntityTooLarge", $metadata: { httpStatusCode: 413 } });
      client.destroy();
    }
    expect(standIn.state.requests.map((r) => r.contentEncoding)).toEqual(["gzip", undefined]);
    expect(standIn.state.datums).toEqual([]);
  });
});

const DIMENSION = (Name: string, Value: string) => datum({ Dimensions: [{ Name, Value }] });

describe("PutMetricData validation", () => {
  it.each([
    ["a namespace starting with ':'", [datum()], ":Mail"],
    ["a reserved AWS/ namespace", [datum()], "AWS/Mail"],
    ["a non-ASCII namespace", [datum()], "Mail/Pöstfix"],
    ["a 256-character namespace", [datum()], "N".repeat(256)],
    ["an empty metric name", [datum({ MetricName: "" })], undefined],
    ["a 256-character metric name", [datum({ MetricName: "m".repeat(256) })], undefined],
    ["31 dimensions", [datum({ Dimensions: Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: "v" })) })], undefined],
    ["a non-ASCII dimension value", [DIMENSION("Domain", "bücher.example")], undefined],
    ["a blank dimension value", [DIMENSION("Domain", "  ")], undefined],
    ["an empty dimension value", [DIMENSION("Domain", "")], undefined],
    ["a control character in a dimension name", [DIMENSION("Dom\tain", "x")], undefined],
    ["a dimension name starting with ':'", [DIMENSION(":Domain", "x")], undefined],
    ["a 1025-character dimension value", [DIMENSION("Domain", "v".repeat(1025))], undefined],
    ["a timestamp older than two weeks", [datum({ Timestamp: new Date(NOW - 14 * 24 * HOUR - 1000) })], undefined],
    ["a timestamp more than two hours ahead", [datum({ Timestamp: new Date(NOW + 2 * HOUR + 1000) })], undefined],
    ["NaN", [datum({ Value: NaN })], undefined],
    ["Infinity", [datum({ Value: Infinity })], undefined],
    ["a value beyond 2^360", [datum({ Value: 2 ** 361 })], undefined],
    ["an unknown unit", [datum({ Unit: "Parsecs" as never })], undefined],
    ["StorageResolution 5", [datum({ StorageResolution: 5 })], undefined],
    ["151 values", [datum({ Value: undefined, Values: Array.from({ length: 151 }, (_, i) => i) })], undefined],
  ])("refuses %s with InvalidParameterValueException", async (_, data, namespace) => {
    const failure = put(data, namespace);
    await expect(failure).rejects.toMatchObject({ name: "InvalidParameterValueException", Error: { Code: "InvalidParameterValue" } });
    expect(standIn.state.datums).toEqual([]);
  });

  it.each([
    ["Value with StatisticValues", datum({ StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 } })],
    ["Value with Values", datum({ Values: [1] })],
    ["Counts of another length than Values", datum({ Value: undefined, Values: [1, 2], Counts: [1] })],
    [
      "a dimension name given twice",
      datum({
        Dimensions: [
          { Name: "D", Value: "a" },
          { Name: "D", Value: "b" },
        ],
      }),
    ],
  ])("refuses %s with InvalidParameterCombinationException", async (_, bad) => {
    await expect(put([bad])).rejects.toMatchObject({ name: "InvalidParameterCombinationException" });
  });

  it("refuses a datum without any value, and a request without datums, with MissingRequiredParameterException", async () => {
    await expect(put([datum({ Value: undefined })])).rejects.toMatchObject({ name: "MissingRequiredParameterException" });
    await expect(put([])).rejects.toMatchObject({ name: "MissingRequiredParameterException" });
  });

  it("accepts the boundary values: two weeks old, two hours ahead, ±2^360, 30 dimensions", async () => {
    await put([
      datum({ Timestamp: new Date(NOW - 14 * 24 * HOUR) }),
      datum({ Timestamp: new Date(NOW + 2 * HOUR), Value: 2 ** 360 }),
      datum({ Value: -(2 ** 360), Dimensions: Array.from({ length: 30 }, (_, i) => ({ Name: `d${i}`, Value: "v" })) }),
    ]);
    expect(standIn.state.datums).toHaveLength(3);
  });
});
