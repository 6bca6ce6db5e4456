// Every shipped query in one `mail-metrics run` against each query alone, over the same log: the
// files are read once per range for all queries (sources/files/shared-scans.ts), so the run of all
// should cost little more than the dearest single one. Every output is checked against the counts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { binKey, compareCounts, type Counts, type Expected } from "./expected.js";
import type { BenchLog } from "./make-log.js";
import { inTurns, summarize, type Measured } from "./measure.js";
import { countsFromNdjson } from "./outputs.js";

export interface AllQueriesResult extends Measured {
  /** "all" or a query's name. */
  readonly label: string;
}

function config(dir: string, log: BenchLog, expected: Expected, queries: readonly string[], label: string): string {
  const path = join(dir, `all-queries-${label}.yaml`);
  const text = [
    "source:",
    "  type: files",
    `  paths: [${log.path}]`,
    `  year: ${expected.year}`,
    "sink:",
    "  type: stdout",
    "  output: ndjson",
    "state:",
    "  enabled: false",
    "schedule:",
    `  startAt: ${binKey(Math.floor(log.firstTime / expected.binMs) * expected.binMs)}`,
    "queries:",
    ...queries.map((query) => `  - builtin: ${query}`),
    "",
  ].join("\n");
  writeFileSync(path, text);
  return path;
}

export async function allQueries(
  root: string,
  dataDir: string,
  log: BenchLog,
  expected: Expected,
  runs: number,
): Promise<AllQueriesResult[]> {
  const dir = join(dataDir, "all-queries");
  mkdirSync(dir, { recursive: true });
  const cli = join(root, "dist/bin/mail-metrics.js");
  // Long after the log's end, so every window of it is due.
  const now = new Date(log.firstTime + (log.copies + 10) * log.shiftMs).toISOString();
  const sets = [{ label: "all", queries: expected.queries }, ...expected.queries.map((query) => ({ label: query, queries: [query] }))];
  const measured = await inTurns(
    runs,
    sets.map((set) => ({
      command: process.execPath,
      args: [cli, "run", "--config", config(dir, log, expected, set.queries, set.label), "--now", now],
    })),
  );
  return sets.map((set, i) => {
    const runs = summarize(measured[i]!);
    const want: Counts = new Map(set.queries.flatMap((query) => [...expected.counts(query, log.copies, log.shiftMs)]));
    const problems = compareCounts(countsFromNdjson(runs.stdout), want);
    if (!runs.identical) problems.unshift("outputs differ between runs");
    const check = problems.length === 0 ? "ok" : `MISMATCH: ${problems.join("; ")}`;
    return {
      label: set.label,
      wallMs: runs.wallMs,
      runsMs: runs.runs.map((r) => r.wallMs),
      cpuMs: runs.cpuMs,
      peakRssKb: runs.peakRssKb,
      check,
      ok: problems.length === 0,
    };
  });
}
