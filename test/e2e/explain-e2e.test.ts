// `explain` on the log a real Postfix wrote while talking to the scripted peer (test/postfix/):
// for every metric the run publishes, the count is what the peer's record gives, the reply texts
// group as the peer's script wrote them, and the Provider dimension names the provider of the
// route each line's recipient took. Every expectation comes from the record and the scenario.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import type { LoadedConfig } from "../../src/config/resolved.js";
import { explainMetric, type ExplainReport } from "../../src/pipeline/explain/explain-metric.js";
import { ceilTo, floorTo } from "../../src/windows/windows.js";
import { filesSource } from "../../src/sources/files/source.js";
import { buildOnce, runCli } from "../cli/built-cli.js";
import { expectedLines, type ExpectedLine } from "../postfix/expected-lines.js";
import { providerCounts, scriptedReplies } from "../postfix/expected-explain.js";
import type { PostfixRun } from "../postfix/harness.js";
import { getPostfixRun, RUN_TIMEOUT_MS } from "../postfix/postfix-run.js";
import { postfixTestsSkipReason } from "../postfix/skip.js";
import { tempDir } from "../support/temp-dir.js";

const FIVE_MIN = 300_000;
const skip = postfixTestsSkipReason();
const total = (bins: Record<string, number>) => Object.values(bins).reduce((sum, n) => sum + n, 0);

describe.skipIf(skip !== null)("explain on a real Postfix log", () => {
  let run: PostfixRun;
  let lines: ExpectedLine[];
  let loaded: LoadedConfig;
  let configPath: string;
  beforeAll(async () => {
    [run] = await Promise.all([getPostfixRun(), buildOnce()]);
    lines = expectedLines(run.record, run.roles, run.local);
    configPath = join(tempDir("mm-e2e-explain-"), "local.yaml");
    const year = new Date(run.startedAt).getUTCFullYear();
    writeFileSync(
      configPath,
      [
        "source:",
        "  type: files",
        `  paths: [${run.logPath}]`,
        "  timezone: UTC",
        `  year: ${year}`,
        "sink:",
        "  type: stdout",
        "state:",
        "  enabled: false",
        "queries:",
        "  - builtin: postfix-smtp-status",
        '    dimensions: { Provider: "{relayDomain}" }',
        "  - builtin: postfix-delivery-status",
        "",
      ].join("\n"),
    );
    loaded = await loadConfig(configPath);
  }, RUN_TIMEOUT_MS);

  const range = () => ({ from: floorTo(run.startedAt, FIVE_MIN) - FIVE_MIN, to: ceilTo(run.finishedAt, FIVE_MIN) + FIVE_MIN });
  const explain = (metric: string, dimensions: Record<string, string> = {}): Promise<ExplainReport> =>
    explainMetric(
      {
        loaded,
        source: filesSource({ paths: [run.logPath], timezone: "UTC", year: new Date(run.startedAt).getUTCFullYear() }),
        publishedWindows: () => null,
        now: range().to + 3_600_000,
        signal: new AbortController().signal,
      },
      { selector: { metric, dimensions }, range: range(), maskRecipients: false },
    );

  it("counts, for every metric, the lines the peer's record gives, equal to what run publishes", async () => {
    for (const [query, metrics] of Object.entries(run.expected.queries)) {
      for (const [metric, bins] of Object.entries(metrics)) {
        const report = await explain(metric);
        expect({
          query,
          metric,
          events: report.comparison.events,
          published: report.comparison.published,
          agrees: report.comparison.agrees,
        }).toEqual({
          query,
          metric,
          events: total(bins),
          published: total(bins),
          agrees: true,
        });
      }
    }
  });

  it("groups the reply texts as the peer's script wrote them", async () => {
    const scripted = scriptedReplies(lines);
    for (const metric of Object.keys(run.expected.queries["postfix-smtp-status"])) {
      const report = await explain(metric);
      const groups: Record<string, number> = {};
      for (const reply of report.breakdown.replies) groups[reply.text] = (groups[reply.text] ?? 0) + reply.count;
      expect({ metric, groups }).toEqual({ metric, groups: scripted[metric] });
    }
  });

  it("names the provider of each line's route, per metric and Provider value", async () => {
    const expected = providerCounts(lines);
    expect(Object.keys(expected["550-5_7_26"] ?? {}).sort()).toEqual(["Google", "Microsoft", "other"]);
    expect(expected["421-4_7_0"]).toEqual(expect.objectContaining({ Yahoo: expect.any(Number) }));
    expect(expected["554-4_0_0"]).toEqual(expect.objectContaining({ Apple: expect.any(Number) }));
    for (const [metric, providers] of Object.entries(expected)) {
      for (const [provider, count] of Object.entries(providers)) {
        const report = await explain(metric, { Provider: provider });
        expect({ metric, provider, events: report.comparison.events, agrees: report.comparison.agrees }).toEqual({
          metric,
          provider,
          events: count,
          agrees: true,
        });
      }
    }
  });

  it("`run` publishes each reply metric per provider as the routes say, and the relay hosts show in explain", async () => {
    // Every window of the log due: the run has just ended.
    const result = await runCli([
      "run",
      "--config",
      configPath,
      "--output",
      "ndjson",
      "--now",
      new Date(range().to + 3_600_000).toISOString(),
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const published: Record<string, Record<string, number>> = {};
    for (const text of result.stdout.split("\n").filter(Boolean)) {
      const datum = JSON.parse(text) as { name: string; value: number; dimensions: Record<string, string> };
      const provider = datum.dimensions.Provider;
      if (provider === undefined || datum.value === 0) continue;
      const byProvider = (published[datum.name] ??= {});
      byProvider[provider] = (byProvider[provider] ?? 0) + datum.value;
    }
    expect(published).toEqual(providerCounts(lines));
    const gmail = await explain("550-5_7_26", { Provider: "Google" });
    expect(gmail.breakdown.relays.map((relay) => [relay.value, relay.domain])).toEqual([["gmail-smtp-in.l.google.com", "google.com"]]);
    expect(gmail.breakdown.recipientDomains.map((entry) => entry.value)).toEqual(["gmail.test"]);
    expect(gmail.breakdown.senderDomains).toEqual([{ value: "senders.test", count: gmail.comparison.events }]);
  });
});
