// What `doctor` reads of the heartbeat: the newest mail-metrics-window-age point of this config in
// the last three hours, through the real SDK client against the stand-in.
import { PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { heartbeatData } from "../../../src/sinks/cloudwatch/heartbeat.js";
import { newestHeartbeat } from "../../../src/sinks/cloudwatch/probe.js";
import { metricsClient } from "../../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../../fake-cloudwatch/start-stand-in.js";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const at = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00Z`);
const figures = (windowAge: number) => ({ windowAge, unknownFate: 0, bytesScanned: 0, stuckLockAge: 0 });

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn({ now: () => NOW });
  const client = metricsClient(standIn.endpoint);
  for (const [hhmm, age] of [
    ["11:40", 600],
    ["11:50", 90],
    ["11:45", 300],
  ] as const) {
    await client.send(new PutMetricDataCommand({ Namespace: "Probe/Test", MetricData: heartbeatData(figures(age), "prod", at(hhmm)) }));
  }
  client.destroy();
});
afterAll(async () => standIn.close());

async function probe(namespace: string, config: string) {
  const client = metricsClient(standIn.endpoint, { maxAttempts: 1 });
  try {
    return await newestHeartbeat(client, namespace, config, NOW);
  } finally {
    client.destroy();
  }
}

describe(newestHeartbeat.name, () => {
  it("is the newest heartbeat of the config, with its window age", async () => {
    expect(await probe("Probe/Test", "prod")).toEqual({ at: at("11:50"), windowAge: 90 });
  });

  it("is none for a config that sent none", async () => {
    expect(await probe("Probe/Test", "staging")).toBeNull();
  });

  // Every member of the answer is optional in the SDK model (whether the service leaves one out is
  // UNCONFIRMED: FIDELITY.md); without results or their timestamps there is no point to report.
  it.each([[["MetricDataResults"]], [["MetricDataResults.Timestamps", "MetricDataResults.Values"]]])(
    "is none when GetMetricData answers without %j",
    async (members) => {
      standIn.faults.next("GetMetricData", { kind: "without", members });
      expect(await probe("Probe/Test", "prod")).toBeNull();
    },
  );

  it("fails rather than report a window age of 0 when the heartbeat's values are left out", async () => {
    standIn.faults.next("GetMetricData", { kind: "without", members: ["MetricDataResults.Values"] });
    await expect(probe("Probe/Test", "prod")).rejects.toThrow(
      "GetMetricData answered a result whose 3 timestamps come with 0 values; the heartbeat's window age is unknown",
    );
  });

  it("fails naming GetMetricData and the namespace when the call is refused", async () => {
    standIn.faults.next("GetMetricData", { kind: "access-denied" });
    await expect(probe("Probe/Test", "prod")).rejects.toThrow(/^GetMetricData failed \(namespace Probe\/Test\): AccessDenied/);
  });
});

describe(heartbeatData.name, () => {
  it("names a config with no printable name 'config' in the Config dimension, which PutMetricData would refuse empty", () => {
    expect(heartbeatData(figures(1), "   ", NOW)[0]?.Dimensions).toEqual([{ Name: "Config", Value: "config" }]);
  });
});
