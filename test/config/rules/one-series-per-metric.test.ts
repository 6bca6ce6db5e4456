import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { oneSeriesPerMetric } from "../../../src/config/rules/one-series-per-metric.js";
import { configErrorOf } from "../config-error-of.js";
import { tempTree } from "../temp-tree.js";

const HEAD = `source: { type: files, paths: [mail.log] }
sink: { type: cloudwatch, namespace: Mail/Postfix }
queries:
`;

const DELIVERY = readFileSync(new URL("../../../queries/postfix-delivery-status.yaml", import.meta.url), "utf8");

/** A query definition counting `parse` group k per bin, named by `name` (a template over k). */
const counting = (queryName: string, group: string, name: string, dimensions = "{}") => `name: ${queryName}
query: |
  parse @message /k=(?<k>${group});/
  | filter ispresent(k)
  | stats count(*) as n by k, bin(5m) as t
metric: { name: "${name}", value: n, timestamp: t, dimensions: ${dimensions} }
`;

async function load(entries: string, files: Record<string, string> = {}) {
  const dir = tempTree({ "config.yaml": HEAD + entries, ...files });
  return loadConfig(join(dir, "config.yaml"), { env: {} });
}

const issuesOf = (entries: string, files: Record<string, string> = {}) => configErrorOf(load(entries, files));

describe(oneSeriesPerMetric.name, () => {
  it("accepts the shipped config: a reply code starts with a digit, a delivery status with a letter", async () => {
    const loaded = await loadConfig(new URL("../../../config.example.yaml", import.meta.url).pathname, {
      env: { AWS_REGION: "eu-west-1" },
    });
    expect(loaded.queries.map((query) => [query.mapping.name, query.mapping.dimensions])).toEqual([
      ["{metric}", { Environment: "prod" }],
      ["{metric}", { Environment: "prod" }],
    ]);
  });

  it("accepts the shipped queries with the Provider dimension on, and sees the values its table can publish", async () => {
    const provider = '  - builtin: postfix-smtp-status\n    dimensions: { Provider: "{relayDomain}" }\n';
    const loaded = await load(`${provider}  - builtin: postfix-delivery-status\n`);
    expect(loaded.queries[0]!.mapping.dimensionValues?.Provider?.default).toBe("other");
    // A reply-code query of its own whose Provider can only be "Gmail", a value the table never publishes: apart.
    const own = (value: string) => ({ "own.yaml": counting("own", "[2-5][0-9][0-9]", "{k}-1_0_0", `{ Provider: ${value} }`) });
    await expect(load(`${provider}  - file: own.yaml\n`, own("Gmail"))).resolves.toBeDefined();
    // …but "Google" it can: the same series.
    const error = await issuesOf(`${provider}  - file: own.yaml\n`, own("Google"));
    expect(error.message).toContain(
      "own (own.yaml) and queries[0] postfix-smtp-status (queries/postfix-smtp-status.yaml) can publish the same metric",
    );
  });

  it("refuses the same query twice under two names, naming both, an example name and the way out", async () => {
    const error = await issuesOf("  - builtin: postfix-delivery-status\n  - file: copy.yaml\n", {
      "copy.yaml": DELIVERY.replace("name: postfix-delivery-status", "name: delivery-copy"),
    });
    expect(error.issues).toEqual([expect.objectContaining({ path: "queries[1]", line: 5 })]);
    expect(error.message).toContain(
      "delivery-copy (copy.yaml) and queries[0] postfix-delivery-status (queries/postfix-delivery-status.yaml) can publish the same metric: " +
        'their metric.name "{metric}" and metric.name "{metric}" can both be ',
    );
    expect(error.message).toContain("with no dimensions, and CloudWatch would add both into one series in namespace Mail/Postfix");
    expect(error.message).toContain(
      "give one of them a dimension of its own, e.g. under queries[1]: dimensions: { Query: delivery-copy }, or publish it from a config with another sink.namespace",
    );
  });

  it("passes once the way out is taken: a dimension of its own, or another value of a shared one", async () => {
    const copy = { "copy.yaml": DELIVERY.replace("name: postfix-delivery-status", "name: delivery-copy") };
    await expect(
      load("  - builtin: postfix-delivery-status\n  - file: copy.yaml\n    dimensions: { Query: delivery-copy }\n", copy),
    ).resolves.toBeDefined();
    const staging =
      "  - builtin: postfix-delivery-status\n    dimensions: { Environment: prod }\n  - file: copy.yaml\n    dimensions: { Environment: staging }\n";
    await expect(load(staging, copy)).resolves.toBeDefined();
  });

  it("refuses a name whose fields can hold anything next to any other", async () => {
    const glob = `name: anything
query: |
  parse @message "status=* " as status
  | stats count(*) as n by status, bin(5m) as t
metric: { name: "{status}", value: n, timestamp: t }
`;
    const error = await issuesOf("  - builtin: postfix-smtp-status\n  - file: glob.yaml\n", { "glob.yaml": glob });
    expect(error.issues).toEqual([expect.objectContaining({ path: "queries[1]" })]);
    expect(error.message).toMatch(/their metric\.name "\{status\}" and (metric\.name "\{metric\}"|zeroFill "[^"]+") can both be "[^"]+"/);
  });

  it("tells names apart by a literal part or by the characters of a group", async () => {
    const files = {
      "a.yaml": counting("a", "[a-z]+", "smtp-{k}"),
      "b.yaml": counting("b", "[a-z]+", "lmtp-{k}"),
      "c.yaml": counting("c", "[0-9]+", "{k}"),
      "d.yaml": counting("d", "[a-z]+", "{k}"),
      "e.yaml": counting("e", "[a-z-]+", "{k}"),
    };
    await expect(load("  - file: a.yaml\n  - file: b.yaml\n  - file: c.yaml\n  - file: d.yaml\n", files)).resolves.toBeDefined();
    const error = await issuesOf("  - file: a.yaml\n  - file: b.yaml\n  - file: e.yaml\n", files);
    expect(error.issues.map((issue) => issue.path)).toEqual(["queries[2]", "queries[2]"]);
    expect(error.message).toContain('their metric.name "{k}" and metric.name "smtp-{k}" can both be "smtp-a"');
    expect(error.message).toContain('their metric.name "{k}" and metric.name "lmtp-{k}" can both be "lmtp-a"');
  });

  it("refuses a zeroFill name that the other query's template can produce", async () => {
    const error = await issuesOf("  - builtin: postfix-smtp-status\n    zeroFill: [sent-2_0_0]\n  - builtin: postfix-delivery-status\n");
    expect(error.issues).toEqual([expect.objectContaining({ path: "queries[1]", line: 6 })]);
    expect(error.message).toContain('their metric.name "{metric}" and zeroFill "sent-2_0_0" can both be "sent-2_0_0"');
  });

  it("compares dimension values made from `by` fields", async () => {
    const files = {
      "a.yaml": counting("a", "[a-z]+", "deliveries", '{ Relay: "{k}" }'),
      "b.yaml": counting("b", "[0-9.]+", "deliveries", '{ Relay: "{k}" }'),
      "c.yaml": counting("c", "[a-z0-9.]+", "deliveries", '{ Relay: "{k}" }'),
    };
    await expect(load("  - file: a.yaml\n  - file: b.yaml\n", files)).resolves.toBeDefined();
    const error = await issuesOf("  - file: a.yaml\n  - file: b.yaml\n  - file: c.yaml\n", files);
    expect(error.issues.map((issue) => issue.path)).toEqual(["queries[2]", "queries[2]"]);
    expect(error.message).toContain("with dimensions Relay that can take the same values");
  });
});
