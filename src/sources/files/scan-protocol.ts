// Messages between the main thread and a scan worker (parallel-scan.ts, scan-worker.ts).
import type { InputFile } from "./expand-inputs.js";
import type { EventTimes } from "./file-scanner.js";
import type { FileReadStats } from "./read-stats.js";
import type { ScanSettings } from "./scan-input.js";

export interface ScanJob {
  readonly input: InputFile;
  readonly settings: ScanSettings;
}

/** Lines that passed, packed: line i is bytes[ends[i-1] (or 0), ends[i]), its time times[i]. */
export interface Batch {
  readonly kind: "batch";
  readonly bytes: Uint8Array;
  readonly ends: Int32Array;
  readonly times: Float64Array;
  readonly count: number;
}

export type WorkerMessage =
  | Batch
  | { readonly kind: "done"; readonly stats: FileReadStats; readonly times: EventTimes }
  | { readonly kind: "failed"; readonly message: string };

/** A batch sent back once read (its buffers transferred back for reuse), so the worker never runs more than a few batches ahead. */
export const MAX_BATCHES_AHEAD = 4;

export const transferList = (batch: Batch): ArrayBuffer[] => [
  batch.bytes.buffer as ArrayBuffer,
  batch.ends.buffer as ArrayBuffer,
  batch.times.buffer as ArrayBuffer,
];
