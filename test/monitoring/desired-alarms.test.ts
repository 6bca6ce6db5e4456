import { describe, expect, it } from "vitest";
import { desiredAlarms } from "../../src/monitoring/desired-alarms.js";
import { alarmConfig, BY_RELAY, GMAIL_AND_HEARTBEAT } from "./alarm-config.js";

describe(desiredAlarms.name, () => {
  it("puts the exact explain command in the description, with the config's absolute path", async () => {
    const loaded = await alarmConfig(GMAIL_AND_HEARTBEAT);
    const [gmail, heartbeat] = desiredAlarms(loaded);
    expect(gmail).toMatchObject({
      AlarmName: "mail-metrics/prod/550-5_7_26",
      AlarmDescription: `Gmail rejects mail as unauthenticated. The log lines behind it: mail-metrics explain 550-5_7_26 --config ${loaded.path}`,
      Namespace: "Mail/Postfix",
      MetricName: "550-5_7_26",
      Dimensions: [{ Name: "Environment", Value: "prod" }],
      Statistic: "Maximum",
      Period: 300,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      TreatMissingData: "notBreaching",
      ActionsEnabled: true,
      AlarmActions: [],
      Tags: [{ Key: "mail-metrics:config", Value: "prod" }],
    });
    expect(loaded.path.startsWith("/")).toBe(true);
    expect(heartbeat).toMatchObject({
      AlarmName: "mail-metrics/prod/mail-metrics-window-age",
      Dimensions: [{ Name: "Config", Value: "prod" }],
      ComparisonOperator: "GreaterThanThreshold",
      TreatMissingData: "breaching",
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
    });
    expect(heartbeat!.AlarmDescription).toContain(`mail-metrics state show --config ${loaded.path}`);
  });

  it("quotes a config path the shell would split, and names the series when the metric name alone does not", async () => {
    const loaded = await alarmConfig("  metrics:\n    - { metric: bounced, threshold: 1, dimensions: { Relay: mx.example.com } }\n", {
      file: "my prod.yaml",
      extraQueries: "  - file: by-relay.yaml\n",
      files: { "by-relay.yaml": BY_RELAY },
    });
    const [alarm] = desiredAlarms(loaded);
    expect(alarm!.AlarmName).toBe("mail-metrics/my prod/bounced");
    expect(alarm!.AlarmDescription).toContain(`mail-metrics explain bounced --config '${loaded.path}' --dimension Relay=mx.example.com`);
  });

  // The Config dimension a run publishes its heartbeat under (metrics/heartbeat-names.ts) is the same name.
  it.each([
    ["prod.yml", "prod"],
    ["prod.YAML", "prod"],
    ["prod.yaml.yml", "prod.yaml"],
  ])("names the alarms and the heartbeat's Config after %s without its extension: %s", async (file, name) => {
    const loaded = await alarmConfig(GMAIL_AND_HEARTBEAT, { file });
    const [gmail, heartbeat] = desiredAlarms(loaded);
    expect(gmail!.AlarmName).toBe(`mail-metrics/${name}/550-5_7_26`);
    expect(heartbeat).toMatchObject({
      AlarmName: `mail-metrics/${name}/mail-metrics-window-age`,
      Dimensions: [{ Name: "Config", Value: name }],
    });
  });

  it("breaches on missing data when a count of 0 would, and takes the alarm's own actions over the shared ones", async () => {
    const topic = "arn:aws:sns:eu-west-1:123456789012:mail";
    const own = "arn:aws:sns:eu-west-1:123456789012:oncall";
    const loaded = await alarmConfig(
      `  actions: { alarm: [${topic}], ok: [${topic}] }\n  metrics:\n    - { metric: sent-2_0_0, threshold: 1, comparison: "<" }\n    - { metric: 550-5_7_26, threshold: 1, actions: { alarm: [${own}] } }\n`,
    );
    const [sent, gmail] = desiredAlarms(loaded);
    expect(sent).toMatchObject({ TreatMissingData: "breaching", AlarmActions: [topic], OKActions: [topic], InsufficientDataActions: [] });
    expect(gmail).toMatchObject({ TreatMissingData: "notBreaching", AlarmActions: [own], OKActions: [] });
  });
});
