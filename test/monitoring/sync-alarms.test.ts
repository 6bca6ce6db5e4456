import { PutMetricAlarmCommand, type CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LoadedConfig } from "../../src/config/resolved.js";
import { RuntimeError } from "../../src/errors.js";
import { alarmNamePrefix, desiredAlarms } from "../../src/monitoring/desired-alarms.js";
import { applyAlarmSync, planAlarmSync } from "../../src/monitoring/sync-alarms.js";
import { metricsClient } from "../fake-cloudwatch/sdk-clients.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";
import { alarmConfig, GMAIL_AND_HEARTBEAT } from "./alarm-config.js";

let standIn: StandIn;
let cw: CloudWatchClient;
beforeEach(async () => {
  standIn = await startStandIn();
  cw = metricsClient(standIn.endpoint);
});
afterEach(async () => {
  cw.destroy();
  await standIn.close();
});

const request = (loaded: LoadedConfig, prune = false) => ({
  client: cw,
  prefix: alarmNamePrefix(loaded),
  owner: "prod",
  desired: desiredAlarms(loaded),
  prune,
});

async function sync(loaded: LoadedConfig, prune = false) {
  const steps = await planAlarmSync(request(loaded, prune));
  await applyAlarmSync(cw, steps);
  return steps;
}

const writes = () => ["PutMetricAlarm", "DeleteAlarms", "TagResource"].map((op) => standIn.state.requestCount(op)).reduce((a, b) => a + b);

describe(planAlarmSync.name, () => {
  it("creates the alarms once; a second sync finds them unchanged and writes nothing", async () => {
    const loaded = await alarmConfig(GMAIL_AND_HEARTBEAT);
    expect((await sync(loaded)).map((step) => step.kind)).toEqual(["create", "create"]);
    expect(standIn.state.requestCount("PutMetricAlarm")).toBe(2);
    expect((await sync(loaded)).map((step) => step.kind)).toEqual(["unchanged", "unchanged"]);
    expect(standIn.state.requestCount("PutMetricAlarm")).toBe(2);
    expect(standIn.state.alarms.get("mail-metrics/prod/550-5_7_26")?.tags).toEqual(new Map([["mail-metrics:config", "prod"]]));
  });

  it("updates an alarm whose config changed, naming the changed fields, and only that one", async () => {
    const first = await alarmConfig(GMAIL_AND_HEARTBEAT);
    await sync(first);
    const changed = await alarmConfig(GMAIL_AND_HEARTBEAT.replace("threshold: 1,", "threshold: 3, period: 10m,"), {
      dir: dirname(first.path),
    });
    const steps = await sync(changed);
    expect(steps).toEqual([
      expect.objectContaining({
        kind: "update",
        name: "mail-metrics/prod/550-5_7_26",
        changes: [
          { field: "Period", from: "300", to: "600" },
          { field: "Threshold", from: "1", to: "3" },
        ],
      }),
      expect.objectContaining({ kind: "unchanged" }),
    ]);
    expect(standIn.state.alarms.get("mail-metrics/prod/550-5_7_26")?.input).toMatchObject({ Threshold: 3, Period: 600 });
    expect(standIn.state.requestCount("PutMetricAlarm")).toBe(3);
  });

  it("prunes only its own: under the prefix and tagged for this config", async () => {
    const first = await alarmConfig(GMAIL_AND_HEARTBEAT);
    await sync(first);
    const foreign = {
      Namespace: "Mail/Postfix",
      MetricName: "x",
      Statistic: "Sum" as const,
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: "GreaterThanThreshold" as const,
    };
    await cw.send(new PutMetricAlarmCommand({ ...foreign, AlarmName: "mail-metrics/prod/by-hand" }));
    await cw.send(
      new PutMetricAlarmCommand({ ...foreign, AlarmName: "elsewhere/tagged", Tags: [{ Key: "mail-metrics:config", Value: "prod" }] }),
    );
    const fewer = await alarmConfig(
      "  metrics:\n    - { metric: 550-5_7_26, threshold: 1, description: Gmail rejects mail as unauthenticated. }\n",
      { dir: dirname(first.path) },
    );

    const kept = await sync(fewer);
    expect(kept.map((step) => [step.kind, step.name])).toEqual([
      ["unchanged", "mail-metrics/prod/550-5_7_26"],
      ["keep", "mail-metrics/prod/mail-metrics-window-age"],
      ["foreign", "mail-metrics/prod/by-hand"],
    ]);
    expect(standIn.state.requestCount("DeleteAlarms")).toBe(0);

    const pruned = await sync(fewer, true);
    expect(pruned.filter((step) => step.kind === "delete").map((step) => step.name)).toEqual(["mail-metrics/prod/mail-metrics-window-age"]);
    expect([...standIn.state.alarms.keys()].sort()).toEqual([
      "elsewhere/tagged",
      "mail-metrics/prod/550-5_7_26",
      "mail-metrics/prod/by-hand",
    ]);
  });

  it("stops before any write when an alarm of the config's name was made by someone else", async () => {
    const loaded = await alarmConfig(GMAIL_AND_HEARTBEAT);
    const [gmail] = desiredAlarms(loaded);
    await cw.send(new PutMetricAlarmCommand({ ...gmail!, Threshold: 50, Tags: [] }));
    const before = writes();
    const error = await planAlarmSync(request(loaded)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as Error).message).toContain(
      "mail-metrics/prod/550-5_7_26 exists but was not made by alarms sync for this config (no tag mail-metrics:config=prod)",
    );
    expect(writes()).toBe(before);
    expect(standIn.state.alarms.get("mail-metrics/prod/550-5_7_26")?.input).toMatchObject({ Threshold: 50 });
  });

  it("reads every page of DescribeAlarms", async () => {
    const many = Array.from(
      { length: 130 },
      (_, i) => `    - { metric: 550-5_7_26, name: n${String(i).padStart(3, "0")}, threshold: ${i + 1} }`,
    ).join("\n");
    const loaded = await alarmConfig(`  metrics:\n${many}\n`);
    await sync(loaded);
    const again = await sync(loaded);
    expect(again.every((step) => step.kind === "unchanged")).toBe(true);
    // One page before the first sync, two (100 + 30) before the second.
    expect(standIn.state.requestCount("DescribeAlarms")).toBe(3);
  });
});
