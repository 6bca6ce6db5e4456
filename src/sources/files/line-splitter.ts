// Splits a byte stream into lines on `\n` (dropping a `\r` before it) without decoding, in
// memory bounded by the longest line allowed: a longer line is skipped and reported, not buffered.

export interface LineHandler {
  line(bytes: Buffer): void;
  /** A line longer than the cap was skipped. */
  tooLong(): void;
}

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
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      this.finishLine(chunk.subarray(start, newline));
      start = newline + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
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
    const end = line.length > 0 && line[line.length - 1] === 13 ? line.length - 1 : line.length;
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
    this.pending.push(part);
  }

  private reset(): void {
    this.pending = [];
    this.pendingLength = 0;
    this.skipping = false;
  }
}
