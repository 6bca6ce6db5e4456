// Turns the lines of one input into events for a running query: prefilter on bytes, then decode,
// timestamp and time-range filter. Tracks the earliest and latest event time it saw.
import { isUtf8 } from "node:buffer";
import type { Execution } from "../../insights/types.js";
import type { FileStats } from "./file-stats.js";
import type { LineHandler } from "./line-splitter.js";
import type { LinePredicate } from "./line-prefilter.js";
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

export class FileScanner implements LineHandler {
  private lastSkipped: Buffer | undefined;

  constructor(
    private readonly execution: Execution,
    private readonly stats: FileStats,
    private readonly logStream: string,
    private readonly accept: LinePredicate,
    private readonly parseTimestamp: TimestampParser,
    private readonly range: TimeRange,
    private readonly times: EventTimes,
  ) {}

  line(bytes: Buffer): void {
    const first = this.stats.lines === 0;
    this.stats.lines++;
    if (!this.accept(bytes)) {
      this.stats.prefiltered++;
      // The first and last lines still bound the time the input covers (for zero-filled bins).
      if (first) this.noteTime(this.parseTimestamp(bytes.toString("latin1")));
      this.lastSkipped = bytes;
      return;
    }
    this.lastSkipped = undefined;
    if (!isUtf8(bytes)) this.stats.invalidUtf8++; // decoded anyway, with U+FFFD replacements
    const message = bytes.toString("utf8");
    const timestamp = this.parseTimestamp(message);
    if (timestamp === undefined) {
      this.stats.noTimestamp++;
      return;
    }
    if ((this.range.from !== undefined && timestamp < this.range.from) || (this.range.to !== undefined && timestamp >= this.range.to)) {
      this.stats.outOfRange++;
      return;
    }
    this.noteTime(timestamp);
    this.execution.push({ timestamp, message, logStream: this.logStream });
  }

  tooLong(): void {
    this.stats.lines++;
    this.stats.tooLong++;
  }

  /** At the end of the input: the last line's time, when it was prefiltered. */
  finish(): void {
    if (this.lastSkipped !== undefined) this.noteTime(this.parseTimestamp(this.lastSkipped.toString("latin1")));
    this.lastSkipped = undefined;
  }

  private noteTime(time: number | undefined): void {
    if (time === undefined) return;
    if ((this.range.from !== undefined && time < this.range.from) || (this.range.to !== undefined && time >= this.range.to)) return;
    if (this.times.first === undefined || time < this.times.first) this.times.first = time;
    if (this.times.last === undefined || time > this.times.last) this.times.last = time;
  }
}
