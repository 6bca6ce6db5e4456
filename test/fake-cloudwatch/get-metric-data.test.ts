import {
  GetMetricDataCommand,
  PutMetricDataCommand,
  type CloudWatchClient,
  type Dimension,
  type MetricDataQuery,
} from "@aws-sdk/client-cloudwatch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StandInOptions } from "./options.js";
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

async function restart(options: Omit<StandInOptions, "now">): Promise<void> {
  await standIn.close();
  standIn = await startStandIn({ now: () => clock, ...options });
  cw.destroy();
  cw = metricsClient(standIn.endpoint);
}

const COM: Dimension[] = [{ Name: "Domain", Value: "example.com" }];

async function put(offsetMinutes: number, Value: number, Dimensions: Dimension[] = COM, Unit: "Count" | "None" = "Count") {
  const Timestamp = new Date(T0 + offsetMinutes * MINUTE);
  await cw.send(
    new PutMetricDataCommand({ Namespace: "Mail", MetricData: [{ MetricName: "rejected", Dimensions, Timestamp, Value, Unit }] }),
  );
}

function query(Stat: string, Period = 300, Dimensions: Dimension[] = COM, extra: Partial<MetricDataQuery> = {}): MetricDataQuery {
  return {
    Id: `q${Stat.toLowerCase()}`,
    MetricStat: { Metric: { Namespace: "Mail", MetricName: "rejected", Dimensions }, Period, Stat },
    ...extra,
  };
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

  it("pages at MaxDatapoints (default 100,800) across the queries, with a NextToken for the rest", async () => {
    for (const minute of [1, 6, 11]) await put(minute, minute);
    const queries = [query("Sum", 300, COM, { Id: "a" }), query("Sum", 300, COM, { Id: "b" })];
    const call = (extra: object) =>
      cw.send(
        new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(T0), EndTime: new Date(T0 + 60 * MINUTE), ...extra }),
      );
    const pages = [];
    let NextToken: string | undefined;
    do {
      const answer = await call({ MaxDatapoints: 4, ...(NextToken ? { NextToken } : {}) });
      pages.push(answer.MetricDataResults?.map((r) => [r.Id, r.StatusCode, r.Values]));
      NextToken = answer.NextToken;
    } while (NextToken);
    expect(pages).toEqual([
      [
        ["a", "Complete", [11, 6, 1]],
        ["b", "PartialData", [11]],
      ],
      [
        ["a", "Complete", []],
        ["b", "Complete", [6, 1]],
      ],
    ]);
    expect((await call({})).NextToken).toBeUndefined();
    await restart({ getMetricDataMaxDatapoints: 2 });
    for (const minute of [1, 6, 11]) await put(minute, minute);
    expect((await call({})).NextToken).toEqual(expect.any(String));
    await expect(call({ NextToken: "bm9wZToy" })).rejects.toMatchObject({ name: "InvalidNextToken" });
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
    await restart({ visibilityDelayMs: 2 * MINUTE });
    await put(1, 7);
    expect((await get([query("Sum")]))[0]?.Values).toEqual([]);
    clock += 2 * MINUTE;
    expect((await get([query("Sum")]))[0]?.Values).toEqual([7]);
  });

  it("with documented visibility, shows a point after 15 minutes, 2 hours or 48 hours by its age when sent", async () => {
    await restart({ visibilityDelayMs: "documented" });
    const HOUR = 60 * MINUTE;
    const sent = clock;
    await put(50, 1); // 10 minutes old
    await put(-4 * 60, 2); // 5 hours old
    await put(-25 * 60, 3); // 26 hours old
    const seen = async () => (await get([query("Sum", 60)], -26 * 60, 60, "TimestampAscending"))[0]?.Values;
    const after = async (ms: number) => {
      clock = sent + ms;
      return seen();
    };
    expect(await after(15 * MINUTE - 1)).toEqual([]);
    expect(await after(15 * MINUTE)).toEqual([1]);
    expect(await after(2 * HOUR)).toEqual([2, 1]);
    expect(await after(48 * HOUR - 1)).toEqual([2, 1]);
    expect(await after(48 * HOUR)).toEqual([3, 2, 1]);
  });

  it("returns no data for a Period finer than CloudWatch keeps data starting that long ago", async () => {
    const DAY = 24 * 60 * MINUTE;
    const put14DaysBack = async () => {
      clock = T0 + 14 * DAY - MINUTE;
      await put(0, 5);
    };
    await put14DaysBack();
    const sums = async (periods: number[]) =>
      Promise.all(periods.map(async (period) => (await get([query("Sum", period)], 0, 10))[0]?.Values));
    // 14 days: whole minutes still kept.
    expect(await sums([60, 300])).toEqual([[5], [5]]);
    clock = T0 + 16 * DAY;
    expect(await sums([60, 120, 300, 600])).toEqual([[], [], [5], [5]]);
    clock = T0 + 64 * DAY;
    expect(await sums([300, 3600])).toEqual([[], [5]]);
  });

  it("counts 5-minute buckets from StartTime rounded down to the 5-minute clock interval between 15 and 63 days back", async () => {
    const DAY = 24 * 60 * MINUTE;
    clock = T0 + 14 * DAY - MINUTE;
    await put(4, 1);
    await put(6, 2);
    clock = T0 + 20 * DAY;
    const [result] = await get([query("Sum", 300)], 3, 10, "TimestampAscending");
    expect([result?.Timestamps, result?.Values]).toEqual([
      [new Date(T0), new Date(T0 + 5 * MINUTE)],
      [1, 2],
    ]);
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
