// The CloudWatch sink as a config names it: what `sink:` accepts, the destination every series'
// identity holds (state/identity.ts: changing it would start every series afresh after an upgrade),
// and a run opening it against the stand-in.
import { describe, expect, it } from "vitest";
import type { AwsClients } from "../../../src/aws/clients.js";
import { cloudwatchSinkKind } from "../../../src/sinks/cloudwatch/kind.js";
import { logsClient, metricsClient } from "../../fake-cloudwatch/sdk-clients.js";
import { startStandIn } from "../../fake-cloudwatch/start-stand-in.js";

const NOW = Date.parse("2026-11-28T12:00:00Z");
const parse = (sink: object) => cloudwatchSinkKind.schema.safeParse({ type: "cloudwatch", ...sink });
const problem = (sink: object) => {
  const result = parse(sink);
  return result.success ? undefined : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
};

describe("sink: { type: cloudwatch }", () => {
  it("takes a namespace, standard resolution unless told", () => {
    expect(parse({ namespace: "Mail/Postfix" })).toEqual({
      success: true,
      data: { type: "cloudwatch", namespace: "Mail/Postfix", storageResolution: 60, heartbeat: { enabled: true } },
    });
    expect(parse({ namespace: "Mail/AWS/", storageResolution: 1 }).success).toBe(true);
  });

  it.each([
    [{ namespace: "AWS/Mail" }, "namespace: the AWS/ prefix is reserved for AWS services; use e.g. Mail/Postfix"],
    [{ namespace: ":Mail" }, "namespace: use printable ASCII, not starting with ':'"],
    [{ namespace: "Mail/Pöstfix" }, "namespace: use printable ASCII, not starting with ':'"],
    [{ namespace: "Mail", storageResolution: 5 }, "storageResolution: "],
    [{ namespace: "Mail", region: "eu-west-1" }, 'Unrecognized key: "region"'],
  ])("refuses %j: %s", (sink, message) => {
    expect(problem(sink)).toContain(message);
  });

  it("names its destination by namespace and resolution, as series identities have held it", () => {
    expect(
      cloudwatchSinkKind.destination({
        type: "cloudwatch",
        namespace: "Mail/Postfix",
        storageResolution: 60,
        heartbeat: { enabled: true },
      }),
    ).toBe("cloudwatch:Mail/Postfix:60");
  });

  it("opens a sink that publishes to the configured namespace", async () => {
    const standIn = await startStandIn({ now: () => NOW });
    const clock = { now: () => NOW, sleep: async () => {}, random: () => 0.5 };
    const [metrics, logs] = [metricsClient(standIn.endpoint), logsClient(standIn.endpoint)];
    const clients: AwsClients = {
      logs,
      logsStarter: logs,
      metrics,
      metricsWriter: metrics,
      destroy: () => (metrics.destroy(), logs.destroy()),
    };
    const sink = await cloudwatchSinkKind.open(
      { type: "cloudwatch", namespace: "Kind/Test", storageResolution: 60, heartbeat: { enabled: false } },
      { clock, aws: async () => clients, seriesSpacing: 300_000, configName: "kind-test" },
    );
    const datum = { name: "sent", timestamp: NOW - 600_000, value: 2, unit: "Count" as const, dimensions: {} };
    await sink.publish([datum]);
    expect(standIn.state.datums.map((d) => [d.namespace, d.metricName, d.value])).toEqual([["Kind/Test", "sent", 2]]);
    expect(await sink.readBack!([datum])).toEqual([true]);
    expect(sink.heartbeat).toBeUndefined();
    const beating = await cloudwatchSinkKind.open(
      { type: "cloudwatch", namespace: "Kind/Test", storageResolution: 60, heartbeat: { enabled: true } },
      { clock, aws: async () => clients, seriesSpacing: 300_000, configName: "kind-test" },
    );
    await beating.heartbeat!({ windowAge: 60, unknownFate: 0, bytesScanned: 0, stuckLockAge: 0 });
    expect(new Set(standIn.state.datums.slice(1).map((d) => JSON.stringify([d.namespace, d.dimensions])))).toEqual(
      new Set([JSON.stringify(["Kind/Test", { Config: "kind-test" }])]),
    );
    clients.destroy();
    await standIn.close();
  });
});
