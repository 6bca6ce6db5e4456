// Turns the lines of one input into timestamped lines for a running query: prefilter on bytes,
// then timestamp and time-range filter; the lines that pass go to a LineReceiver, which decodes them
// into events (eventFeed in run-query-over-files.ts), in this thread or across a worker (parallel-scan.ts). Tracks the
// earliest and latest event time it saw.
import { isUtf8 } from "node:buffer";
import type { FileReadStats } from "./read-stats.js";
import type { LinePredicate } from "./line-prefilter.js";
import { withoutCr, type LineHandler } from "./line-splitter.js";
import type { CandidateLines } from "./needle-search.js";
import type { TimestampParser } from "./timestamps.js";

export interface TimeRange {
  /** Inclusive start, epoch ms. */
  readonly from?: number;
  /** Exclusive end, epoch ms. */
  readonly to?: number;
}

export interface EventTimes {
  first: number | undefined;
  last: number | undefined;
}

/** Takes the line `chunk[start, end)`, which passed every check, and its time. */
export type LineReceiver = (chunk: Buffer, start: number, end: number, timestamp: number) => void;

/**
 * The timestamp is read from the line's first bytes only: every shape we read ends within 35
 * ASCII characters (RFC 3339 with nine fraction digits and an offset), and the character after it
 * is complete within 64 bytes, so the result is the same as from the whole line.
 */
export const HEAD_BYTES = 64;

export class FileScanner implements LineHandler {
  /**
   * Whether the last timestamped line read was inside the range (undefined: none yet). A line
   * without a timestamp, or too long to read, belongs where its neighbours are: it is reported
   * (counted as skipped) only by the run whose range holds them, not by every cron run after.
   */
  private previousInRange: boolean | undefined;
  private lastSkipped: Buffer | undefined;
  private ownsLastSkipped = false;
  /** Candidates found in the current run of whole lines, and where the last one ended. */
  private found = 0;
  private lastEnd = -1;
  /** A line at or after the range's end plus the disorder margin was taken (seek-by-time.ts). */
  private pastEnd = false;
  /** Set when the prefilter's literals can be searched chunk-wide (needle-search.ts). */
  readonly lines?: LineHandler["lines"];

  constructor(
    private readonly stats: FileReadStats,
    private readonly accept: LinePredicate,
    private readonly parseTimestamp: TimestampParser,
    private readonly range: TimeRange,
    private readonly times: EventTimes,
    private readonly deliver: LineReceiver,
    candidates?: CandidateLines,
    /** Lines from this time on cannot be followed by one in the range (seek-by-time.ts): the input may end there. */
    private readonly stopAt?: number,
  ) {
    if (candidates !== undefined) this.lines = (chunk, from, to, count) => this.candidateLines(candidates, chunk, from, to, count);
  }

  line(bytes: Buffer): void {
    const first = this.stats.lines === 0;
    this.stats.lines++;
    if (!this.accept(bytes)) {
      this.stats.prefiltered++;
      // The first and last lines still bound the time the input covers (for zero-filled bins).
      if (first) this.noteTime(this.parseTimestamp(bytes.toString("latin1")));
      this.lastSkipped = bytes;
      this.ownsLastSkipped = false;
      return;
    }
    this.take(bytes, 0, bytes.length);
  }

  /** The line `chunk[start, end)`, which the prefilter accepted (already counted in stats.lines). */
  private take(chunk: Buffer, start: number, end: number): void {
    this.lastSkipped = undefined;
    const timestamp = this.parseTimestamp(chunk.toString("utf8", start, Math.min(end, start + HEAD_BYTES)));
    if (timestamp === undefined) {
      if (this.previousInRange === false) {
        this.stats.outOfRange++;
        return;
      }
      this.stats.noTimestamp++;
      this.countInvalidUtf8(chunk, start, end);
      return;
    }
    this.previousInRange = this.inRange(timestamp);
    if (this.stopAt !== undefined && timestamp >= this.stopAt) this.pastEnd = true;
    if (!this.previousInRange) {
      this.stats.outOfRange++;
      return;
    }
    widenTimes(this.times, timestamp);
    this.deliver(chunk, start, end, timestamp); // which counts invalid UTF-8 as it decodes
  }

  /** A line skipped for want of a timestamp is reported with its invalid UTF-8 too. */
  private countInvalidUtf8(chunk: Buffer, start: number, end: number): void {
    if (!isUtf8(chunk.subarray(start, end))) this.stats.invalidUtf8++;
  }

  /** Only the lines holding a prefilter literal are sliced and read; the others are just counted. */
  private candidateLines(candidates: CandidateLines, chunk: Buffer, from: number, to: number, count: number): void {
    const start = this.isFresh() ? this.firstLine(chunk, from) : from;
    candidates(chunk, start, to, (lineStart, lineEnd) => this.candidate(chunk, lineStart, lineEnd));
    this.closeLines(chunk, to, start === from ? count : count - 1);
  }

  /** Whether no line of the input has been read yet. */
  isFresh(): boolean {
    return this.stats.lines === 0;
  }

  /** The input's first line, at `from`: read one by one, for its time. Returns where the next line starts. */
  firstLine(chunk: Buffer, from: number): number {
    const newline = chunk.indexOf(10, from);
    this.line(chunk.subarray(from, withoutCr(chunk, from, newline)));
    return newline + 1;
  }

  /** The line `chunk[start, end)` (end at its `\n`) holds one of the prefilter's literals. */
  candidate(chunk: Buffer, start: number, end: number): void {
    this.found++;
    this.lastEnd = end;
    this.take(chunk, start, withoutCr(chunk, start, end));
  }

  /** After the candidates among `count` whole lines ending at `to`: the others were prefiltered. */
  closeLines(chunk: Buffer, to: number, count: number): void {
    const skipped = count - this.found;
    this.stats.lines += count;
    this.stats.prefiltered += skipped;
    if (skipped > 0 && this.lastEnd !== to - 1) {
      const lastStart = chunk.lastIndexOf(10, to - 2) + 1;
      this.lastSkipped = chunk.subarray(lastStart, withoutCr(chunk, lastStart, to - 1));
      this.ownsLastSkipped = false;
    }
    this.found = 0;
    this.lastEnd = -1;
  }

  /** The last skipped line may lie in the chunk's memory, which the reader reuses. */
  endOfChunk(): void {
    if (this.lastSkipped !== undefined && !this.ownsLastSkipped) {
      this.lastSkipped = Buffer.from(this.lastSkipped);
      this.ownsLastSkipped = true;
    }
  }

  tooLong(): void {
    this.stats.lines++;
    if (this.previousInRange === false) this.stats.outOfRange++;
    else this.stats.tooLong++;
  }

  /** At the end of the input: the last line's time, when it was prefiltered. */
  finish(): void {
    if (this.lastSkipped !== undefined) this.noteTime(this.parseTimestamp(this.lastSkipped.toString("latin1")));
    this.lastSkipped = undefined;
  }

  /**
   * Reading began after lines all earlier than the range (seek-by-time.ts): as if they had been
   * read, a line without a timestamp now belongs before the range until a stamped line says otherwise.
   */
  startAfterSkip(): void {
    this.previousInRange = false;
  }

  /** A line (prefiltered or not) at `time` was read: one at the range's end plus the margin ends what matters. */
  notePast(time: number | undefined): void {
    if (time !== undefined && this.stopAt !== undefined && time >= this.stopAt) this.pastEnd = true;
  }

  /**
   * Whether nothing more of the input can matter: a line past the end was read, so every later one
   * is after the range, and the last stamped line taken was outside it, so a later line without a
   * timestamp or too long would be counted out of range, not reported.
   */
  done(): boolean {
    return this.pastEnd && this.previousInRange === false;
  }

  private inRange(time: number): boolean {
    return (this.range.from === undefined || time >= this.range.from) && (this.range.to === undefined || time < this.range.to);
  }

  /** A prefiltered line's time still bounds the input, when it lies in the range. */
  private noteTime(time: number | undefined): void {
    if (time !== undefined && this.inRange(time)) widenTimes(this.times, time);
  }
}

/** Widens `times` to include `time`. */
export function widenTimes(times: EventTimes, time: number | undefined): void {
  if (time === undefined) return;
  if (times.first === undefined || time < times.first) times.first = time;
  if (times.last === undefined || time > times.last) times.last = time;
}
