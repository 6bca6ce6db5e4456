// `mail-metrics alarms sync` as users run it: the built CLI against the stand-in.
import { PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { metricsClient } from "../fake-cloudwatch/sdk-clients.js";
import { ALARMS, withConsole } from "./console-cli.js";

beforeAll(buildOnce, 120_000);

const WRITES = ["PutMetricAlarm", "DeleteAlarms", "TagResource", "UntagResource", "PutDashboard"];

describe.concurrent("mail-metrics alarms sync", () => {
  it("creates the alarms; a second sync says no change and makes no write call", () =>
    withConsole(ALARMS, async ({ standIn, cli, config }) => {
      const first = await cli(["alarms", "sync"]);
      expect(first, first.stderr).toMatchObject({ code: 0, stderr: "" });
      expect(first.stdout).toBe(
        "create     mail-metrics/prod/550-5_7_26\ncreate     mail-metrics/prod/mail-metrics-window-age\nalarms sync: 2 created, 0 updated, 0 deleted, 0 unchanged\n",
      );
      expect(standIn.state.requestCount("PutMetricAlarm")).toBe(2);
      expect(standIn.state.alarms.get("mail-metrics/prod/550-5_7_26")?.input.AlarmDescription).toBe(
        `Gmail rejects mail as unauthenticated. The log lines behind it: mail-metrics explain 550-5_7_26 --config ${config}`,
      );

      const second = await cli(["alarms", "sync"]);
      expect(second).toMatchObject({ code: 0, stderr: "" });
      expect(second.stdout).toContain("unchanged  mail-metrics/prod/550-5_7_26\n");
      expect(second.stdout).toMatch(/\nalarms sync: no change \(2 alarms as the config says\)\n$/);
      expect(standIn.state.requests.filter((r) => WRITES.includes(r.operation)).length).toBe(2);
    }));

  it("--dry-run shows the changed fields and writes nothing", () =>
    withConsole(ALARMS, async ({ standIn, cli, setAlarms }) => {
      await cli(["alarms", "sync"]);
      const before = standIn.state.requests.length;
      setAlarms(ALARMS.replace("threshold: 1\n", "threshold: 3\n      period: 10m\n"));
      const dry = await cli(["alarms", "sync", "--dry-run", "--prune"]);
      expect(dry).toMatchObject({ code: 0, stderr: "" });
      expect(dry.stdout).toBe(
        "update     mail-metrics/prod/550-5_7_26: Period 300 → 600; Threshold 1 → 3\n" +
          "unchanged  mail-metrics/prod/mail-metrics-window-age\n" +
          "alarms sync --dry-run: would create 0, update 1, delete 0; 1 unchanged; nothing was changed\n",
      );
      const during = standIn.state.requests.slice(before).map((r) => r.operation);
      expect(during.filter((op) => WRITES.includes(op))).toEqual([]);
      expect(standIn.state.alarms.get("mail-metrics/prod/550-5_7_26")?.input.Threshold).toBe(1);
    }));

  it("--prune deletes only its own: an alarm under the prefix without the tag, and one with the tag elsewhere, survive", () =>
    withConsole(ALARMS, async ({ standIn, cli, setAlarms }) => {
      await cli(["alarms", "sync"]);
      const cw = metricsClient(standIn.endpoint);
      const other = {
        Namespace: "Mail/Postfix",
        MetricName: "x",
        Statistic: "Sum" as const,
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: "GreaterThanThreshold" as const,
      };
      await cw.send(new PutMetricAlarmCommand({ ...other, AlarmName: "mail-metrics/prod/made-by-hand" }));
      await cw.send(
        new PutMetricAlarmCommand({ ...other, AlarmName: "team/tagged", Tags: [{ Key: "mail-metrics:config", Value: "prod" }] }),
      );
      cw.destroy();
      setAlarms(ALARMS.split("    - metric: mail-metrics-window-age")[0]!);

      const kept = await cli(["alarms", "sync"]);
      expect(kept.stdout).toContain(
        "keep       mail-metrics/prod/mail-metrics-window-age: no longer in the config; alarms sync --prune deletes it\n",
      );
      expect(kept.stdout).toContain(
        "left alone mail-metrics/prod/made-by-hand: under the prefix, but not made by alarms sync for this config (no tag mail-metrics:config=prod)\n",
      );
      expect(standIn.state.alarms.has("mail-metrics/prod/mail-metrics-window-age")).toBe(true);

      const pruned = await cli(["alarms", "sync", "--prune"]);
      expect(pruned).toMatchObject({ code: 0, stderr: "" });
      expect(pruned.stdout).toContain("delete     mail-metrics/prod/mail-metrics-window-age\n");
      expect(pruned.stdout).toMatch(/alarms sync: 0 created, 0 updated, 1 deleted, 1 unchanged\n$/);
      expect([...standIn.state.alarms.keys()].sort()).toEqual([
        "mail-metrics/prod/550-5_7_26",
        "mail-metrics/prod/made-by-hand",
        "team/tagged",
      ]);
    }));

  it("exits 2 without an alarms: section and 1 when an alarm of its name was made by hand, writing nothing", () =>
    withConsole("", async ({ standIn, cli, setAlarms, config }) => {
      const none = await cli(["alarms", "sync"]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain(`${config}: alarms: missing: this config declares no alarms; add an alarms: section`);

      const cw = metricsClient(standIn.endpoint);
      await cw.send(
        new PutMetricAlarmCommand({
          AlarmName: "mail-metrics/prod/550-5_7_26",
          Namespace: "Mail/Postfix",
          MetricName: "550-5_7_26",
          Statistic: "Sum",
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 9,
          ComparisonOperator: "GreaterThanThreshold",
        }),
      );
      cw.destroy();
      setAlarms(ALARMS);
      const taken = await cli(["alarms", "sync"]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(
        "mail-metrics/prod/550-5_7_26 exists but was not made by alarms sync for this config (no tag mail-metrics:config=prod), so it is left alone and nothing was changed",
      );
      expect(standIn.state.requestCount("PutMetricAlarm")).toBe(1);
    }));
});
