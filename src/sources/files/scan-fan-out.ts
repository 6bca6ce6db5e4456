// One read of an input for several queries: the lines go to one FileScanner per query, each with
// its own prefilter, range state and counts, so each query sees and reports exactly what a read of
// its own would. The chunk-wide search runs once, for the literals of every query together; each
// line it finds goes to the queries whose own literals it holds.
import type { Prefilter } from "../../insights/types.js";
import type { FileScanner } from "./file-scanner.js";
import { withoutCr, type LineHandler } from "./line-splitter.js";
import { asLatin1, candidateLines } from "./needle-search.js";
import type { TimestampParser } from "./timestamps.js";
import { HEAD_BYTES } from "./file-scanner.js";

/** Whether the line `text[start, end)` (latin1, as the chunk-wide search reads it) holds one of a query's literals. */
type LineTest = (text: string, start: number, end: number) => boolean;

export class ScanFanOut implements LineHandler {
  readonly lines?: LineHandler["lines"];
  private lastLine: Buffer | undefined;

  constructor(
    private readonly scanners: readonly FileScanner[],
    prefilters: readonly (Prefilter | null)[],
    /** Reads the time of a chunk's last line, for the end of a seek (seek-by-time.ts). */
    private readonly parse: TimestampParser,
    /** Called once the scanners are done with a chunk (the reader then reuses its memory). */
    private readonly afterChunk?: () => void,
  ) {
    const search = candidateLines(unionOf(prefilters));
    const tests = prefilters.map(lineTest);
    if (search !== undefined && tests.every((test) => test !== undefined)) {
      this.lines = (chunk, from, to, count) => {
        const start = scanners[0]!.isFresh() ? this.firstLine(chunk, from) : from;
        search(chunk, start, to, (lineStart, lineEnd, text, offset) => {
          for (let i = 0; i < scanners.length; i++)
            if (tests.length === 1 || tests[i]!(text, lineStart - offset, lineEnd - offset))
              scanners[i]!.candidate(chunk, lineStart, lineEnd);
        });
        for (const scanner of scanners) scanner.closeLines(chunk, to, start === from ? count : count - 1);
        const lastStart = chunk.lastIndexOf(10, to - 2) + 1;
        this.notePast(chunk.toString("utf8", lastStart, Math.min(withoutCr(chunk, lastStart, to - 1), lastStart + HEAD_BYTES)));
      };
    }
  }

  line(bytes: Buffer): void {
    for (const scanner of this.scanners) scanner.line(bytes);
    this.lastLine = bytes;
  }

  tooLong(): void {
    for (const scanner of this.scanners) scanner.tooLong();
  }

  endOfChunk(): void {
    if (this.lastLine !== undefined) this.notePast(this.lastLine.toString("utf8", 0, Math.min(this.lastLine.length, HEAD_BYTES)));
    this.lastLine = undefined;
    for (const scanner of this.scanners) scanner.endOfChunk();
    this.afterChunk?.();
  }

  finish(): void {
    for (const scanner of this.scanners) scanner.finish();
  }

  /** Reading began after lines all earlier than the range. */
  startAfterSkip(): void {
    for (const scanner of this.scanners) scanner.startAfterSkip();
  }

  /** Whether no later line can matter to any query (FileScanner.done). */
  done(): boolean {
    return this.scanners.every((scanner) => scanner.done());
  }

  private firstLine(chunk: Buffer, from: number): number {
    let next = from;
    for (const scanner of this.scanners) next = scanner.firstLine(chunk, from);
    return next;
  }

  private notePast(head: string): void {
    const time = this.parse(head);
    for (const scanner of this.scanners) scanner.notePast(time);
  }
}

/** The literals of every query: a line holding none of them is of no use to any (null: every line may be). */
function unionOf(prefilters: readonly (Prefilter | null)[]): Prefilter | null {
  if (prefilters.some((prefilter) => prefilter === null || prefilter.ignoreCase)) return null;
  return { literals: [...new Set(prefilters.flatMap((prefilter) => prefilter!.literals))], ignoreCase: false };
}

/** A test of one query's literals on a line found by the joint search; undefined when they cannot be searched so. */
function lineTest(prefilter: Prefilter | null): LineTest | undefined {
  if (prefilter === null || prefilter.ignoreCase || prefilter.literals.length === 0) return undefined;
  // A slice of the search's own latin1 text costs less than a Buffer view of the line (bench/RESULTS.md).
  const needles = prefilter.literals.map(asLatin1);
  return (text, start, end) => {
    const line = text.slice(start, end);
    return needles.some((needle) => line.includes(needle));
  };
}
