// Messages between the main thread and a scan worker (parallel-scan.ts, scan-worker.ts).
import type { InputFile } from "./expand-inputs.js";
import type { ScanResult, ScanSettings } from "./scan-input.js";

export interface ScanJob {
  readonly input: InputFile;
  readonly settings: ScanSettings;
}

/**
 * Lines that passed, packed: line i is bytes[ends[i-1] (or 0), ends[i]), its time times[i], and bit
 * q of queries[i] is set when it goes to query q of the pass (a line several queries take is sent once).
 */
export interface Batch {
  readonly kind: "batch";
  readonly bytes: Uint8Array;
  readonly ends: Int32Array;
  readonly times: Float64Array;
  readonly queries: Uint32Array;
  readonly count: number;
}

/** A pass reads for at most this many queries at once (one bit each in Batch.queries). */
export const MAX_QUERIES_PER_PASS = 32;

export type WorkerMessage =
  | Batch
  | { readonly kind: "done"; readonly results: readonly ScanResult[] }
  | { readonly kind: "failed"; readonly message: string };

/** A batch sent back once read (its buffers transferred back for reuse), so the worker never runs more than a few batches ahead. */
export const MAX_BATCHES_AHEAD = 4;

export const transferList = (batch: Batch): ArrayBuffer[] => [
  batch.bytes.buffer as ArrayBuffer,
  batch.ends.buffer as ArrayBuffer,
  batch.times.buffer as ArrayBuffer,
  batch.queries.buffer as ArrayBuffer,
];
