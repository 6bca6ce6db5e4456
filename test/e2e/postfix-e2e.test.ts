// End to end with a real Postfix: the log it wrote while talking to the scripted peer, through
// `mail-metrics query`, through `mail-metrics run` against the CloudWatch stand-in, and re-stamped
// in RFC 3339 (+09:00), rotated and gzipped. Every expectation comes from the peer's own record of
// what it answered (test/postfix/expected.ts), never from mail-metrics' output.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, runCli } from "../cli/built-cli.js";
import { cloudSetup, eventsOf, putEvents, receivedCounts } from "../pipeline/cloud-fixture.js";
import type { PostfixRun } from "../postfix/harness.js";
import { getPostfixRun, RUN_TIMEOUT_MS } from "../postfix/postfix-run.js";
import { postfixTestsSkipReason } from "../postfix/skip.js";
import { tempDir } from "../support/temp-dir.js";

type Counts = Record<string, Record<string, number>>;
const QUERIES = ["postfix-smtp-status", "postfix-delivery-status"] as const;
const FIVE_MIN = 300_000;
const skip = postfixTestsSkipReason();

/** ndjson datums → metric → bin ISO → value, leaving out the zeros that zero-fill adds. */
function countsOf(ndjson: string): Counts {
  const out: Counts = {};
  for (const line of ndjson.split("\n").filter(Boolean)) {
    const datum = JSON.parse(line) as { name: string; timestamp: string; value: number };
    if (datum.value === 0) continue;
    (out[datum.name] ??= {})[new Date(datum.timestamp).toISOString()] = datum.value;
  }
  return out;
}

const withoutZeros = (counts: Counts): Counts =>
  Object.fromEntries(
    Object.entries(counts)
      .map(([metric, bins]) => [metric, Object.fromEntries(Object.entries(bins).filter(([, v]) => v !== 0))] as const)
      .filter(([, bins]) => Object.keys(bins).length > 0),
  );

const yearOf = (run: PostfixRun) => new Date(run.startedAt).getUTCFullYear();

/** `Nov 29 00:39:38 host ...` (UTC) → `2026-11-29T09:39:38.000000+09:00 host ...`: the same instant. */
function restampTokyo(line: string, year: number): string {
  const match = /^(\w{3}) ([ \d]\d) (\d\d:\d\d:\d\d)(.*)$/.exec(line);
  if (match === null) return line;
  const utc = Date.parse(`${match[1]} ${match[2]!.trim()} ${year} ${match[3]} UTC`);
  const tokyo = new Date(utc + 9 * 3_600_000).toISOString().slice(0, 19);
  return `${tokyo}.000000+09:00${match[4]}`;
}

describe.skipIf(skip !== null)("a real Postfix log, end to end", () => {
  let run: PostfixRun;
  beforeAll(async () => {
    [run] = await Promise.all([getPostfixRun(), buildOnce()]);
  }, RUN_TIMEOUT_MS);

  it.each(QUERIES)("`mail-metrics query %s` counts exactly what the peer answered, per metric and bin", async (name) => {
    const result = await runCli(["query", name, run.logPath, "--timezone", "UTC", "--year", String(yearOf(run)), "--output", "ndjson"]);
    expect(result.code).toBe(0);
    expect(countsOf(result.stdout)).toEqual(withoutZeros(run.expected.queries[name]));
  });

  it("re-stamped in RFC 3339 with +09:00, rotated into mail.log, mail.log.1 and mail.log.2.gz, gives the same counts", async () => {
    const dir = tempDir("mm-e2e-rotated-");
    const lines = readFileSync(run.logPath, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => restampTokyo(line, yearOf(run)));
    const third = Math.ceil(lines.length / 3);
    writeFileSync(join(dir, "mail.log.2.gz"), gzipSync(`${lines.slice(0, third).join("\n")}\n`));
    writeFileSync(join(dir, "mail.log.1"), `${lines.slice(third, 2 * third).join("\n")}\n`);
    writeFileSync(join(dir, "mail.log"), `${lines.slice(2 * third).join("\n")}\n`);
    for (const name of QUERIES) {
      // The zone option is for syslog stamps; RFC 3339 lines carry their own offset, so it must not matter.
      const result = await runCli(["query", name, join(dir, "mail.log*"), "--timezone", "America/New_York", "--output", "ndjson"]);
      expect(result.code).toBe(0);
      expect(countsOf(result.stdout)).toEqual(withoutZeros(run.expected.queries[name]));
    }
  });

  describe("through CloudWatch", () => {
    let close: (() => Promise<void>) | undefined;
    afterAll(async () => close?.());

    it("`mail-metrics run` publishes exactly the same counts as the peer's record", async () => {
      const events = eventsOf(run.logPath, yearOf(run));
      const first = Math.floor(Math.min(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN;
      const lastEnd = Math.floor(Math.max(...events.map((e) => e.timestamp)) / FIVE_MIN) * FIVE_MIN + FIVE_MIN;
      const now = new Date(lastEnd + FIVE_MIN).toISOString();
      const setup = await cloudSetup({ now: Date.parse(now), schedule: `startAt: ${new Date(first).toISOString()}` });
      close = () => setup.standIn.close();
      await putEvents(setup.standIn.endpoint, events);
      const result = await setup.run(["run"], now);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const expected: Counts = {};
      for (const name of QUERIES) Object.assign(expected, withoutZeros(run.expected.queries[name]));
      expect(withoutZeros(receivedCounts(setup.standIn))).toEqual(expected);
      expect([...setup.standIn.state.datumsByMetricAndTimestamp().values()].filter((d) => d.length > 1)).toEqual([]);
    });
  });
});
