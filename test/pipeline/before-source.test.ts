// Windows before the configured files begin (pipeline/before-source.ts): a backfill of them is
// refused before anything is written or published; a run leaves them owed and says so once, and
// publishes them when the rotated logs are added to source.paths.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/errors.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { Datum } from "../../src/metrics/datum.js";
import { backfillQueries } from "../../src/pipeline/backfill-queries.js";
import { backfillBeforeSource } from "../../src/pipeline/before-source.js";
import { collectingSink, openEndpoints } from "../../src/pipeline/endpoints.js";
import { seriesJobs } from "../../src/pipeline/jobs.js";
import { runQueries } from "../../src/pipeline/run-queries.js";
import type { RunSeriesDeps } from "../../src/pipeline/run-series.js";
import { StateHandle } from "../../src/state/handle.js";
import { clockStartingAt } from "../../src/util/clock.js";
import { tempDir } from "../support/temp-dir.js";

const ROOT = join(import.meta.dirname, "../..");
const MIN = 60_000;
const PERIOD = 5 * MIN;
const QUERIES = ["postfix-smtp-status", "postfix-delivery-status"];
const at = (hh: number, mm: number) => Date.UTC(2026, 10, 29, hh, mm);

/** examples/maillog (Nov 29 00:39–00:41) as mail.log.1, and the same lines at 13:57–13:59 as mail.log, the live log. */
function rotatedLogs(): string {
  const dir = tempDir("mm-before-source-");
  const older = readFileSync(join(ROOT, "examples/maillog"), "utf8");
  writeFileSync(join(dir, "mail.log.1"), older);
  writeFileSync(
    join(dir, "mail.log"),
    older.replace(/^Nov 29 00:(39|40|41)/gm, (_, mm: string) => `Nov 29 13:${Number(mm) + 18}`),
  );
  return dir;
}

async function setup(dir: string, paths: string[], now: number, startAt: string, state = new StateHandle()) {
  const path = join(dir, `rot-${paths.length}.yaml`);
  const config = [
    "source:",
    "  type: files",
    `  paths: [${paths.join(", ")}]`,
    "  year: 2026",
    "sink:",
    "  type: stdout",
    "schedule:",
    `  startAt: ${startAt}`,
    "queries:",
    ...QUERIES.map((query) => `  - builtin: ${query}`),
    "",
  ];
  writeFileSync(path, config.join("\n"));
  const loaded = await loadConfig(path);
  const clock = clockStartingAt(now);
  const endpoints = await openEndpoints(loaded, { aws: {}, clock, dryRun: false });
  const collected: Datum[] = [];
  const deps: RunSeriesDeps = {
    state,
    sink: collectingSink(endpoints.sink, collected),
    clock,
    signal: new AbortController().signal,
    source: endpoints.source,
    windows: { period: PERIOD, lag: MIN, maxCatchUp: 288 * PERIOD, startAt: Date.parse(startAt) },
  };
  return { deps, jobs: seriesJobs(loaded), collected, state };
}

const opts = { dryRun: false, interruptedBy: () => null, configPath: "rot1.yaml" };

describe("windows before the configured files begin", () => {
  it("a backfill that begins before them is refused (exit 2) with the fixes, writing and publishing nothing", async () => {
    const dir = rotatedLogs();
    const { deps, jobs, collected, state } = await setup(dir, ["mail.log"], at(23, 0), "2026-11-29T00:00:00Z");
    const range = { from: at(0, 30), to: at(21, 0) };
    const refused = await backfillQueries(deps, jobs, { ...opts, range, concurrency: 2, force: false }).catch((error: unknown) => error);
    expect(exitCodeFor(refused)).toBe(2);
    const message = (refused as Error).message;
    expect(message).toContain("source.paths of rot1.yaml");
    expect(message).toContain(`2026-11-29T13:57:38Z, the first line of ${join(dir, "mail.log")}`);
    expect(message).toContain(`${join(dir, "mail.log.1")} and ${join(dir, "mail.log.*.gz")}`);
    // The first line less the minute's margin is 13:56:38: its window starts at 13:55.
    expect(message).toContain("mail-metrics backfill --config rot1.yaml --from 2026-11-29T13:55:00Z --to 2026-11-29T21:00:00Z");
    expect(state.all()).toEqual({});
    expect(collected).toEqual([]);
  });

  it("a backfill from the first window they cover is published", async () => {
    const { deps, jobs, collected } = await setup(rotatedLogs(), ["mail.log"], at(23, 0), "2026-11-29T00:00:00Z");
    const said = await backfillQueries(deps, jobs, { ...opts, range: { from: at(13, 55), to: at(21, 0) }, concurrency: 2, force: false });
    expect(said.code).toBe(0);
    expect(collected.some((datum) => datum.value > 0)).toBe(true);
  });

  it("a backfill whose files are gone still owes its range before failing (exit 1), so later runs publish it", async () => {
    const dir = rotatedLogs();
    const { deps, jobs, state } = await setup(dir, ["mail.log"], at(23, 0), "2026-11-29T00:00:00Z");
    renameSync(join(dir, "mail.log"), join(dir, "mail.log.away"));
    const range = { from: at(14, 0), to: at(15, 0) };
    const failed = await backfillQueries(deps, jobs, { ...opts, range, concurrency: 2, force: false }).catch((error: unknown) => error);
    expect(exitCodeFor(failed)).toBe(1);
    expect(Object.values(state.all()).map((series) => series.owed)).toEqual([[range], [range]]);
  });

  it("a run leaves them owed, says so once, and publishes them once the rotated log is configured", async () => {
    const dir = rotatedLogs();
    const first = await setup(dir, ["mail.log"], at(14, 31), "2026-11-29T12:00:00Z");
    const said = await runQueries(first.deps, first.jobs, opts);
    expect(said.code).toBe(0);
    const warnings = said.lines.filter((line) => line.to === "warn").map((line) => line.text);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      "not published: 23 windows 2026-11-29T12:00:00Z–2026-11-29T13:55:00Z of postfix-smtp-status, postfix-delivery-status",
    );
    expect(warnings[0]).toContain(`${join(dir, "mail.log.1")} and ${join(dir, "mail.log.*.gz")}`);
    const summaries = said.lines.filter((line) => line.to === "info").map((line) => line.text);
    expect(summaries).toHaveLength(2);
    for (const summary of summaries) expect(summary).toContain("left owed 23 windows 2026-11-29T12:00:00Z–2026-11-29T13:55:00Z");
    expect(Math.min(...first.collected.map((datum) => datum.timestamp))).toBe(at(13, 55));

    // mail.log.1 holds no line of 12:00–13:55 either, but it shows the log was not cut there.
    const fixed = await setup(dir, ["mail.log.1", "mail.log"], at(14, 36), "2026-11-29T12:00:00Z", first.state);
    const next = await runQueries(fixed.deps, fixed.jobs, opts);
    expect(next.lines.filter((line) => line.to === "warn")).toEqual([]);
    const before = fixed.collected.filter((datum) => datum.timestamp < at(13, 55));
    expect(new Set(before.map((datum) => datum.timestamp)).size).toBe(23);
    expect(before.every((datum) => datum.value === 0)).toBe(true);
  });
});

describe(backfillBeforeSource.name, () => {
  const coverage = (from: number) => ({ from, what: "the logs in source.paths", where: "begin at …", fix: "add the rotated logs" });
  const range = { from: at(12, 0), to: at(13, 0) };
  const refusal = (windows: string, next: string) =>
    "backfill --from 2026-11-29T12:00:00Z: the logs in source.paths of c.yaml begin at …, so the range's windows" +
    `${windows} would be published as 0 whatever was logged in them. Nothing was published. Add the rotated logs${next}`;

  // The whole message: what the user reads, and the command it gives to run instead.
  it.each([
    ["begins in the first covered window", at(12, 3), undefined],
    [
      "begins a window earlier",
      at(12, 6),
      refusal(
        " before 2026-11-29T12:05:00Z",
        ", or backfill from the first window they cover:\n" +
          "  mail-metrics backfill --config c.yaml --from 2026-11-29T12:05:00Z --to 2026-11-29T13:00:00Z",
      ),
    ],
    [
      "ends where the first covered window begins",
      at(13, 3),
      refusal(" before 2026-11-29T13:00:00Z", ", or backfill a range from 2026-11-29T13:00:00Z on"),
    ],
    [
      "lies wholly before the files",
      at(13, 7),
      refusal(" before 2026-11-29T13:05:00Z", ", or backfill a range from 2026-11-29T13:05:00Z on"),
    ],
    ["reads files that are all empty", Number.POSITIVE_INFINITY, refusal("", "")],
  ])("a range that %s", (_, from, said) => {
    const refused = backfillBeforeSource(range, coverage(from), PERIOD, "c.yaml");
    if (said === undefined) expect(refused).toBeUndefined();
    else expect(refused?.message).toBe(said);
  });

  it("refuses nothing when the source cannot tell (stdin, CloudWatch Logs)", () => {
    expect(backfillBeforeSource(range, undefined, PERIOD, "c.yaml")).toBeUndefined();
  });
});
