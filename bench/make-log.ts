// Builds the bench log deterministically: copies of examples/maillog (real Postfix output), each
// copy's syslog timestamps moved forward by the log's span rounded up to whole bins, so every line
// stays in the same position within its bin and copy k's counts are the example's counts moved by
// k shifts. Timestamps are written in the classic syslog shape (`Dec  1 00:39:38`), the log's own,
// or in RFC 3339 as rsyslog's default file format writes them (`2026-12-01T00:39:38.000000+00:00`),
// which carries the year, so such a log may run into the next one.
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SYSLOG = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) /;
const STAMP_LENGTH = 15;
const WRITE_BYTES = 8 * 1024 * 1024;

export type Stamps = "syslog" | "rfc3339";

export interface BenchLog {
  readonly path: string;
  /** The log it copies. */
  readonly source: string;
  /** Its first line's time (epoch ms): copy k starts k shifts later. */
  readonly firstTime: number;
  readonly copies: number;
  /** Shift between copies, ms (a whole number of bins). */
  readonly shiftMs: number;
  readonly bytes: number;
  readonly lines: number;
}

interface Line {
  readonly time: number;
  readonly rest: Buffer;
}

function readLines(source: string, year: number): Line[] {
  const text = readFileSync(source, "latin1");
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line, i) => {
      const m = SYSLOG.exec(line);
      if (m === null) throw new Error(`${source}:${i + 1}: no syslog timestamp at the start of the line`);
      const time = Date.UTC(year, MONTHS.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
      return { time, rest: Buffer.from(`${line.slice(STAMP_LENGTH)}\n`, "latin1") };
    });
}

const two = (n: number): string => String(n).padStart(2, "0");

const rfc3339Stamp = (time: number): string => new Date(time).toISOString().replace("Z", "000+00:00");

function syslogStamp(time: number): string {
  const d = new Date(time);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** Copies of `source` up to at least `targetBytes`, into `dir`; reuses a file built the same way before. */
export function makeBenchLog(
  source: string,
  dir: string,
  targetBytes: number,
  year: number,
  binMs: number,
  stamps: Stamps = "syslog",
): BenchLog {
  const lines = readLines(source, year);
  const stamp = stamps === "syslog" ? syslogStamp : rfc3339Stamp;
  const stampLength = stamp(lines[0]!.time).length;
  const sourceBytes = lines.reduce((sum, line) => sum + stampLength + line.rest.length, 0);
  const span = lines[lines.length - 1]!.time - lines[0]!.time;
  const shiftMs = Math.max(1, Math.ceil((span + 1000) / binMs)) * binMs;
  const copies = Math.ceil(targetBytes / sourceBytes);
  const lastYear = new Date(lines[lines.length - 1]!.time + (copies - 1) * shiftMs).getUTCFullYear();
  if (lastYear !== year && stamps === "syslog")
    throw new Error(`${copies} copies shifted by ${shiftMs} ms run into ${lastYear}; ask for a smaller log, or RFC 3339 stamps`);
  const digest = createHash("sha1").update(readFileSync(source)).digest("hex").slice(0, 8);
  const path = join(dir, `maillog-${digest}-${year}-x${copies}${stamps === "syslog" ? "" : `-${stamps}`}.log`);
  const bytes = copies * sourceBytes;
  const result = { path, source, firstTime: lines[0]!.time, copies, shiftMs, bytes, lines: copies * lines.length };
  if (existsSync(path) && statSync(path).size === bytes) return result;
  writeCopies(`${path}.partial`, lines, copies, shiftMs, stamp);
  renameSync(`${path}.partial`, path);
  return result;
}

function writeCopies(path: string, lines: readonly Line[], copies: number, shiftMs: number, toStamp: (time: number) => string): void {
  const fd = openSync(path, "w");
  const out = Buffer.allocUnsafe(WRITE_BYTES + 64 * 1024);
  let used = 0;
  try {
    for (let copy = 0; copy < copies; copy++) {
      let lastTime = -1;
      let stamp = "";
      for (const line of lines) {
        const time = line.time + copy * shiftMs;
        if (time !== lastTime) stamp = toStamp((lastTime = time));
        if (used + stamp.length + line.rest.length > out.length) {
          writeSync(fd, out, 0, used);
          used = 0;
        }
        used += out.write(stamp, used, "latin1");
        used += line.rest.copy(out, used);
      }
      if (used >= WRITE_BYTES) {
        writeSync(fd, out, 0, used);
        used = 0;
      }
    }
    writeSync(fd, out, 0, used);
  } finally {
    closeSync(fd);
  }
}

/** Writes to `path` exactly the lines of `log` stamped in [from, to), as the log itself writes them. */
export function writeWindowLog(log: BenchLog, year: number, stamps: Stamps, window: { from: number; to: number }, path: string): number {
  const lines = readLines(log.source, year);
  const stamp = stamps === "syslog" ? syslogStamp : rfc3339Stamp;
  const parts: Buffer[] = [];
  for (let copy = 0; copy < log.copies; copy++) {
    const offset = copy * log.shiftMs;
    if (lines[lines.length - 1]!.time + offset < window.from || lines[0]!.time + offset >= window.to) continue;
    for (const line of lines) {
      const time = line.time + offset;
      if (time >= window.from && time < window.to) parts.push(Buffer.from(stamp(time), "latin1"), line.rest);
    }
  }
  const bytes = Buffer.concat(parts);
  writeFileSync(path, bytes);
  return bytes.length;
}
