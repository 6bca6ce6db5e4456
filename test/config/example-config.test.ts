// config.example.yaml is the production config people copy (README, Production use). Its
// commented-out settings are only useful if they are valid once switched on, and it promises to be
// complete: every key a production config (cloudwatch-logs source, cloudwatch sink) can use is shown.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../src/config/load-config.js";
import { allowedKeysAt } from "../../src/config/schema-keys.js";
import { configSchema } from "../../src/config/schema.js";
import { desiredAlarms } from "../../src/monitoring/desired-alarms.js";
import type { KeyPath } from "../../src/config/yaml-source.js";
import { tempTree } from "./temp-tree.js";

const EXAMPLE = readFileSync(new URL("../../config.example.yaml", import.meta.url), "utf8");

/**
 * The example with its commented-out settings switched on. A setting is a comment line that reads
 * `# key: ...` or `# - key: ...` with a lowerCamel key (prose starts otherwise), or a dimension
 * `# Name: "{field}"`; the comment lines right after it at the same `#` column and indented further
 * (`#   - item`) are its block.
 */
function switchedOn(text: string): string {
  let block: string | null = null;
  return text
    .split("\n")
    .map((line) => {
      const setting = /^( *)# ((?:- )?[a-z][A-Za-z]*:(?: .*)?|[A-Z][A-Za-z]*: "\{[^{}]+\}")$/.exec(line);
      if (setting) {
        block = setting[1]!;
        return setting[1]! + setting[2]!;
      }
      const more = /^( *)# ( +\S.*)$/.exec(line);
      if (block !== null && more?.[1] === block) return block + more[2]!;
      block = null;
      return line;
    })
    .join("\n");
}

const OWN_QUERY = `name: bounces-by-domain
query: |
  filter @message like /status=bounced/
  | parse @message /to=<[^@>]*@(?<domain>[^>]+)>/
  | stats count(*) as count by domain, bin(5m) as binStart
metric:
  name: bounced
  value: count
  timestamp: binStart
  dimensions: { Domain: "{domain}" }
`;

async function loadSwitchedOn() {
  const dir = tempTree({ "prod.yaml": switchedOn(EXAMPLE), "queries/bounces-by-domain.yaml": OWN_QUERY });
  return loadConfig(join(dir, "prod.yaml"), { env: {} });
}

describe("config.example.yaml", () => {
  it("is valid with every commented-out setting switched on, and the per-query overrides apply to their query only", async () => {
    const loaded = await loadSwitchedOn();
    const byName = Object.fromEntries(loaded.queries.map((q) => [q.name, q]));
    expect(Object.keys(byName)).toEqual(["postfix-smtp-status", "postfix-delivery-status", "bounces-by-domain"]);
    expect(byName["postfix-smtp-status"]).toMatchObject({ queryLimit: 50_000, logGroups: ["/mail/postfix"] });
    expect(byName["postfix-smtp-status"]!.mapping.dimensions).toEqual({ Environment: "prod", Provider: "{relayDomain}" });
    expect(byName["postfix-smtp-status"]!.mapping.dimensionValues!.Provider!.default).toBe("other");
    expect(byName["postfix-delivery-status"]).toMatchObject({ queryLimit: 10_000, logGroups: ["/mail/postfix", "/mail/postfix-outbound"] });
    expect(byName["bounces-by-domain"]!.mapping.dimensions).toEqual({ Domain: "{domain}", Environment: "prod" });
  });

  // Keys a production config has no use for: the editor hint is the yaml-language-server comment;
  // state.enabled: false is only allowed with a stdout sink.
  const NOT_FOR_PRODUCTION = new Set(["$schema", "state.enabled"]);

  it("shows every key of a production config, set or commented out", () => {
    const data = parse(switchedOn(EXAMPLE)) as Record<string, unknown> & {
      queries: Record<string, unknown>[];
      alarms: { actions: object; metrics: Record<string, unknown>[] };
    };
    const sections: [string, KeyPath, object[]][] = [
      ["", [], [data]],
      ...["aws", "source", "sink", "schedule", "state", "alarms", "dashboard"].map((key): [string, KeyPath, object[]] => [
        `${key}.`,
        [key],
        [data[key] as object],
      ]),
      ["queries[].", ["queries", 0], data.queries],
      // An alarm's own actions: take the same keys as alarms.actions, shown in full.
      ["alarms.actions.", ["alarms", "actions"], [data.alarms.actions]],
      ["alarms.metrics[].", ["alarms", "metrics", 0], data.alarms.metrics],
    ];
    const missing = sections.flatMap(([prefix, path, shown]) =>
      allowedKeysAt(configSchema, path, data)!
        .filter((key) => !shown.some((entry) => key in entry))
        .map((key) => prefix + key)
        .filter((key) => !NOT_FOR_PRODUCTION.has(key)),
    );
    expect(missing).toEqual([]);
  });

  it("declares the alarm on the first 550-5_7_26 in 5 minutes and the heartbeat alarm, each with how to look further", async () => {
    const dir = tempTree({ "prod.yaml": EXAMPLE });
    const loaded = await loadConfig(join(dir, "prod.yaml"), { env: {} });
    const [gmail, heartbeat] = desiredAlarms(loaded);
    expect(gmail).toMatchObject({
      MetricName: "550-5_7_26",
      Statistic: "Maximum",
      Period: 300,
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      EvaluationPeriods: 1,
    });
    expect(gmail!.AlarmDescription).toContain(`mail-metrics explain 550-5_7_26 --config ${loaded.path}`);
    // 3 × schedule.period + schedule.lag, for three periods; no datum at all breaches.
    expect(heartbeat).toMatchObject({
      MetricName: "mail-metrics-window-age",
      Dimensions: [{ Name: "Config", Value: "prod" }],
      Threshold: 1200,
      ComparisonOperator: "GreaterThanThreshold",
      EvaluationPeriods: 3,
      TreatMissingData: "breaching",
    });
  });
});
