// The heartbeat: its figures from the state a run leaves (pipeline/heartbeat.ts), and how the
// CloudWatch sink publishes them (sinks/cloudwatch/heartbeat.ts) through the real SDK client: one
// call, standard resolution, at the run's time, with the Config dimension alarms and dashboards use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsCallError } from "../../src/errors.js";
import { HEARTBEAT_METRICS } from "../../src/metrics/heartbeat-names.js";
import { heartbeatFigures } from "../../src/pipeline/heartbeat.js";
import type { SeriesJob } from "../../src/pipeline/run-series.js";
import { StateHandle } from "../../src/state/handle.js";
import { emptySeries, STATE_VERSION, type SeriesState } from "../../src/state/series.js";
import { cloudWatchSink } from "../../src/sinks/cloudwatch/sink.js";
import { metricsClient } from "../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";

const NOW = Date.parse("2026-11-29T13:00:30Z");
const t = (hhmm: string) => Date.parse(`2026-11-29T${hhmm}:00Z`);
const job = (name: string) => ({ query: { name }, key: `${name}@a`, identity: "a" }) as unknown as SeriesJob;
const series = (query: string, parts: Partial<SeriesState>): SeriesState => ({ ...emptySeries(query, "a"), ...parts });
const state = (...all: SeriesState[]) =>
  new StateHandle({ version: STATE_VERSION, series: Object.fromEntries(all.map((s) => [`${s.query}@${s.identity}`, s])) });

describe(heartbeatFigures.name, () => {
  it("window age is the query furthest behind: one failing on every run makes it grow while the other publishes", () => {
    const handle = state(
      series("smtp", { owed: [{ from: t("12:00"), to: t("12:55") }], published: [{ from: t("12:00"), to: t("12:55") }] }),
      series("delivery", { owed: [{ from: t("12:00"), to: t("12:55") }], published: [{ from: t("12:00"), to: t("12:20") }] }),
    );
    expect(heartbeatFigures(handle, [job("smtp"), job("delivery")], NOW, { bytesScanned: 7, stuckLockAge: 0 })).toEqual({
      windowAge: 40 * 60 + 30,
      unknownFate: 0,
      bytesScanned: 7,
      stuckLockAge: 0,
    });
  });

  it("a query that never published ages from where it began owing; datums of unknown fate are counted", () => {
    const pending = {
      datums: [{ name: "m", timestamp: t("12:00"), value: 1, unit: "Count" as const, dimensions: {} }],
      sentAt: t("12:10"),
      reason: "5xx",
    };
    const handle = state(series("smtp", { owed: [{ from: t("12:30"), to: t("12:55") }], uncertain: [pending, pending] }));
    expect(heartbeatFigures(handle, [job("smtp")], NOW, { bytesScanned: 0, stuckLockAge: 0 })).toMatchObject({
      windowAge: 30 * 60 + 30,
      unknownFate: 2,
    });
  });

  it("an earlier definition's published windows count for the query (a changed query continues after them)", () => {
    const handle = state(
      series("smtp", { identity: "old", published: [{ from: t("12:00"), to: t("12:50") }] }),
      series("smtp", { owed: [{ from: t("12:50"), to: t("12:55") }] }),
    );
    expect(heartbeatFigures(handle, [job("smtp")], NOW, { bytesScanned: 0, stuckLockAge: 0 }).windowAge).toBe(10 * 60 + 30);
  });

  it("window age runs from the newest window published, past a range published later behind it (a backfill)", () => {
    const handle = state(
      series("smtp", {
        owed: [{ from: t("12:00"), to: t("12:55") }],
        published: [
          { from: t("12:00"), to: t("12:20") },
          { from: t("12:40"), to: t("12:55") },
        ],
      }),
    );
    expect(heartbeatFigures(handle, [job("smtp")], NOW, { bytesScanned: 0, stuckLockAge: 0 }).windowAge).toBe(5 * 60 + 30);
  });

  it("a query none of whose definitions ever published ages from the oldest window any of them owes", () => {
    const handle = state(
      series("smtp", { identity: "old", owed: [{ from: t("12:30"), to: t("12:40") }] }),
      series("smtp", { owed: [{ from: t("12:45"), to: t("12:55") }] }),
    );
    expect(heartbeatFigures(handle, [job("smtp")], NOW, { bytesScanned: 0, stuckLockAge: 0 }).windowAge).toBe(30 * 60 + 30);
  });

  it("no window age before any query began", () => {
    expect(heartbeatFigures(state(), [job("smtp")], NOW, { bytesScanned: 0, stuckLockAge: 5 })).toEqual({
      unknownFate: 0,
      bytesScanned: 0,
      stuckLockAge: 5,
    });
  });
});

describe("the CloudWatch sink's heartbeat", () => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await startStandIn({ now: () => NOW });
  });
  afterAll(() => standIn.close());

  const sink = (heartbeat?: { config: string }) => {
    const client = metricsClient(standIn.endpoint, { maxAttempts: 1 });
    return cloudWatchSink({
      writer: client,
      reader: client,
      namespace: "Mail/Postfix",
      storageResolution: 1,
      now: () => NOW,
      ...(heartbeat ? { heartbeat } : {}),
    });
  };

  it("publishes the four metrics in one call, at now, standard resolution even on a high-resolution sink, dimension Config", async () => {
    await sink({ config: "prod" }).heartbeat!({ windowAge: 330, unknownFate: 2, bytesScanned: 4096, stuckLockAge: 0 });
    expect(standIn.state.requestCount("PutMetricData")).toBe(1);
    const got = standIn.state.datums.map((d) => [d.metricName, d.value, d.unit, d.storageResolution, d.timestamp, d.dimensions]);
    const common = [60, NOW, { Config: "prod" }];
    expect(got).toEqual([
      [HEARTBEAT_METRICS.windowAge, 330, "Seconds", ...common],
      [HEARTBEAT_METRICS.unknownFate, 2, "Count", ...common],
      [HEARTBEAT_METRICS.bytesScanned, 4096, "Bytes", ...common],
      [HEARTBEAT_METRICS.stuckLockAge, 0, "Seconds", ...common],
    ]);
  });

  it("has none when the config turns it off; a refused call is an AwsCallError naming the heartbeat", async () => {
    expect(sink().heartbeat).toBeUndefined();
    standIn.faults.next("PutMetricData", { kind: "access-denied" });
    const failed = sink({ config: "prod" }).heartbeat!({ unknownFate: 0, bytesScanned: 0, stuckLockAge: 0 });
    await expect(failed).rejects.toBeInstanceOf(AwsCallError);
    await expect(failed).rejects.toThrow(
      /^PutMetricData failed \(heartbeat to Mail\/Postfix\): AccessDenied: .*; the credentials lack a permission/,
    );
    await expect(sink({ config: "prod" }).heartbeat!({ unknownFate: 0, bytesScanned: 0, stuckLockAge: 0 })).resolves.toBeUndefined();
  });
});
