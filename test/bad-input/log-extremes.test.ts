// The file source on inputs at the edges: empty files, gzip of nothing, of garbage, garbage named
// .gz, CR-only line endings, 10 MB lines (plain and gzip), NUL-only data, 200,000 empty lines, lines
// at the length cap, and garbage on stdin. Nothing throws; every line is accounted for once; the
// real lines among them still give exactly the expected counts.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { compileQuery } from "../../src/insights/compile.js";
import { allRows } from "../../src/insights/row-table.js";
import { DEFAULT_MAX_LINE_BYTES } from "../../src/sources/files/line-splitter.js";
import { runQueryOverFiles, type FilesResult } from "../../src/sources/files/run-query-over-files.js";
import type { ReadStats } from "../../src/sources/files/read-stats.js";
import { tempTree } from "../config/temp-tree.js";
import { shippedDefinition } from "../queries/shipped-query.js";
import { longLine, randomBytes } from "./hostile-lines.js";
import { countsOfRows, expectedCounts, MAILLOG_LINES, MAILLOG_OPTIONS } from "./maillog-expected.js";
import { printReport, table, trackOutcomes, verdict } from "./report.js";
import { SeededRandom, suiteSeed } from "./seeded-random.js";

const SEED = suiteSeed(20_261_131);
const random = new SeededRandom(SEED);
const QUERY = "postfix-smtp-status";
const COMPILED = compileQuery(shippedDefinition(QUERY).query);
const MAILLOG = Buffer.concat(MAILLOG_LINES.flatMap((line) => [line, Buffer.from("\n")]));
const TEN_MB = 10 * 1024 * 1024;

/** The maillog with `line` inserted after every `every` lines. */
function interleaved(line: Buffer, every: number): Buffer {
  return Buffer.concat(
    MAILLOG_LINES.flatMap((real, i) =>
      i % every === every - 1 ? [real, Buffer.from("\n"), line, Buffer.from("\n")] : [real, Buffer.from("\n")],
    ),
  );
}

const report: string[][] = [["input", "lines", "scanned", "no time", "too long", "invalid UTF-8", "error"]];
const outcomes = trackOutcomes();
afterAll(() => {
  const broken = report.slice(1).filter((row) => row[6] === "yes").length;
  printReport(
    `file source at the edges (seed ${SEED})`,
    table(report),
    `file source at the edges (seed ${SEED}): ${report.length - 1} inputs (empty, gzip of nothing or garbage, CR-only, 10 MB lines, NUL, cap ±1, stdin), ${broken} reported as broken files; ${verdict(outcomes)}`,
  );
});

async function read(name: string, content: Buffer | Readable): Promise<FilesResult> {
  const stdin = content instanceof Readable;
  const dir = tempTree(stdin ? {} : { [name]: content });
  try {
    const patterns = stdin ? ["-"] : [join(dir, name)];
    const result = await runQueryOverFiles(COMPILED, patterns, { ...MAILLOG_OPTIONS, ...(stdin && { stdin: content }) });
    const { stats } = result;
    report.push(
      [name, stats.lines, stats.scanned, stats.skipped.noTimestamp, stats.skipped.tooLong, stats.skipped.invalidUtf8]
        .map(String)
        .concat(stats.files[0]?.error === undefined ? "" : "yes"),
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function accountedLines(stats: ReadStats): number {
  const { prefiltered, noTimestamp, tooLong, outOfRange } = stats.skipped;
  return stats.scanned + prefiltered + noTimestamp + tooLong + outOfRange;
}

describe("the file source on extreme inputs", () => {
  it.each([
    ["an empty file", "mail.log", Buffer.alloc(0)],
    ["a gzip of nothing", "mail.log.gz", gzipSync(Buffer.alloc(0))],
  ])("reads %s as no lines", async (_, name, content) => {
    const { rows, stats } = await read(name, content);
    expect(allRows(rows)).toEqual([]);
    expect(stats).toMatchObject({ lines: 0, failedFiles: 0 });
  });

  it.each([
    ["an empty file named .gz", "empty.gz", Buffer.alloc(0)],
    ["garbage named .gz", "garbage.gz", randomBytes(random, 100_000, false)],
    ["a gzip cut after its header", "cut.gz", gzipSync(MAILLOG).subarray(0, 10)],
  ])("reports %s as a broken file, without throwing", async (_, name, content) => {
    const { stats } = await read(name, content);
    expect(stats.failedFiles).toBe(1);
    expect(stats.files[0]?.error).toMatch(/^gzip data ends early or is corrupt/);
  });

  it("reads a gzip of garbage as skipped lines", async () => {
    const { rows, stats } = await read("gzip-of-garbage.gz", gzipSync(randomBytes(random, 256 * 1024, false)));
    expect(allRows(rows)).toEqual([]);
    expect(stats.failedFiles).toBe(0);
    expect(stats.lines).toBeGreaterThan(0);
    expect(accountedLines(stats)).toBe(stats.lines);
  });

  it("reads CR-only line endings as one line (Postfix never writes them), counting at most one reply", async () => {
    const { rows, stats } = await read("cr-only.log", Buffer.from(MAILLOG.toString("latin1").replaceAll("\n", "\r"), "latin1"));
    expect(stats.lines).toBe(1);
    const total = Object.values(countsOfRows(rows))
      .flatMap((bins) => Object.values(bins))
      .reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(1);
  });

  it.each([
    ["10 MB lines between real lines", "ten-mb-lines.log", interleaved(longLine(TEN_MB), 800)],
    ["10 MB lines between real lines, gzip", "ten-mb-lines.log.gz", gzipSync(interleaved(longLine(TEN_MB), 800), { level: 1 })],
    [
      "CRLF endings and 10 MB lines of NUL",
      "nul-lines.log",
      Buffer.from(interleaved(Buffer.alloc(TEN_MB, 0), 1000).toString("latin1").replaceAll("\n", "\r\n"), "latin1"),
    ],
  ])("skips %s and still counts every real line", async (_, name, content) => {
    const { rows, stats } = await read(name, content);
    expect(stats.skipped.tooLong).toBe(Math.floor(MAILLOG_LINES.length / (name.startsWith("nul") ? 1000 : 800)));
    expect(stats.lines).toBe(MAILLOG_LINES.length + stats.skipped.tooLong);
    expect(accountedLines(stats)).toBe(stats.lines);
    expect(countsOfRows(rows)).toEqual(expectedCounts(QUERY));
  });

  it("skips a 10 MB file of one unterminated line", async () => {
    const { stats } = await read("one-line.log", longLine(TEN_MB));
    expect(stats).toMatchObject({ lines: 1, failedFiles: 0 });
    expect(stats.skipped.tooLong).toBe(1);
  });

  it("reads a line of exactly the cap (with a CR before its newline) and skips one byte more", async () => {
    const atCap = Buffer.concat([longLine(DEFAULT_MAX_LINE_BYTES), Buffer.from("\r\n")]);
    const overCap = Buffer.concat([longLine(DEFAULT_MAX_LINE_BYTES + 1), Buffer.from("\n")]);
    const { stats } = await read("cap.log", Buffer.concat([atCap, overCap, atCap]));
    expect(stats.lines).toBe(3);
    expect(stats.skipped.tooLong).toBe(1);
    expect(stats.skipped.noTimestamp).toBe(2);
  });

  it("reads 200,000 empty lines", async () => {
    const { rows, stats } = await read("empty-lines.log", Buffer.alloc(200_000, "\n"));
    expect(allRows(rows)).toEqual([]);
    expect(stats.lines).toBe(200_000);
    expect(accountedLines(stats)).toBe(200_000);
  });

  it("reads garbage from stdin", async () => {
    const { stats } = await read(
      "stdin",
      Readable.from([randomBytes(random, 300_000, false), Buffer.from("\n"), randomBytes(random, 5000, false)]),
    );
    expect(stats.failedFiles).toBe(0);
    expect(accountedLines(stats)).toBe(stats.lines);
  });
});
