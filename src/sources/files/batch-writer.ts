// Packs the lines a scan worker lets through into batches for the main thread: bytes copied into
// one buffer with their end offsets, times and the queries they go to, handed over without copying
// (transferred) and handed back once read, so a few buffers go round instead of one new buffer per
// batch. A line that several queries take arrives from their scanners one after the other
// (scan-fan-out.ts) and is packed once.
import type { LineReceiver } from "./file-scanner.js";
import type { Batch } from "./scan-protocol.js";

const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_LINES = 16384;

interface Buffers {
  readonly bytes: Buffer;
  readonly ends: Int32Array;
  readonly times: Float64Array;
  readonly queries: Uint32Array;
}

export class BatchWriter {
  private readonly spare: Buffers[] = [];
  private current: Buffers = fresh(BATCH_BYTES);
  private used = 0;
  private count = 0;
  /** The last line packed, as its scanners saw it: the reader's chunk (reused for every chunk) and offset. */
  private lastChunk: Buffer | undefined;
  private lastStart = -1;

  constructor(private readonly send: (batch: Batch) => void) {}

  /** The sink of query `index` of the pass. */
  sink(index: number): LineReceiver {
    const bit = 2 ** index;
    return (chunk, start, end, timestamp) => {
      if (chunk === this.lastChunk && start === this.lastStart && this.count > 0) {
        this.current.queries[this.count - 1]! |= bit;
        return;
      }
      this.pack(chunk, start, end, timestamp, bit);
    };
  }

  /** The reader moves on to a new chunk in the same memory: offsets no longer name the same line. */
  endOfChunk(): void {
    this.lastChunk = undefined;
  }

  /** A batch came back from the reader: its buffers can be filled again. */
  recycle(batch: Batch): void {
    const bytes = Buffer.from(batch.bytes.buffer);
    if (bytes.length === BATCH_BYTES) {
      this.spare.push({
        bytes,
        ends: new Int32Array(batch.ends.buffer),
        times: new Float64Array(batch.times.buffer),
        queries: new Uint32Array(batch.queries.buffer),
      });
    }
  }

  /** Sends what is packed. */
  flush(room = 0): void {
    if (this.count > 0) {
      const { bytes, ends, times, queries } = this.current;
      this.send({ kind: "batch", bytes: bytes.subarray(0, this.used), ends, times, queries, count: this.count });
    }
    // A line longer than a batch gets a buffer of its own.
    this.current = room > BATCH_BYTES ? fresh(room) : (this.spare.pop() ?? fresh(BATCH_BYTES));
    this.used = 0;
    this.count = 0;
    this.lastChunk = undefined;
  }

  private pack(chunk: Buffer, start: number, end: number, timestamp: number, bit: number): void {
    const length = end - start;
    if (this.count === BATCH_LINES || this.used + length > this.current.bytes.length) this.flush(length);
    const { bytes, ends, times, queries } = this.current;
    this.used += chunk.copy(bytes, this.used, start, end);
    ends[this.count] = this.used;
    times[this.count] = timestamp;
    queries[this.count++] = bit;
    this.lastChunk = chunk;
    this.lastStart = start;
  }
}

function fresh(bytes: number): Buffers {
  return {
    bytes: Buffer.allocUnsafeSlow(bytes),
    ends: new Int32Array(BATCH_LINES),
    times: new Float64Array(BATCH_LINES),
    queries: new Uint32Array(BATCH_LINES),
  };
}
