// Packs the lines a scan worker lets through into batches for the main thread: bytes copied into
// one buffer with their end offsets and times, handed over without copying (transferred).
import type { LineSink } from "./file-scanner.js";
import type { Batch } from "./scan-protocol.js";

const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_LINES = 16384;

export class BatchWriter {
  private bytes = Buffer.allocUnsafeSlow(BATCH_BYTES);
  private ends = new Int32Array(BATCH_LINES);
  private times = new Float64Array(BATCH_LINES);
  private used = 0;
  private count = 0;

  constructor(private readonly send: (batch: Batch) => void) {}

  readonly sink: LineSink = (chunk, start, end, timestamp) => {
    const length = end - start;
    if (this.count === BATCH_LINES || this.used + length > this.bytes.length) this.flush(length);
    this.used += chunk.copy(this.bytes, this.used, start, end);
    this.ends[this.count] = this.used;
    this.times[this.count++] = timestamp;
  };

  /** Sends what is packed; `room` makes the next buffer big enough for a line longer than a batch. */
  flush(room = 0): void {
    if (this.count > 0) {
      this.send({ kind: "batch", bytes: this.bytes.subarray(0, this.used), ends: this.ends, times: this.times, count: this.count });
    }
    this.bytes = Buffer.allocUnsafeSlow(Math.max(BATCH_BYTES, room));
    this.ends = new Int32Array(BATCH_LINES);
    this.times = new Float64Array(BATCH_LINES);
    this.used = 0;
    this.count = 0;
  }
}
