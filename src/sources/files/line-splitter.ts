// Splits a byte stream into lines on `\n` (dropping a `\r` before it) without decoding, in
// memory bounded by the longest line allowed: a longer line is skipped and reported, not buffered.

export interface LineHandler {
  line(bytes: Buffer): void;
  /** A line longer than the cap was skipped. */
  tooLong(): void;
  /**
   * Optional: takes `count` whole lines at once, `chunk[from, to)`, each ending in `\n` (perhaps
   * after a `\r`), none over the cap, so the handler can skip lines without slicing each.
   */
  readonly lines?: (chunk: Buffer, from: number, to: number, count: number) => void;
  /** Optional: the chunk is done with; the reader may reuse its memory, so copy what you keep of it. */
  endOfChunk?(): void;
}

/** The end of the line `chunk[start, end)` without a `\r` before its `\n`. */
export const withoutCr = (chunk: Buffer, start: number, end: number): number => (end > start && chunk[end - 1] === 13 ? end - 1 : end);

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingLength = 0;
  /** Inside a line already reported as too long: drop bytes until its end. */
  private skipping = false;

  constructor(
    private readonly handler: LineHandler,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.pendingLength > 0 || this.skipping) {
      const newline = chunk.indexOf(10);
      if (newline === -1) {
        this.keep(chunk); // a copy: nothing of the chunk is kept
        return;
      }
      this.finishLine(chunk.subarray(0, newline));
      start = newline + 1;
    }
    const end = chunk.lastIndexOf(10) + 1;
    if (end > start) this.wholeLines(chunk, start, end);
    if (Math.max(start, end) < chunk.length) this.keep(chunk.subarray(Math.max(start, end)));
    this.handler.endOfChunk?.();
  }

  /** The input ended: a last line without `\n` still counts. */
  end(): void {
    if (this.pendingLength > 0 && !this.skipping) this.finishLine(Buffer.alloc(0));
    this.reset();
  }

  /** The input broke off (truncated gzip): drop the incomplete last line; true when there was one. */
  abandon(): boolean {
    const had = this.pendingLength > 0 || this.skipping;
    this.reset();
    return had;
  }

  /** `chunk[from, to)` holds whole lines: to the handler at once when it can take them and none is too long. */
  private wholeLines(chunk: Buffer, from: number, to: number): void {
    const count = this.handler.lines === undefined ? -1 : this.countWithinCap(chunk, from, to);
    if (count !== -1) {
      this.handler.lines!(chunk, from, to, count);
      return;
    }
    for (let start = from; start < to; ) {
      const newline = chunk.indexOf(10, start);
      this.finishLine(chunk.subarray(start, newline));
      start = newline + 1;
    }
  }

  /** The number of lines, or -1 when one may be over the cap (counting its `\r`: the exact check is finishLine's). */
  private countWithinCap(chunk: Buffer, from: number, to: number): number {
    let count = 0;
    for (let start = from; start < to; count++) {
      const newline = chunk.indexOf(10, start);
      if (newline - start > this.maxLineBytes) return -1;
      start = newline + 1;
    }
    return count;
  }

  private finishLine(tail: Buffer): void {
    if (this.skipping) {
      this.reset();
      return;
    }
    let line = tail;
    if (this.pendingLength > 0) {
      line = Buffer.concat([...this.pending, tail], this.pendingLength + tail.length);
      this.reset();
    }
    const end = withoutCr(line, 0, line.length);
    if (end > this.maxLineBytes) this.handler.tooLong();
    else this.handler.line(end === line.length ? line : line.subarray(0, end));
  }

  private keep(part: Buffer): void {
    if (this.skipping) return;
    this.pendingLength += part.length;
    if (this.pendingLength > this.maxLineBytes + 1) {
      this.reset();
      this.skipping = true;
      this.handler.tooLong();
      return;
    }
    this.pending.push(Buffer.from(part)); // the reader may reuse the chunk's memory
  }

  private reset(): void {
    this.pending = [];
    this.pendingLength = 0;
    this.skipping = false;
  }
}
