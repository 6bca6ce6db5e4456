// `mail-metrics explain` through the built CLI over examples/maillog (a real Postfix log): the
// README's demo, --show-query, the output formats, a state's published windows, and usage errors.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileQuery } from "../../src/insights/compile.js";
import { tempDir } from "../support/temp-dir.js";
import { ROOT, buildOnce, runCli } from "./built-cli.js";
import { ndjson } from "./fixtures.js";

beforeAll(buildOnce);

const DEMO = ["explain", "550-5_7_26", "--config", "examples/local.yaml", "--at", "2026-11-29T00:37:00Z"];

describe("mail-metrics explain over examples/maillog", () => {
  it("runs the README's demo: the count equals what run prints, and Gmail's reasons show", async () => {
    const result = await runCli([...DEMO, "--output", "table"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("550-5_7_26 from postfix-smtp-status (queries/postfix-smtp-status.yaml)");
    expect(result.stdout).toContain("count: 14 events; run publishes 14 (1 window) — the same");
    expect(result.stdout).toMatch(
      /\n\s+14 {2}550-5\.7\.26 This mail has been blocked .* DKIM = did not pass .* SPF \[senders\.test\] with ip: \[\{ip\}\] = did not pass .* \{id\} - gsmtp {2}\[end of DATA\]\n/,
    );
    expect(result.stdout).toMatch(/sender domain\n\s+14 {2}senders\.test\n/);
    expect(result.stdout).not.toContain("console");
  });

  it("--show-query prints queries that pass the engine's and the service's dialect checks, and runs nothing", async () => {
    const result = await runCli(["explain", "550-5_7_26", "--config", "examples/local.yaml", "--show-query", "--output", "table"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const queries = result.stdout.trim().split("\n\n");
    expect(queries).toHaveLength(3);
    for (const query of queries) {
      expect(query.length).toBeLessThanOrEqual(10_000);
      expect(() => compileQuery(query)).not.toThrow();
    }
    expect(queries[0]).toContain('| filter ispresent(metric) and metric = "550-5_7_26"');
  });

  it("prints one record a line with --output ndjson: summary, windows, tallies, replies, samples", async () => {
    const result = await runCli([...DEMO, "--output", "ndjson", "--mask-recipients"]);
    expect(result.code).toBe(0);
    const records = ndjson(result.stdout) as { kind: string; [key: string]: unknown }[];
    expect(records[0]).toMatchObject({ kind: "summary", metric: "550-5_7_26", events: 14, published: 14, equal: true, reference: "run" });
    expect(new Set(records.map((record) => record.kind))).toEqual(
      new Set(["summary", "window", "relay", "recipientDomain", "senderDomain", "reply", "sample", "query"]),
    );
    const samples = records.filter((record) => record.kind === "sample").map((record) => record.message as string);
    expect(samples).toHaveLength(3);
    for (const sample of samples) expect(sample).toMatch(/to=<…@[a-z]+\.test>/);
  });

  it("with a state, a due window the state does not list is not published yet", async () => {
    const dir = tempDir("mm-explain-state-");
    const config = join(dir, "local.yaml");
    writeFileSync(
      config,
      `source:\n  type: files\n  paths: [${join(ROOT, "examples/maillog")}]\n  year: 2026\nsink:\n  type: stdout\nschedule:\n  startAt: 2026-11-29T00:35:00Z\nstate:\n  path: ${join(dir, "state.json")}\nqueries:\n  - builtin: postfix-smtp-status\n`,
    );
    // The first window only: it is due at 00:45.
    expect((await runCli(["run", "--config", config, "--now", "2026-11-29T00:46:00Z"])).code).toBe(0);
    const result = await runCli([
      "explain",
      "452-4_2_2",
      "--config",
      config,
      "--from",
      "2026-11-29T00:35:00Z",
      "--to",
      "2026-11-29T00:45:00Z",
      "--now",
      "2026-11-29T00:51:00Z",
      "--output",
      "json",
    ]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const report = JSON.parse(result.stdout) as { count: Record<string, unknown>; windows: { status: string; events: number }[] };
    expect(report.count).toMatchObject({ events: 31, eventsInPublishedWindows: 22, published: 22, publishedWindows: 1, equal: true });
    expect(report.windows.map((window) => [window.status, window.events])).toEqual([
      ["published", 22],
      ["unpublished", 9],
    ]);
  });

  it("refuses what it cannot do with the fix: a metric no query publishes, --at with --from, a dimension without a value", async () => {
    const none = await runCli(["explain", "999-9_9_9", "--config", "examples/local.yaml"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no query of");
    expect(none.stderr).toContain('its metric names ({metric}) cannot be "999-9_9_9"');
    const both = await runCli([...DEMO, "--from", "2026-11-29T00:35:00Z"]);
    expect(both).toMatchObject({ code: 2 });
    expect(both.stderr).toContain("give either --at or --from/--to");
    const pair = await runCli([...DEMO, "--dimension", "Provider"]);
    expect(pair.stderr).toContain('--dimension "Provider" is not Name=Value; write it like --dimension Environment=prod');
  });
});
