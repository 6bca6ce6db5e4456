import {
  GetMetricDataCommand,
  PutMetricDataCommand,
  type CloudWatchClient,
  type Dimension,
  type MetricDataQuery,
} from "@aws-sdk/client-cloudwatch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { metricsClient } from "./sdk-clients.js";
import { startStandIn, type StandIn } from "./start-stand-in.js";

const T0 = Date.parse("2026-11-20T09:00:00Z");
const MINUTE = 60_000;
let clock = T0 + 60 * MINUTE;
let standIn: StandIn;
let cw: CloudWatchClient;

beforeEach(async () => {
  clock = T0 + 60 * MINUTE;
  standIn = await startStandIn({ now: () => clock });
  cw = metricsClient(standIn.endpoint);
});
afterEach(async () => {
  cw.destroy();
  await standIn.close();
});

const COM: Dimension[] = [{ Name: "Domain", Value: "example.com" }];

async function put(offsetMinutes: number, Value: number, Dimensions: Dimension[] = COM, Unit: "Count" | "None" = "Count") {
  const Timestamp = new Date(T0 + offsetMinutes * MINUTE);
  await cw.send(new PutMetricDataCommand({ Namespace: "Mail", MetricData: [{ MetricName: "rejected", Dimensions, Timestamp, Value, Unit }] }));
}

function query(Stat: string, Period = 300, Dimensions: Dimension[] = COM, extra: Partial<MetricDataQuery> = {}): MetricDataQuery {
  return { Id: `q${Stat.toLowerCase()}`, MetricStat: { Metric: { Namespace: "Mail", MetricName: "rejected", Dimensions }, Period, Stat }, ...extra };
}

async function get(queries: MetricDataQuery[], fromMinutes = 0, toMinutes = 60, ScanBy?: "TimestampAscending") {
  const answer = await cw.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: new Date(T0 + fromMinutes * MINUTE),
      EndTime: new Date(T0 + toMinutes * MINUTE),
      ...(ScanBy ? { ScanBy } : {}),
    }),
  );
  return answer.MetricDataResults ?? [];
}

describe("GetMetricData", () => {
  it("aggregates each statistic per Period bucket, newest bucket first by default", async () => {
    await put(1, 2);
    await put(4, 6);
    await put(7, 5);
    const results = await get(["Sum", "SampleCount", "Maximum", "Minimum", "Average"].map((stat) => query(stat)));
    const at = (minutes: number) => new Date(T0 + minutes * MINUTE);
    expect(results.map((r) => [r.Id, r.Label, r.StatusCode, r.Timestamps, r.Values])).toEqual([
      ["qsum", "rejected", "Complete", [at(5), at(0)], [5, 8]],
      ["qsamplecount", "rejected", "Complete", [at(5), at(0)], [1, 2]],
      ["qmaximum", "rejected", "Complete", [at(5), at(0)], [5, 6]],
      ["qminimum", "rejected", "Complete", [at(5), at(0)], [5, 2]],
      ["qaverage", "rejected", "Complete", [at(5), at(0)], [5, 4]],
    ]);
  });

  it("orders oldest first with ScanBy TimestampAscending", async () => {
    await put(1, 2);
    await put(7, 5);
    const [result] = await get([query("Sum")], 0, 60, "TimestampAscending");
    expect(result?.Values).toEqual([2, 5]);
  });

  it("treats each exact dimension set as its own metric", async () => {
    await put(1, 1, COM);
    await put(1, 10, [...COM, { Name: "Reply", Value: "550" }]);
    await put(1, 100, []);
    const results = await get([
      query("Sum", 300, COM, { Id: "com" }),
      query("Sum", 300, [{ Name: "Reply", Value: "550" }, ...COM], { Id: "both" }),
      query("Sum", 300, [], { Id: "none" }),
    ]);
    expect(results.map((r) => r.Values)).toEqual([[1], [10], [100]]);
  });

  it("includes StartTime and excludes EndTime", async () => {
    await put(0, 1);
    await put(10, 2);
    const [result] = await get([query("Sum", 60)], 0, 10);
    expect(result?.Values).toEqual([1]);
  });

  it("aggregates republished values for the same timestamp, as CloudWatch does", async () => {
    await put(1, 42);
    await put(1, 42);
    const results = await get([query("Sum"), query("Average"), query("SampleCount")]);
    expect(results.map((r) => r.Values)).toEqual([[84], [42], [2]]);
  });

  it("filters by Unit when the query names one", async () => {
    await put(1, 1, COM, "Count");
    await put(1, 2, COM, "None");
    const [count] = await get([{ ...query("Sum"), MetricStat: { ...query("Sum").MetricStat!, Unit: "Count" } }]);
    expect(count?.Values).toEqual([1]);
  });

  it("hides datums until visibilityDelayMs has passed on the stand-in clock", async () => {
    await standIn.close();
    standIn = await startStandIn({ now: () => clock, visibilityDelayMs: 2 * MINUTE });
    cw.destroy();
    cw = metricsClient(standIn.endpoint);
    await put(1, 7);
    expect((await get([query("Sum")]))[0]?.Values).toEqual([]);
    clock += 2 * MINUTE;
    expect((await get([query("Sum")]))[0]?.Values).toEqual([7]);
  });

  it("omits queries with ReturnData false", async () => {
    await put(1, 1);
    const results = await get([query("Sum"), { ...query("Average"), ReturnData: false }]);
    expect(results.map((r) => r.Id)).toEqual(["qsum"]);
  });

  it.each([
    ["a period of 45 seconds", [query("Sum", 45)]],
    ["a percentile statistic", [query("p99")]],
    ["an Id starting with a capital", [{ ...query("Sum"), Id: "Q1" }]],
    ["two queries with one Id", [query("Sum"), query("Sum")]],
    ["a math expression", [{ Id: "e1", Expression: "SUM(METRICS())" }]],
  ])("refuses %s with InvalidParameterValueException", async (_, queries) => {
    await expect(get(queries)).rejects.toMatchObject({ name: "InvalidParameterValueException" });
  });

  it("refuses an EndTime that is not after StartTime", async () => {
    await expect(get([query("Sum")], 10, 10)).rejects.toMatchObject({ name: "InvalidParameterValueException" });
  });
});
