// A cron-style run over a large live log: `mail-metrics run` with a state of its own and both
// shipped queries, owing one 5-minute window in the middle of the log. Measured against the same
// run over a log holding only that window's lines: the difference is what finding the window and
// reading past its ends costs (seek-by-time.ts).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { binKey, compareCounts, type Counts, type Expected } from "./expected.js";
import { writeWindowLog, type BenchLog, type Stamps } from "./make-log.js";
import { measure, median } from "./measure.js";
import { countsFromNdjson } from "./outputs.js";

export interface CronResult {
  readonly log: BenchLog;
  readonly window: { readonly from: number; readonly to: number };
  /** The window's own lines, bytes. */
  readonly windowBytes: number;
  readonly bigMs: number;
  readonly bigRuns: readonly number[];
  readonly ownMs: number;
  readonly ownRuns: readonly number[];
  readonly peakRssKb: number;
  readonly check: string;
  readonly ok: boolean;
}

const LAG_MS = 5 * 60_000;

function config(dir: string, log: string, year: number, state: string): string {
  const path = join(dir, `cron-${state}.yaml`);
  const text = [
    "source:",
    "  type: files",
    `  paths: [${log}]`,
    `  year: ${year}`,
    "sink:",
    "  type: stdout",
    "  output: ndjson",
    "state:",
    `  path: ${join(dir, `${state}.json`)}`,
    "queries:",
    "  - builtin: postfix-smtp-status",
    "  - builtin: postfix-delivery-status",
    "",
  ].join("\n");
  writeFileSync(path, text);
  return path;
}

/** Only the counts of one bin, for both queries (metric names of the two never collide). */
function windowCounts(expected: Expected, log: BenchLog, bin: number): Counts {
  const out: Counts = new Map();
  for (const query of ["postfix-smtp-status", "postfix-delivery-status"]) {
    for (const [metric, bins] of expected.counts(query, log.copies, log.shiftMs)) {
      const n = bins.get(binKey(bin));
      if (n !== undefined) out.set(metric, new Map([[binKey(bin), n]]));
    }
  }
  return out;
}

export async function cronWindow(
  root: string,
  dataDir: string,
  log: BenchLog,
  expected: Expected,
  stamps: Stamps,
  runs: number,
): Promise<CronResult> {
  const bin = expected.binMs;
  const from = Math.floor((log.firstTime + Math.floor(log.copies / 2) * log.shiftMs) / bin) * bin;
  const window = { from, to: from + bin };
  const dir = join(dataDir, "cron");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const own = join(dir, "window-only.log");
  const windowBytes = writeWindowLog(log, expected.year, stamps, window, own);
  const cli = join(root, "dist/bin/mail-metrics.js");
  const now = new Date(window.to + LAG_MS).toISOString();
  const want = windowCounts(expected, log, window.from);
  const bigRuns: number[] = [];
  const ownRuns: number[] = [];
  let peakRssKb = 0;
  const problems: string[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh state each time: a first run owes the last due window only, the one in the middle.
    for (const [path, times] of [
      [log.path, bigRuns],
      [own, ownRuns],
    ] as const) {
      const run = await measure(process.execPath, [
        cli,
        "run",
        "--config",
        config(dir, path, expected.year, `state-${times === bigRuns ? "big" : "own"}-${i}`),
        "--now",
        now,
      ]);
      times.push(run.wallMs);
      if (path === log.path) peakRssKb = Math.max(peakRssKb, run.peakRssKb);
      problems.push(
        ...compareCounts(countsFromNdjson(run.stdout), want).map((p) => `${path === log.path ? "big log" : "window only"}: ${p}`),
      );
    }
  }
  const check = problems.length === 0 ? "ok" : `MISMATCH: ${problems.slice(0, 4).join("; ")}`;
  return {
    log,
    window,
    windowBytes,
    bigMs: median(bigRuns),
    bigRuns,
    ownMs: median(ownRuns),
    ownRuns,
    peakRssKb,
    check,
    ok: problems.length === 0,
  };
}
