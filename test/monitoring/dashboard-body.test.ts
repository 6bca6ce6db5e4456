import { describe, expect, it } from "vitest";
import { dashboardBody } from "../../src/monitoring/dashboard-body.js";
import { metricSearch } from "../../src/monitoring/metric-search.js";
import { alarmConfig, GMAIL_AND_HEARTBEAT } from "./alarm-config.js";

const ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:mail-metrics/prod/550-5_7_26";

/** Every namespace the body names: metric arrays' first element, and each SEARCH schema's first name. */
function namespacesIn(body: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      if (typeof value[0] === "string" && typeof value[1] === "string" && value.length >= 2) found.push(value[0]);
      value.forEach(walk);
    } else if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "expression") for (const m of String(inner).matchAll(/\{"?([^",}]+)"?/g)) found.push(m[1]!);
        else walk(inner);
      }
    }
  };
  walk(body);
  return found;
}

describe(dashboardBody.name, () => {
  it("graphs replies and deliveries with one SEARCH each, the alarms, and the tool's health, naming only the config's namespace", async () => {
    const loaded = await alarmConfig(GMAIL_AND_HEARTBEAT);
    const { body, warnings } = dashboardBody({ loaded, namespace: "Mail/Postfix", region: "eu-west-1", alarmArns: [ARN] });
    expect(warnings).toEqual([]);
    expect(body.widgets.map((w) => [w.type, w.x, w.y, w.width])).toEqual([
      ["text", 0, 0, 8],
      ["alarm", 8, 0, 16],
      ["metric", 0, 4, 12],
      ["metric", 12, 4, 12],
      ["metric", 0, 12, 6],
      ["metric", 6, 12, 6],
      ["metric", 12, 12, 6],
      ["metric", 18, 12, 6],
    ]);
    const [, alarms, replies, deliveries, age] = body.widgets;
    expect(alarms!.properties).toMatchObject({ alarms: [ARN] });
    expect(replies!.properties).toMatchObject({
      region: "eu-west-1",
      stacked: true,
      metrics: [
        [
          {
            expression: `SEARCH('{"Mail/Postfix",Environment} Environment="prod" NOT MetricName=(sent OR deferred OR bounced OR SOFTBOUNCE OR undeliverable OR deliverable)', 'Sum', 300)`,
          },
        ],
      ],
    });
    expect(deliveries!.properties).toMatchObject({
      metrics: [
        [
          {
            expression: `SEARCH('{"Mail/Postfix",Environment} Environment="prod" MetricName=(sent OR deferred OR bounced OR SOFTBOUNCE OR undeliverable OR deliverable)', 'Sum', 300)`,
          },
        ],
      ],
    });
    expect(age!.properties).toMatchObject({ metrics: [["Mail/Postfix", "mail-metrics-window-age", "Config", "prod"]], stat: "Maximum" });
    expect(new Set(namespacesIn(body))).toEqual(new Set(["Mail/Postfix"]));
    expect(namespacesIn(body).length).toBe(6);
  });

  it("has no alarm widget without alarms, and one per 100 alarms", async () => {
    const loaded = await alarmConfig(GMAIL_AND_HEARTBEAT);
    const none = dashboardBody({ loaded, namespace: "Mail/Postfix", region: "eu-west-1", alarmArns: [] }).body.widgets;
    expect(none.filter((w) => w.type === "alarm")).toEqual([]);
    expect(none[0]!.properties.markdown).toContain(`mail-metrics alarms sync --config ${loaded.path}`);
    const arns = Array.from({ length: 150 }, (_, i) => `${ARN}-${i}`);
    const many = dashboardBody({ loaded, namespace: "Mail/Postfix", region: "eu-west-1", alarmArns: arns }).body.widgets.filter(
      (w) => w.type === "alarm",
    );
    expect(many.map((w) => (w.properties.alarms as string[]).length)).toEqual([100, 50]);
  });

  it("says when a graph cannot keep two queries apart, and keeps the heartbeat out of a query without dimensions", async () => {
    const own = (name: string) => `name: ${name}
query: |
  parse @message /k=(?<k>[a-z]+);/
  | filter ispresent(k)
  | stats count(*) as n by k, bin(5m) as t
metric: { name: "${name}-{k}", value: n, timestamp: t }
`;
    const loaded = await alarmConfig(GMAIL_AND_HEARTBEAT, {
      extraQueries: "  - file: a.yaml\n  - file: b.yaml\n",
      files: { "a.yaml": own("aaa"), "b.yaml": own("bbb") },
    });
    const { warnings } = dashboardBody({ loaded, namespace: "Mail/Postfix", region: "eu-west-1", alarmArns: [] });
    expect(warnings).toEqual([
      expect.stringContaining(
        "queries[2] aaa and queries[3] bbb publish with the same dimensions, so the dashboard's graph of aaa also shows bbb's metrics",
      ),
      expect.stringContaining("queries[3] bbb and queries[2] aaa publish with the same dimensions"),
    ]);
    expect(metricSearch("Mail/Postfix", loaded.queries[2]!, loaded.queries, "Sum", 300).expression).toBe(
      `SEARCH('{"Mail/Postfix"} NOT MetricName=("mail-metrics-window-age" OR "mail-metrics-unknown-fate-datums" OR "mail-metrics-bytes-scanned" OR "mail-metrics-stuck-lock-age")', 'Sum', 300)`,
    );
  });
});
