// `mail-metrics query` (the built CLI, as a child process) on bad log files: exit codes as
// documented in src/main.ts and the query command (0 when every file was read, skipped lines only
// reported; 1 when a file broke off; nothing but the report on stderr), never a crash (70).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, runCli } from "../cli/built-cli.js";
import { ndjson } from "../cli/fixtures.js";
import { tempTree } from "../config/temp-tree.js";
import { damagedLine, longLine, randomBytes } from "./hostile-lines.js";
import { expectedCounts, MAILLOG_LINES, MAILLOG_OPTIONS, type Counts } from "./maillog-expected.js";
import { printReport, table, trackOutcomes, verdict } from "./report.js";
import { SeededRandom, suiteSeed } from "./seeded-random.js";

const SEED = suiteSeed(20_261_130);
const random = new SeededRandom(SEED);
const NEWLINE = Buffer.from("\n");
const MAILLOG = Buffer.concat(MAILLOG_LINES.flatMap((line) => [line, NEWLINE]));
/** Random bytes and the prefilter's marker, but no timestamp: skipped and counted. */
const untimed = () => Buffer.concat([randomBytes(random, 500), Buffer.from(" said: 550 5.7.1 no")]);
/** The real log with damaged lines, lines without a timestamp, invalid UTF-8, NULs and a 10 MB line. */
const HOSTILE = Buffer.concat([
  ...MAILLOG_LINES.flatMap((line, i) => [
    i % 50 === 0 ? damagedLine(line, random) : line,
    NEWLINE,
    ...(i % 97 === 0 ? [untimed(), NEWLINE] : []),
  ]),
  longLine(10 * 1024 * 1024),
  NEWLINE,
  Buffer.from([0xff, 0xfe, 0x00, 0x0a]),
]);
const whole = gzipSync(MAILLOG);

const dir = tempTree({
  "empty.log": "",
  "hostile.log": HOSTILE,
  "hostile.log.gz": gzipSync(HOSTILE, { level: 1 }),
  "cr-only.log": MAILLOG.toString("latin1").replaceAll("\n", "\r"),
  "truncated.log.gz": whole.subarray(0, Math.floor(whole.length / 2)),
  "garbage.log.gz": randomBytes(random, 50_000, false),
  "gzip-of-garbage.log.gz": gzipSync(randomBytes(random, 50_000, false)),
});
const runs: string[][] = [["input", "exit", "datums", "stderr"]];
const outcomes = trackOutcomes();

beforeAll(buildOnce);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const exits = runs
    .slice(1)
    .map((run) => `${run[0]} → ${run[1]}`)
    .join(", ");
  printReport(
    `mail-metrics query on bad log files (seed ${SEED})`,
    table(runs),
    `mail-metrics query on bad log files (seed ${SEED}): exit codes ${exits}; ${verdict(outcomes)}`,
  );
});

async function query(file: string, input?: Buffer) {
  const args = [
    "query",
    "postfix-smtp-status",
    input === undefined ? join(dir, file) : "-",
    "--year",
    String(MAILLOG_OPTIONS.year),
    "--timezone",
    MAILLOG_OPTIONS.timezone,
  ];
  const result = await runCli(args, input === undefined ? {} : { input });
  runs.push([
    file,
    String(result.code),
    String(ndjson(result.stdout).length),
    result.stderr.replaceAll(dir, "").trim().split("\n").join(" | ").slice(0, 110),
  ]);
  return result;
}

/** metric → bin → count from the datums printed, leaving out zero-filled ones. */
function countsOfDatums(stdout: string): Counts {
  const counts: Counts = {};
  for (const datum of ndjson(stdout) as { name: string; timestamp: string; value: number }[]) {
    if (datum.value !== 0) (counts[datum.name] ??= {})[datum.timestamp.replace("Z", ".000Z")] = datum.value;
  }
  return counts;
}

describe("mail-metrics query on bad log files", () => {
  it("exits 0 silently for an empty file", async () => {
    expect(await query("empty.log")).toMatchObject({ code: 0, stdout: "", stderr: "" });
  });

  it.each(["hostile.log", "hostile.log.gz"])("exits 0 for %s, counts every real line, reports the skipped ones", async (file) => {
    const result = await query(file);
    expect(result.code).toBe(0);
    expect(countsOfDatums(result.stdout)).toEqual(expectedCounts("postfix-smtp-status"));
    expect(result.stderr).toMatch(
      /^mail-metrics: .*hostile\.log(\.gz)?: \d+ lines? without a recognisable timestamp skipped, 1 over-long line skipped, \d+ lines? of invalid UTF-8 read with replacement characters\n$/,
    );
  });

  it("exits 0 for standard input with the same content", async () => {
    const result = await query("stdin", HOSTILE);
    expect(result.code).toBe(0);
    expect(countsOfDatums(result.stdout)).toEqual(expectedCounts("postfix-smtp-status"));
    expect(result.stderr).toMatch(/^mail-metrics: stdin: /);
  });

  it("exits 0 for CR-only line endings, read as one line that counts at most once", async () => {
    const result = await query("cr-only.log");
    expect(result.code).toBe(0);
    const total = Object.values(countsOfDatums(result.stdout))
      .flatMap((bins) => Object.values(bins))
      .reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(1);
  });

  it("exits 0 for a gzip of garbage, reporting nothing but skipped lines", async () => {
    const result = await query("gzip-of-garbage.log.gz");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
  });

  it.each(["truncated.log.gz", "garbage.log.gz"])("exits 1 for %s, naming it", async (file) => {
    const result = await query(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: gzip data ends early or is corrupt`);
    expect(result.stderr).not.toMatch(/internal error|unexpected error|\n\s+at /);
  });
});
