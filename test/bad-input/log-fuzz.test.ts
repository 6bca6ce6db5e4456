// Log-reader fuzzer: examples/maillog (a real Postfix run) with hostile lines inserted, real lines
// damaged, over-long lines, CRLF endings, gzip, rotation and truncated gzip (log-case.ts), read by
// the file source with both shipped queries. Nothing may throw; every line is accounted for exactly
// once (read, prefiltered, or skipped and counted); an intact input still gives exactly the counts
// derived from the SMTP peer's record; a truncated one gives at most them and is reported.
// Replay a run with BAD_INPUT_SEED=<seed printed>.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileQuery } from "../../src/insights/compile.js";
import { runQueryOverFiles, type FilesResult } from "../../src/sources/files/run-query-over-files.js";
import type { ReadStats } from "../../src/sources/files/read-stats.js";
import { tempTree } from "../config/temp-tree.js";
import { SHIPPED, shippedDefinition, type ShippedName } from "../queries/shipped-query.js";
import { buildLogCase, type LogCase } from "./log-case.js";
import { countsOfRows, expectedCounts, isSubCount, MAILLOG_OPTIONS } from "./maillog-expected.js";
import { printReport, table, trackOutcomes, verdict } from "./report.js";
import { SeededRandom, suiteScale, suiteSeed } from "./seeded-random.js";

const SEED = suiteSeed(20_261_129);
const CASES = Math.round(24 * suiteScale());
/** A small cap keeps over-long lines cheap to generate; the 10 MB lines are in log-extremes.test.ts. */
const MAX_LINE_BYTES = 64 * 1024;

const QUERIES = Object.fromEntries(SHIPPED.map((name) => [name, compileQuery(shippedDefinition(name).query)])) as Record<
  ShippedName,
  ReturnType<typeof compileQuery>
>;

/** Every line is read, prefiltered, or skipped for one counted reason. */
function accountedLines(stats: ReadStats): number {
  const { prefiltered, noTimestamp, tooLong, outOfRange } = stats.skipped;
  return stats.scanned + prefiltered + noTimestamp + tooLong + outOfRange;
}

const random = new SeededRandom(SEED);
const cases = Array.from({ length: CASES }, () => buildLogCase(random, MAX_LINE_BYTES));
const reads: { stats: ReadStats; ms: number }[] = [];

const outcomes = trackOutcomes();
afterAll(() => {
  const lines = reads.reduce((total, read) => total + read.stats.lines, 0);
  printReport(
    `log-reader fuzzer (seed ${SEED}; replay with BAD_INPUT_SEED=${SEED})`,
    summary(),
    `log-reader fuzzer (seed ${SEED}): ${cases.length} inputs, ${reads.length} reads, ${lines} lines, each accounted for; ${verdict(outcomes)}`,
  );
});

function summary(): string[] {
  const containers = new Map<string, number>();
  for (const c of cases) containers.set(c.container, (containers.get(c.container) ?? 0) + 1);
  const sum = (pick: (stats: ReadStats) => number) => reads.reduce((total, read) => total + pick(read.stats), 0);
  const times = reads.map((read) => read.ms).sort((a, b) => a - b);
  return [
    `${cases.length} inputs (${[...containers].map(([name, n]) => `${n} ${name}`).join(", ")}), each read with ${SHIPPED.join(" and ")}: ${reads.length} reads`,
    ...table([
      ["lines", "scanned", "prefiltered", "no timestamp", "too long", "invalid UTF-8", "failed files"],
      [
        sum((s) => s.lines),
        sum((s) => s.scanned),
        sum((s) => s.skipped.prefiltered),
        sum((s) => s.skipped.noTimestamp),
        sum((s) => s.skipped.tooLong),
        sum((s) => s.skipped.invalidUtf8),
        sum((s) => s.failedFiles),
      ].map(String),
    ]),
    `time per read, ms: median ${(times[times.length >> 1] ?? 0).toFixed(0)}, max ${(times.at(-1) ?? 0).toFixed(0)}`,
  ];
}

async function read(c: LogCase, name: ShippedName): Promise<FilesResult> {
  const dir = tempTree(c.files);
  try {
    const t0 = performance.now();
    const result = await runQueryOverFiles(QUERIES[name], [join(dir, "mail.log*")], { ...MAILLOG_OPTIONS, maxLineBytes: MAX_LINE_BYTES });
    reads.push({ stats: result.stats, ms: performance.now() - t0 });
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the file source on fuzzed Postfix logs", () => {
  it.each(cases.flatMap((c, index) => SHIPPED.map((name) => [index, name, c.description, c] as const)))(
    "case %i, %s: %s",
    async (_index, name, _description, c) => {
      const { rows, stats } = await read(c, name);
      expect(accountedLines(stats)).toBe(stats.lines);
      expect(stats.skipped.invalidUtf8).toBeLessThanOrEqual(stats.lines);
      if (c.container === "truncated gzip") {
        expect(stats.failedFiles).toBe(1);
        expect(stats.files[0]?.error).toMatch(/gzip data ends early or is corrupt/);
        expect(stats.lines).toBeLessThanOrEqual(c.lines);
        expect(isSubCount(countsOfRows(rows), expectedCounts(name))).toBe(true);
      } else {
        expect(stats.failedFiles).toBe(0);
        expect(stats.lines).toBe(c.lines);
        expect(stats.skipped.tooLong).toBe(c.overLong);
        expect(countsOfRows(rows)).toEqual(expectedCounts(name));
      }
    },
  );
});
