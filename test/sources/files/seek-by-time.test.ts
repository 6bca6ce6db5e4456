// A range read by seeking (bisection to the range's start, reading to its end plus the disorder
// margin, rotations outside the range left unread) must give what reading every line gives: the
// same rows, the same time span (zero-fill coverage) and the same reported skips.
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileQuery } from "../../../src/insights/compile.js";
import { allRows } from "../../../src/insights/row-table.js";
import type { CompiledQuery } from "../../../src/insights/types.js";
import { runQueriesOverFiles, type FilesOptions } from "../../../src/sources/files/run-query-over-files.js";
import { DISORDER_MARGIN_MS } from "../../../src/sources/files/seek-by-time.js";
import { tempDir } from "../../support/temp-dir.js";

const ROOT = join(import.meta.dirname, "../../..");
const shipped = (name: string): CompiledQuery =>
  compileQuery((parse(readFileSync(join(ROOT, "queries", `${name}.yaml`), "utf8")) as { query: string }).query);
const QUERIES = [shipped("postfix-smtp-status"), shipped("postfix-delivery-status")].map((compiled) => ({ compiled }));
const MINUTE = 60_000;
const BIN = 5 * MINUTE;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

interface Line {
  readonly time: number;
  readonly rest: string;
}

/** examples/maillog (a real Postfix's log, UTC, 2026) as times and the text after the stamp. */
function exampleLines(): Line[] {
  return readFileSync(join(ROOT, "examples/maillog"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [, month, day, clock] = /^(\w{3}) +(\d+) (\d\d:\d\d:\d\d)/.exec(line)!;
      return {
        time: Date.parse(`2026-${String(MONTHS.indexOf(month!) + 1).padStart(2, "0")}-${day!.padStart(2, "0")}T${clock}Z`),
        rest: line.slice(15),
      };
    });
}

/** `copies` copies of the lines, each moved on by a whole number of bins (as the bench log is built). */
function copies(lines: readonly Line[], count: number): Line[] {
  const shift = Math.ceil((lines.at(-1)!.time - lines[0]!.time + 1000) / BIN) * BIN;
  return Array.from({ length: count }, (_, k) => lines.map((line) => ({ time: line.time + k * shift, rest: line.rest }))).flat();
}

const syslog = (time: number, zone = "UTC") => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(time)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.month} ${parts.day!.padStart(2, " ")} ${parts.hour}:${parts.minute}:${parts.second}`;
};
const rfc3339 = (time: number) => new Date(time).toISOString().replace("Z", "000+00:00");
const text = (lines: readonly Line[], stamp: (time: number) => string = syslog) =>
  lines.map((line) => `${stamp(line.time)}${line.rest}\n`).join("");

/** Both reads of one range: with seeking (every file seekable, however small) and reading every line. */
async function bothWays(paths: readonly string[], range: { from: number; to: number }, options: Partial<FilesOptions> = {}) {
  const base = { timezone: "UTC", parallelMinBytes: Infinity, ...options, ...range };
  const [seeking, reference] = await Promise.all([
    runQueriesOverFiles(QUERIES, paths, { ...base, seekMinBytes: 0 }),
    runQueriesOverFiles(QUERIES, paths, { ...base, readAll: true }),
  ]);
  const outcome = (results: typeof seeking) =>
    results.map(({ rows, stats }) => ({
      rows: allRows(rows),
      first: stats.firstEventTime,
      last: stats.lastEventTime,
      matched: stats.matched,
      scanned: stats.scanned,
      noTimestamp: stats.skipped.noTimestamp,
      tooLong: stats.skipped.tooLong,
      invalidUtf8: stats.skipped.invalidUtf8,
      failedFiles: stats.failedFiles,
    }));
  return { seeking: outcome(seeking), reference: outcome(reference), read: seeking[0]!.stats, all: reference[0]!.stats };
}

/** Windows of `width` from `start`, every `step`, until `end`. */
const windows = (start: number, end: number, step = BIN, width = BIN) => {
  const out: { from: number; to: number }[] = [];
  for (let from = start; from < end; from += step) out.push({ from, to: from + width });
  return out;
};

describe("seeking a time range in a plain file", () => {
  const lines = copies(exampleLines(), 12);
  const first = Math.floor(lines[0]!.time / BIN) * BIN;
  const last = lines.at(-1)!.time;

  it("gives every 5-minute window of the real-Postfix log what reading every line gives, and reads less", async () => {
    const dir = tempDir();
    const path = join(dir, "mail.log");
    writeFileSync(path, text(lines));
    let counted = 0;
    for (const range of windows(first - 2 * BIN, last + 2 * BIN)) {
      const { seeking, reference, read, all } = await bothWays([path], range, { year: 2026 });
      expect(seeking).toEqual(reference);
      counted += reference[0]!.scanned;
      if (range.from > first + 2 * BIN && range.to < last - 2 * BIN) expect(read.bytes).toBeLessThan(all.bytes / 2);
    }
    expect(counted).toBeGreaterThan(0);
  });

  it("does so for windows not on bin edges, and for RFC 3339 stamps", async () => {
    const dir = tempDir();
    const plain = join(dir, "syslog.log");
    const iso = join(dir, "rfc3339.log");
    writeFileSync(plain, text(lines));
    writeFileSync(iso, text(lines, rfc3339));
    for (const range of windows(first - 7 * MINUTE, last + 3 * MINUTE, 7 * MINUTE + 13_000, 9 * MINUTE + 1)) {
      const a = await bothWays([plain], range, { year: 2026 });
      expect(a.seeking).toEqual(a.reference);
      const b = await bothWays([iso], range);
      expect(b.seeking).toEqual(b.reference);
      expect(b.seeking).toEqual(a.seeking);
    }
  });

  it("does so when lines are written out of order within the margin", async () => {
    // Each line stamped up to just under the margin earlier than the line before it, as when
    // several processes log at once; and lines without a timestamp now and then.
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const shuffled = lines.map((line) => ({
      time: line.time - Math.floor(random() * (DISORDER_MARGIN_MS / 1000 - 1)) * 1000,
      rest: line.rest,
    }));
    // Lines both queries read but without a timestamp, now and then (not before the first stamped
    // line a query reads: a full read reports such a line in every range, a seeking read only in
    // ranges it reads from the file's start).
    const unstamped = "no stamp here, said: 550 5.0.0 x, dsn=5.0.0, status=bounced\n";
    const body = shuffled.map((line, i) => `${syslog(line.time)}${line.rest}\n${i > 100 && random() < 0.15 ? unstamped : ""}`).join("");
    const dir = tempDir();
    const path = join(dir, "mail.log");
    writeFileSync(path, body);
    for (const range of windows(first - BIN, last + BIN, 3 * MINUTE)) {
      const { seeking, reference } = await bothWays([path], range, { year: 2026 });
      expect(seeking).toEqual(reference);
    }
  });

  it("does so for logs joined end to end (two hosts' logs put together with cat), whatever the parts' lengths", async () => {
    // The times run up, fall back and run up again: seeking into one part would miss the other's
    // lines of the range, so such a file must be read whole.
    // A smaller log than the other tests' (4 copies, windows every 15 minutes): each window is read
    // whole twice here, since that is what these files need.
    const base = copies(exampleLines(), 4);
    const other = copies(exampleLines(), 2).map((line) => ({ time: line.time + 2 * BIN, rest: line.rest.replace(" mx", " mx2") }));
    const short = exampleLines().slice(0, 40);
    const dir = tempDir();
    const joins = {
      "one log twice": [base, base],
      "overlapping parts": [base, other],
      "newer first": [other.map((line) => ({ time: line.time + 4 * 3_600_000, rest: line.rest })), base],
      "a short tail": [base, short],
    };
    for (const [name, parts] of Object.entries(joins)) {
      const path = join(dir, `${name}.log`);
      writeFileSync(path, parts.map((part) => text(part)).join(""));
      for (const range of windows(first - BIN, base.at(-1)!.time + BIN, 3 * BIN)) {
        const { seeking, reference } = await bothWays([path], range, { year: 2026 });
        expect(seeking, `${name}: ${new Date(range.from).toISOString()}`).toEqual(reference);
      }
    }
  });

  it("does so across New Year with the year read from the file's time, and reads all of a file whose fixed year runs backwards", async () => {
    const newYear = Date.UTC(2027, 0, 1);
    const rolling = copies(exampleLines(), 12).map((line, _, all) => ({
      time: line.time - all[0]!.time + newYear - 30 * MINUTE,
      rest: line.rest,
    }));
    const dir = tempDir();
    const path = join(dir, "mail.log");
    writeFileSync(path, text(rolling));
    utimesSync(path, new Date(rolling.at(-1)!.time), new Date(rolling.at(-1)!.time));
    expect(readFileSync(path, "utf8")).toMatch(/^Dec 31 23:5\d:\d\d .*\nJan {2}1 00:00:\d\d /m);
    for (const range of windows(newYear - 35 * MINUTE, newYear + 35 * MINUTE)) {
      const inferred = await bothWays([path], range);
      expect(inferred.seeking).toEqual(inferred.reference);
      // --year 2026 puts the January lines eleven months before the December ones.
      const fixed = await bothWays([path], range, { year: 2026 });
      expect(fixed.seeking).toEqual(fixed.reference);
    }
    const january = await bothWays([path], { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 1, 0, 5) }, { year: 2026 });
    expect(january.reference[0]!.scanned).toBeGreaterThan(0);
    expect(january.seeking).toEqual(january.reference);
    expect(january.read.bytes).toBe(january.all.bytes);
  });

  it("does so when the clocks go back and the repeated hour's syslog stamps read as the earlier one", async () => {
    // Europe/Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00 UTC; three lines a second
    // from 23:50 to 02:00 UTC, so that a read stopped early or started late would miss some.
    const start = Date.UTC(2026, 9, 24, 23, 50);
    const berlin = Array.from({ length: 130 * 60 * 3 }, (_, i) => ({
      time: start + Math.floor(i / 3) * 1000,
      rest: ` mx postfix/smtp[1]: 1: to=<a@b>, relay=x, dsn=4.4.1, status=deferred (host x said: 451 4.4.1 try ${i})`,
    }));
    const dir = tempDir();
    const path = join(dir, "mail.log");
    writeFileSync(
      path,
      text(berlin, (time) => syslog(time, "Europe/Berlin")),
    );
    for (const range of windows(Date.UTC(2026, 9, 25, 0, 0), Date.UTC(2026, 9, 25, 1, 20))) {
      const { seeking, reference } = await bothWays([path], range, { timezone: "Europe/Berlin", year: 2026 });
      expect(seeking).toEqual(reference);
    }
  });
});

describe("rotated logs outside the range", () => {
  it("are not read, and the result is what reading all of them gives", async () => {
    const lines = copies(exampleLines(), 12);
    const thirds = [lines.slice(0, 4 * 2329), lines.slice(4 * 2329, 8 * 2329), lines.slice(8 * 2329)];
    const dir = tempDir();
    const names = ["mail.log.2.gz", "mail.log.1", "mail.log"];
    for (const [i, part] of thirds.entries()) {
      const path = join(dir, names[i]!);
      writeFileSync(path, i === 0 ? gzipSync(text(part)) : text(part));
      utimesSync(path, new Date(part.at(-1)!.time), new Date(part.at(-1)!.time));
    }
    const glob = [join(dir, "mail.log*")];
    const bytesOf = (stats: Awaited<ReturnType<typeof bothWays>>["read"]) => stats.files.map((file) => file.bytes);
    for (const range of windows(Math.floor(lines[0]!.time / BIN) * BIN - BIN, lines.at(-1)!.time + BIN)) {
      const { seeking, reference, read } = await bothWays(glob, range, { year: 2026 });
      expect(seeking).toEqual(reference);
      const [older, , live] = bytesOf(read);
      // A window in the live file leaves the gzip rotation unread; one in the oldest, the live file.
      if (range.from > thirds[2]![0]!.time + DISORDER_MARGIN_MS) expect(older).toBe(0);
      if (range.to + DISORDER_MARGIN_MS < thirds[1]![0]!.time) expect(live).toBe(0);
    }
  });

  it("are read when their times and names disagree", async () => {
    const lines = copies(exampleLines(), 4);
    const dir = tempDir();
    // The newer lines in the rotation named older, and its modification time says so too.
    writeFileSync(join(dir, "mail.log.1"), text(lines.slice(2 * 2329)));
    writeFileSync(join(dir, "mail.log"), text(lines.slice(0, 2 * 2329)));
    utimesSync(join(dir, "mail.log.1"), new Date(lines.at(-1)!.time), new Date(lines.at(-1)!.time));
    utimesSync(join(dir, "mail.log"), new Date(lines[2 * 2329 - 1]!.time), new Date(lines[2 * 2329 - 1]!.time));
    for (const range of windows(Math.floor(lines[0]!.time / BIN) * BIN, lines.at(-1)!.time + BIN)) {
      const { seeking, reference } = await bothWays([join(dir, "mail.log*")], range, { year: 2026 });
      expect(seeking).toEqual(reference);
    }
  });
});
