// The CloudWatch Logs source as a config names it: what `source:` accepts, its defaults, and a run
// opening it against the stand-in.
import { describe, expect, it } from "vitest";
import type { AwsClients } from "../../../src/aws/clients.js";
import { compileQuery } from "../../../src/insights/compile.js";
import { cloudwatchLogsSourceKind } from "../../../src/sources/cloudwatch/kind.js";
import { logsClient, metricsClient } from "../../fake-cloudwatch/sdk-clients.js";
import { startStandIn } from "../../fake-cloudwatch/start-stand-in.js";

const FROM = Date.parse("2026-11-29T12:00:00Z");
const NOW = FROM + 900_000;
const parse = (source: object) => cloudwatchLogsSourceKind.schema.safeParse({ type: "cloudwatch-logs", ...source });
const problem = (source: object) => {
  const result = parse(source);
  return result.success ? undefined : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
};

describe("source: { type: cloudwatch-logs }", () => {
  it("takes log group names and ARNs, a row limit of 10,000 and a timeout of 15 minutes unless told", () => {
    const arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/mail/postfix";
    expect(parse({ logGroups: ["/mail/postfix", arn] })).toEqual({
      success: true,
      data: { type: "cloudwatch-logs", logGroups: ["/mail/postfix", arn], queryLimit: 10_000, queryTimeout: 900_000 },
    });
  });

  it.each([
    [{ logGroups: ["/mail/postfix:*"] }, "logGroups.0: use a log group name such as /var/log/mail.log or an ARN"],
    [{ logGroups: [] }, "logGroups: "],
    [
      { logGroups: Array.from({ length: 51 }, (_, i) => `/mail/${i}`) },
      "logGroups: StartQuery takes at most 50 log groups; split them over several queries entries",
    ],
    [{ logGroups: ["/mail"], queryLimit: 100_001 }, "queryLimit: "],
    [{ logGroups: ["/mail"], queryTimeout: "soon" }, "queryTimeout: "],
  ])("refuses %j: %s", (source, message) => {
    expect(problem(source)).toContain(message);
  });

  it("opens a source that queries the configured log groups, within its limit", async () => {
    const standIn = await startStandIn({ now: () => NOW });
    standIn.state.seedLogEvents("/mail/postfix", "mx1", [{ timestamp: FROM + 1000, message: "status=sent" }]);
    const [metrics, logs] = [metricsClient(standIn.endpoint), logsClient(standIn.endpoint)];
    const clients: AwsClients = {
      logs,
      logsStarter: logs,
      metrics,
      metricsWriter: metrics,
      destroy: () => (metrics.destroy(), logs.destroy()),
    };
    const clock = { now: () => NOW, sleep: async () => {}, random: () => 0.5 };
    const source = await cloudwatchLogsSourceKind.open(
      { type: "cloudwatch-logs", logGroups: ["/mail/postfix"], queryLimit: 500, queryTimeout: 60_000 },
      { clock, aws: async () => clients },
    );
    const rows = await source.query(
      { name: "q", compiled: compileQuery("stats count(*) as n") },
      { from: FROM, to: FROM + 300_000 },
      new AbortController().signal,
    );
    expect(rows.rows).toEqual([[{ field: "n", value: "1" }]]);
    expect(standIn.state.queries.map((query) => query.limit)).toEqual([500]);
    clients.destroy();
    await standIn.close();
  });
});
