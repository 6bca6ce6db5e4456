// Packs the lines a scan worker lets through into batches for the main thread: bytes copied into
// one buffer with their end offsets and times, handed over without copying (transferred) and
// handed back once read, so a few buffers go round instead of one new buffer per batch.
import type { LineReceiver } from "./file-scanner.js";
import type { Batch } from "./scan-protocol.js";

const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_LINES = 16384;

interface Buffers {
  readonly bytes: Buffer;
  readonly ends: Int32Array;
  readonly times: Float64Array;
}

export class BatchWriter {
  private readonly spare: Buffers[] = [];
  private current: Buffers = fresh(BATCH_BYTES);
  private used = 0;
  private count = 0;

  constructor(private readonly send: (batch: Batch) => void) {}

  readonly receive: LineReceiver = (chunk, start, end, timestamp) => {
    const length = end - start;
    const { bytes, ends, times } = this.current;
    if (this.count === BATCH_LINES || this.used + length > bytes.length) return this.flushAndRetry(chunk, start, end, timestamp);
    this.used += chunk.copy(bytes, this.used, start, end);
    ends[this.count] = this.used;
    times[this.count++] = timestamp;
  };

  /** A batch came back from the reader: its buffers can be filled again. */
  recycle(batch: Batch): void {
    const bytes = Buffer.from(batch.bytes.buffer);
    if (bytes.length === BATCH_BYTES)
      this.spare.push({ bytes, ends: new Int32Array(batch.ends.buffer), times: new Float64Array(batch.times.buffer) });
  }

  /** Sends what is packed. */
  flush(room = 0): void {
    if (this.count > 0) {
      const { bytes, ends, times } = this.current;
      this.send({ kind: "batch", bytes: bytes.subarray(0, this.used), ends, times, count: this.count });
    }
    // A line longer than a batch gets a buffer of its own.
    this.current = room > BATCH_BYTES ? fresh(room) : (this.spare.pop() ?? fresh(BATCH_BYTES));
    this.used = 0;
    this.count = 0;
  }

  private flushAndRetry(chunk: Buffer, start: number, end: number, timestamp: number): void {
    this.flush(end - start);
    this.receive(chunk, start, end, timestamp);
  }
}

function fresh(bytes: number): Buffers {
  return { bytes: Buffer.allocUnsafeSlow(bytes), ends: new Int32Array(BATCH_LINES), times: new Float64Array(BATCH_LINES) };
}
