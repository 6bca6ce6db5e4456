// A run or backfill over local files reads the files once per range for every query of the config
// (sources/files/shared-scans.ts), not once per query, and each query still gets exactly its counts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import type { Datum } from "../../src/metrics/datum.js";
import { backfillQueries } from "../../src/pipeline/backfill-queries.js";
import { collectingSink, openEndpoints } from "../../src/pipeline/endpoints.js";
import { seriesJobs } from "../../src/pipeline/jobs.js";
import { runQueries } from "../../src/pipeline/run-queries.js";
import type { RunSeriesDeps } from "../../src/pipeline/run-series.js";
import { StateHandle } from "../../src/state/handle.js";
import * as passes from "../../src/sources/files/run-query-over-files.js";
import { clockStartingAt } from "../../src/util/clock.js";
import { tempDir } from "../support/temp-dir.js";

vi.mock("../../src/sources/files/run-query-over-files.js", { spy: true });

const ROOT = join(import.meta.dirname, "../..");
const expected = JSON.parse(readFileSync(join(ROOT, "examples/maillog.expected.json"), "utf8")) as {
  year: number;
  queries: Record<string, Record<string, Record<string, number>>>;
};
const QUERIES = Object.keys(expected.queries);
const BIN = 300_000;
const bins = [
  ...new Set(Object.values(expected.queries).flatMap((metrics) => Object.values(metrics).flatMap((byBin) => Object.keys(byBin)))),
].sort();
const range = { from: Date.parse(bins[0]!), to: Date.parse(bins.at(-1)!) + BIN };

async function setup() {
  const dir = tempDir("mm-one-pass-");
  const path = join(dir, "local.yaml");
  const config = [
    "source:",
    "  type: files",
    `  paths: [${join(ROOT, "examples/maillog")}]`,
    `  year: ${expected.year}`,
    "sink:",
    "  type: stdout",
    "state:",
    "  enabled: false",
    "schedule:",
    `  startAt: ${bins[0]}`,
    "queries:",
    ...QUERIES.map((query) => `  - builtin: ${query}`),
    "",
  ];
  writeFileSync(path, config.join("\n"));
  const loaded = await loadConfig(path);
  const clock = clockStartingAt(range.to + BIN);
  const endpoints = await openEndpoints(loaded, { aws: {}, clock, dryRun: false });
  const collected: Datum[] = [];
  const deps: RunSeriesDeps = {
    state: new StateHandle(),
    sink: collectingSink(endpoints.sink, collected),
    clock,
    signal: new AbortController().signal,
    source: endpoints.source,
    windows: { period: BIN, lag: BIN, maxCatchUp: 288 * BIN },
  };
  return { deps, jobs: seriesJobs(loaded), collected };
}

/** The datums' counts as examples/maillog.expected.json lists them (zero-filled bins left out). */
function counts(datums: readonly Datum[]) {
  const out: Record<string, number> = {};
  for (const datum of datums) {
    if (datum.value === 0) continue;
    const key = `${datum.name} @ ${new Date(datum.timestamp).toISOString()}`;
    out[key] = (out[key] ?? 0) + datum.value;
  }
  return out;
}

function expectedCounts() {
  const out: Record<string, number> = {};
  for (const metrics of Object.values(expected.queries)) {
    for (const [name, byBin] of Object.entries(metrics))
      for (const [bin, n] of Object.entries(byBin)) out[`${name} @ ${bin}`] = (out[`${name} @ ${bin}`] ?? 0) + n;
  }
  return out;
}

const opts = { dryRun: false, interruptedBy: () => null, configPath: "local.yaml" };

describe("one pass over the files for every query", () => {
  it("a run reads each range once, for every query at once", async () => {
    const { deps, jobs, collected } = await setup();
    expect(jobs).toHaveLength(2);
    vi.mocked(passes.runQueriesOverFiles).mockClear();
    // The first run of a series owes only the last due window; then the series' start is set back.
    const said = await runQueries(deps, jobs, opts);
    expect(said.code).toBe(0);
    const calls = vi.mocked(passes.runQueriesOverFiles).mock.calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]![0].map((query) => query.compiled)).toEqual(expect.arrayContaining(jobs.map((job) => job.query.compiled)));
    expect(collected.length).toBeGreaterThan(0);
  });

  it("a backfill reads each chunk once, and every query gets its own counts", async () => {
    const { deps, jobs, collected } = await setup();
    vi.mocked(passes.runQueriesOverFiles).mockClear();
    const said = await backfillQueries(deps, jobs, { ...opts, range, concurrency: 2, force: false });
    expect(said.code).toBe(0);
    const calls = vi.mocked(passes.runQueriesOverFiles).mock.calls;
    // concurrency 2 over two windows: two chunks, each read once for both queries.
    expect(calls.map(([queries, , options]) => [queries.length, options.from, options.to])).toEqual([
      [2, range.from, range.from + BIN],
      [2, range.from + BIN, range.to],
    ]);
    expect(counts(collected)).toEqual(expectedCounts());
  });
});
