// `mail-metrics explain` as a user runs it against the CloudWatch stand-in: after `run` published
// examples/maillog (a real Postfix log), explain finds the events behind a metric through
// StartQuery and compares them with what GetMetricData says was published.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT } from "../cli/built-cli.js";
import { cloudSetup, eventsOf, GROUP, putEvents, type CloudSetup } from "./cloud-fixture.js";

interface Expected {
  readonly year: number;
  readonly queries: Record<string, Record<string, Record<string, number>>>;
}

const expected = JSON.parse(readFileSync(join(ROOT, "examples/maillog.expected.json"), "utf8")) as Expected;
const events = eventsOf(join(ROOT, "examples/maillog"), expected.year);
const FIVE_MIN = 300_000;
const iso = (ms: number) => new Date(ms).toISOString();
const firstWindow = Math.floor(Math.min(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN;
const lastWindowEnd = Math.floor(Math.max(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN + FIVE_MIN;
const allDue = iso(lastWindowEnd + FIVE_MIN);
const range = ["--from", iso(firstWindow), "--to", iso(lastWindowEnd)];

interface Report {
  count: { events: number; published: number; publishedWindows: number; reference: string; equal: boolean };
  windows: { from: string; events: number; status: string; published: number | null; note?: string }[];
  replies: { text: string; count: number }[];
  consoleUrl?: string;
  bytesScanned?: number;
}

let setup: CloudSetup | undefined;
beforeAll(buildOnce, 120_000);
afterEach(async () => {
  await setup?.standIn.close();
  setup = undefined;
});

async function published(
  queries?: readonly string[],
  standInOptions?: Parameters<typeof cloudSetup>[0]["standInOptions"],
): Promise<CloudSetup> {
  setup = await cloudSetup({
    now: Date.parse(allDue),
    schedule: `startAt: ${iso(firstWindow)}`,
    ...(queries ? { queries } : {}),
    ...(standInOptions ? { standInOptions } : {}),
  });
  await putEvents(setup.standIn.endpoint, events);
  const run = await setup.run(["run"], allDue);
  expect(run.code).toBe(0);
  return setup;
}

async function explain(cloud: CloudSetup, args: readonly string[], now = allDue): Promise<Report> {
  const result = await cloud.run(["explain", ...args, "--output", "json"], now);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
}

describe("explain against CloudWatch", () => {
  it("counts the events whose sum CloudWatch holds, for metrics of both queries over one and two windows", async () => {
    const cloud = await published();
    const chosen = ["550-5_7_26", "250-2_0_0", "sent-2_0_0", "deferred-4_4_2"];
    for (const [query, metrics] of Object.entries(expected.queries)) {
      for (const [metric, bins] of Object.entries(metrics).filter(([name]) => chosen.includes(name))) {
        const report = await explain(cloud, [metric, ...range]);
        const total = Object.values(bins).reduce((sum, n) => sum + n, 0);
        expect({ query, metric, ...report.count }).toEqual({
          query,
          metric,
          events: total,
          published: total,
          publishedWindows: 2,
          reference: "cloudwatch",
          equal: true,
          comparable: true,
          eventsInPublishedWindows: total,
        });
      }
    }
  });

  it("links to the same query in the console, and says what it scanned", async () => {
    const cloud = await published();
    const report = await explain(cloud, ["550-5_7_26", "--at", iso(firstWindow)]);
    expect(report.consoleUrl).toMatch(
      /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logs-insights:queryDetail=~\(end~'/,
    );
    expect(report.consoleUrl).toContain(`source~(~'${GROUP.replaceAll("/", "*2f")})`);
    expect(report.bytesScanned).toBeGreaterThan(0);
  });

  it("says a late line is more than was published, and a window after now is not due", async () => {
    const cloud = await published();
    const line = events.find((event) => event.message.includes("dsn=5.7.26"))!;
    cloud.setNow(Date.parse(allDue));
    await putEvents(cloud.standIn.endpoint, [{ timestamp: line.timestamp, message: line.message.replace("gmail-auth.", "late.") }]);
    const report = await explain(cloud, ["550-5_7_26", "--from", iso(firstWindow), "--to", iso(lastWindowEnd + 2 * FIVE_MIN)]);
    const window = report.windows.find((w) => Date.parse(w.from) === Math.floor(line.timestamp / FIVE_MIN) * FIVE_MIN)!;
    expect(window).toMatchObject({ events: 15, published: 14, status: "published" });
    expect(window.note).toContain("1 more events than published: lines that reached the log after the window was published");
    expect(report.count.equal).toBe(false);
    expect(report.windows.at(-1)).toMatchObject({ status: "not-due", events: 0 });
    expect(report.windows.at(-1)!.note).toContain("not due yet");
  });

  it("says when CloudWatch does not show a point yet", async () => {
    const cloud = await published(undefined, { visibilityDelayMs: "documented" });
    const report = await explain(cloud, ["550-5_7_26", "--at", iso(firstWindow)]);
    expect(report.windows[0]).toMatchObject({ events: 14, published: null, status: "published" });
    expect(report.windows[0]!.note).toContain("CloudWatch shows no point for it");
  });

  it("with the Provider dimension, compares each provider's series, and all of them when it is left out", async () => {
    const cloud = await published([
      '{ builtin: postfix-smtp-status, dimensions: { Provider: "{relayDomain}" } }',
      "postfix-delivery-status",
    ]);
    const other = await explain(cloud, ["550-5_7_26", "--dimension", "Provider=other", ...range]);
    expect(other.count).toMatchObject({ events: 14, published: 14, reference: "cloudwatch", equal: true });
    const google = await explain(cloud, ["550-5_7_26", "--dimension", "Provider=Google", ...range]);
    expect(google.count).toMatchObject({ events: 0, published: 0, equal: true });
    const all = await explain(cloud, ["550-5_7_26", ...range]);
    expect(all.count).toMatchObject({ events: 14, published: 14, reference: "run", equal: true });
  });
});
