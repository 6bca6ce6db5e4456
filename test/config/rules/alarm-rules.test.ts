import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alarmTargets } from "../../../src/config/alarm-targets.js";
import { loadConfig } from "../../../src/config/load-config.js";
import { alarmRules } from "../../../src/config/rules/alarm-rules.js";
import { BY_RELAY } from "../../monitoring/alarm-config.js";
import { configErrorOf } from "../config-error-of.js";
import { tempTree } from "../temp-tree.js";

const head = (sink = "{ type: cloudwatch, namespace: Mail/Postfix }") => `source: { type: files, paths: [mail.log] }
sink: ${sink}
queries:
  - builtin: postfix-smtp-status
    dimensions: { Environment: prod }
  - builtin: postfix-delivery-status
    dimensions: { Environment: prod }
  - file: by-relay.yaml
alarms:
  metrics:
`;

async function load(alarms: string, sink?: string) {
  const dir = tempTree({ "prod.yaml": head(sink) + alarms, "by-relay.yaml": BY_RELAY });
  return loadConfig(join(dir, "prod.yaml"), { env: {} });
}

const issuesOf = async (alarms: string, sink?: string) => (await configErrorOf(load(alarms, sink))).issues;

describe(alarmRules.name, () => {
  it("accepts alarms on a reply code, a delivery status and the heartbeat, each on the series its query writes", async () => {
    const loaded = await load(
      "    - { metric: 550-5_7_26, threshold: 1 }\n    - { metric: sent-2_0_0, threshold: 1, comparison: '<' }\n    - { metric: mail-metrics-window-age, threshold: 1200, comparison: '>' }\n",
    );
    const { targets, issues } = alarmTargets(loaded.config, loaded.queries);
    expect(issues).toEqual([]);
    expect(targets.map((t) => [t.metricName, t.query?.name, t.dimensions])).toEqual([
      ["550-5_7_26", "postfix-smtp-status", { Environment: "prod" }],
      ["sent-2_0_0", "postfix-delivery-status", { Environment: "prod" }],
      ["mail-metrics-window-age", undefined, {}],
    ]);
  });

  it("refuses a name no query can publish, at its line, with the closest known name", async () => {
    const issues = await issuesOf("    - metric: 55O-5_7_26\n      threshold: 1\n");
    expect(issues).toEqual([expect.objectContaining({ path: "alarms.metrics[0].metric", line: 11 })]);
    expect(issues[0]!.message).toContain('no query of this config can publish a metric named "55O-5_7_26" (did you mean "550-5_7_26"?)');
    expect(issues[0]!.message).toContain('postfix-smtp-status names its metrics "{metric}"');
  });

  it("refuses dimensions the query does not write: another key, or a static value it never has", async () => {
    const [key] = await issuesOf("    - { metric: 550-5_7_26, threshold: 1, dimensions: { Env: prod } }\n");
    expect(key).toMatchObject({
      path: "alarms.metrics[0].dimensions",
      message: expect.stringContaining("publishes with the dimensions Environment"),
    });
    const [value] = await issuesOf("    - { metric: 550-5_7_26, threshold: 1, dimensions: { Environment: staging } }\n");
    expect(value!.message).toContain('never writes Environment="staging"');
  });

  it("asks for the one series when the query takes a dimension from its rows, and checks the value can occur", async () => {
    const [asked] = await issuesOf("    - { metric: bounced, threshold: 1 }\n");
    expect(asked!.message).toContain(
      "publishes bounced once per Relay taken from its rows, and an alarm watches one series; alarm on metric: bounced with dimensions: { Relay: <a {relay} value> }",
    );
    const loaded = await load("    - { metric: bounced, threshold: 1, dimensions: { Relay: mx.example.com } }\n");
    expect(alarmTargets(loaded.config, loaded.queries).targets[0]).toMatchObject({
      dimensions: { Relay: "mx.example.com" },
      nameIsAmbiguous: true,
    });
    const [impossible] = await issuesOf("    - { metric: bounced, threshold: 1, dimensions: { Relay: 'MX EXAMPLE' } }\n");
    expect(impossible!.message).toContain('never writes Relay="MX EXAMPLE"');
  });

  it("gives a query: entry one alarm per zeroFill name, and refuses a query without any, or one that is not there", async () => {
    const loaded = await load("    - { query: postfix-smtp-status, threshold: 5 }\n");
    expect(alarmTargets(loaded.config, loaded.queries).targets.map((t) => [t.suffix, t.dimensions])).toEqual([
      ["550-5_7_26", { Environment: "prod" }],
    ]);
    const [unknown] = await issuesOf("    - { query: postfix-smtp-statsu, threshold: 5 }\n");
    expect(unknown!.message).toContain('no query of this config is named "postfix-smtp-statsu" (did you mean "postfix-smtp-status"?)');
    const [none] = await issuesOf("    - { query: bounced-by-relay, threshold: 5 }\n");
    expect(none!.message).toContain("bounced-by-relay has no zeroFill names, so its metric names are known only from the log");
  });

  it.each([
    ["90s", "period", "90s is not a whole number of minutes, which CloudWatch alarms need; use e.g. 2m"],
    [
      "2m",
      "period",
      "2m is not a multiple of postfix-smtp-status's bin(5m), so some periods would hold no datum of 550-5_7_26; use e.g. 5m",
    ],
  ])("refuses period %s", async (period, key, message) => {
    const issues = await issuesOf(`    - { metric: 550-5_7_26, threshold: 1, period: ${period} }\n`);
    expect(issues).toEqual([expect.objectContaining({ path: `alarms.metrics[0].${key}`, message })]);
  });

  it("refuses an evaluation range CloudWatch does not evaluate and an M out of N with M > N", async () => {
    const issues = await issuesOf("    - { metric: 550-5_7_26, threshold: 1, evaluationPeriods: 300, datapointsToAlarm: 400 }\n");
    expect(issues.map((issue) => issue.path)).toEqual(["alarms.metrics[0].evaluationPeriods", "alarms.metrics[0].datapointsToAlarm"]);
    expect(issues[0]!.message).toContain("one day for periods under an hour); use at most 288");
  });

  it("refuses two alarms with one name, and alarms without a CloudWatch sink", async () => {
    const twice = await issuesOf("    - { metric: 550-5_7_26, threshold: 1 }\n    - { metric: 550-5_7_26, threshold: 9 }\n");
    expect(twice).toEqual([
      expect.objectContaining({ path: "alarms.metrics[1].name", message: expect.stringContaining("already used by alarms.metrics[0]") }),
    ]);
    await expect(
      load("    - { metric: 550-5_7_26, threshold: 1, name: first-one }\n    - { metric: 550-5_7_26, threshold: 9 }\n"),
    ).resolves.toBeDefined();
    const stdout = await issuesOf("    - { metric: 550-5_7_26, threshold: 1 }\n", "{ type: stdout }");
    expect(stdout).toEqual([expect.objectContaining({ path: "alarms", message: expect.stringContaining("this config's sink is stdout") })]);
  });

  it("refuses metric and query together, and a name on a query entry, in the schema", async () => {
    const both = await issuesOf("    - { metric: 550-5_7_26, query: postfix-smtp-status, threshold: 1 }\n");
    expect(both[0]!.message).toContain("give exactly one of metric:");
    const named = await issuesOf("    - { query: postfix-smtp-status, name: x, threshold: 1 }\n");
    expect(named).toEqual([expect.objectContaining({ path: "alarms.metrics[0].name" })]);
  });
});
