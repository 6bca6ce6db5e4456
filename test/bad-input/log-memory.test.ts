// Constant memory: `mail-metrics query` (the built CLI in a child process) reads ~200 MB of input
// with 10 MB lines, a gzip holding one 200 MB line, and a 30 MB log of 230,000 real lines, in a
// peak RSS bounded by a generous constant, not by the input's size or its longest line. The peak is the kernel's high-water mark, printed
// by rss-driver.mjs; every measurement goes in the report.
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, CLI, ROOT } from "../cli/built-cli.js";
import { ndjson } from "../cli/fixtures.js";
import { longLine } from "./hostile-lines.js";
import { MAILLOG_LINES, MAILLOG_OPTIONS } from "./maillog-expected.js";
import { printReport, table, trackOutcomes, verdict } from "./report.js";

const MB = 1024 * 1024;
/** Far above the ~110 MB the CLI needs, below the 200 MB input (or line) it would need to hold. */
const PEAK_RSS_LIMIT_MB = 300;
const MAILLOG = Buffer.concat(MAILLOG_LINES.flatMap((line) => [line, Buffer.from("\n")]));
const TEN_MB_LINE = Buffer.concat([longLine(10 * MB), Buffer.from("\n")]);

const dir = mkdtempSync(join(tmpdir(), "mail-metrics-memory-"));
const measurements: string[][] = [["input", "size on disk", "read", "lines", "peak RSS", "exit"]];

/** Writes `parts()` `times` times into `name` without holding the file in memory. */
function writeRepeated(name: string, times: number, parts: () => readonly Buffer[]): string {
  const path = join(dir, name);
  const fd = openSync(path, "w");
  try {
    for (let i = 0; i < times; i++) for (const part of parts()) writeSync(fd, part);
  } finally {
    closeSync(fd);
  }
  return path;
}

interface Measured {
  readonly code: number | null;
  readonly peakMb: number;
  readonly sum: number;
}

function measure(label: string, path: string, uncompressedMb: number, lines: string): Promise<Measured> {
  const driver = fileURLToPath(new URL("./rss-driver.mjs", import.meta.url));
  const args = [
    driver,
    CLI,
    "query",
    "postfix-smtp-status",
    path,
    "--year",
    String(MAILLOG_OPTIONS.year),
    "--timezone",
    MAILLOG_OPTIONS.timezone,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      const kb = Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
      const sum = (ndjson(stdout) as { value: number }[]).reduce((total, datum) => total + datum.value, 0);
      measurements.push([
        label,
        `${(statSync(path).size / MB).toFixed(1)} MB`,
        `${uncompressedMb.toFixed(1)} MB`,
        lines,
        `${(kb / 1024).toFixed(0)} MB`,
        String(code),
      ]);
      resolve({ code, peakMb: kb / 1024, sum });
    });
  });
}

let expectedSum = 0;
const outcomes = trackOutcomes();
beforeAll(async () => {
  await buildOnce();
  const small = await measure(
    "examples/maillog (baseline)",
    join(ROOT, "examples", "maillog"),
    MAILLOG.length / MB,
    String(MAILLOG_LINES.length),
  );
  expectedSum = small.sum;
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const peaks = measurements
    .slice(1)
    .map((row) => row[4])
    .join(", ");
  printReport(
    `peak memory of mail-metrics query (limit ${PEAK_RSS_LIMIT_MB} MB)`,
    table(measurements),
    `peak memory of mail-metrics query: ${peaks} for ${measurements
      .slice(1)
      .map((row) => row[2])
      .join(", ")} read (limit ${PEAK_RSS_LIMIT_MB} MB); ${verdict(outcomes)}`,
  );
});

describe("mail-metrics query memory", () => {
  it("reads 200 MB of log and 10 MB lines in bounded memory, counting every real line", async () => {
    const path = writeRepeated("ten-mb-lines.log", 20, () => [MAILLOG, TEN_MB_LINE]);
    const big = await measure(
      "20 × (examples/maillog + a 10 MB line)",
      path,
      statSync(path).size / MB,
      `${20 * MAILLOG_LINES.length} + 20`,
    );
    rmSync(path);
    expect(big.code).toBe(0);
    expect(big.sum).toBe(20 * expectedSum);
    expect(big.peakMb).toBeLessThan(PEAK_RSS_LIMIT_MB);
  });

  it("reads a gzip holding one 200 MB line in bounded memory: a line is never held whole", async () => {
    // Concatenated gzip members are one valid gzip stream (RFC 1952 §2.2), cheap to build at any size.
    const member = gzipSync(longLine(10 * MB), { level: 1 });
    const path = writeRepeated("one-line.log.gz", 1, () => [
      ...Array.from({ length: 20 }, () => member),
      gzipSync(Buffer.concat([Buffer.from("\n"), MAILLOG])),
    ]);
    const big = await measure(
      "gzip: one 200 MB line, then examples/maillog",
      path,
      (20 * 10 * MB + MAILLOG.length) / MB,
      `1 + ${MAILLOG_LINES.length}`,
    );
    expect(big.code).toBe(0);
    expect(big.sum).toBe(expectedSum);
    expect(big.peakMb).toBeLessThan(PEAK_RSS_LIMIT_MB);
  });

  it("reads 100 copies of the real log (230,000 lines) in bounded memory, counting them all", async () => {
    const path = writeRepeated("maillog-x100.log", 100, () => [MAILLOG]);
    const big = await measure("examples/maillog × 100", path, statSync(path).size / MB, String(100 * MAILLOG_LINES.length));
    expect(big.code).toBe(0);
    expect(big.sum).toBe(100 * expectedSum);
    expect(big.peakMb).toBeLessThan(PEAK_RSS_LIMIT_MB);
  }, 60_000);
});
