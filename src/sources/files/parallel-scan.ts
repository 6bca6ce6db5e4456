// Reads a large input in a worker thread (scan-worker.ts) while this thread runs the query on the
// lines it sends: the two halves of the work, on two cores. Small inputs and stdin are read here,
// as starting a worker costs more than it saves on them.
import { isAscii } from "node:buffer";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { RuntimeError } from "../../errors.js";
import type { InputFile } from "./expand-inputs.js";
import { decodeLine, deliverEvent, type EventTarget } from "./event-feed.js";
import type { ScanResult, ScanSettings } from "./scan-input.js";
import { transferList, type Batch, type ScanJob, type WorkerMessage } from "./scan-protocol.js";

/** Inputs from this size on (compressed size for .gz) are read in a worker. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
const GZIP_PARALLEL_MIN_BYTES = 1024 * 1024;

const WORKER = new URL("./scan-worker.js", import.meta.url);
/** Whether the worker is there (it is not when running from the TypeScript sources); looked up once, not per input and range. */
let workerPresent: boolean | undefined;

/** True when `input` is worth a worker, and the worker is there. */
export function worthAWorker(input: InputFile, minBytes = PARALLEL_MIN_BYTES): boolean {
  if (input.size === undefined) return false;
  const threshold = input.path.endsWith(".gz") ? Math.min(minBytes, GZIP_PARALLEL_MIN_BYTES) : minBytes;
  return input.size >= threshold && (workerPresent ??= existsSync(fileURLToPath(WORKER)));
}

/** Reads `input` in a worker for the queries of the pass: `targets[i]` is query i's, with `settings.prefilters[i]`. */
export function scanInWorker(input: InputFile, settings: ScanSettings, targets: readonly EventTarget[]): Promise<ScanResult[]> {
  const job: ScanJob = { input, settings };
  const worker = new Worker(WORKER, { workerData: job });
  return new Promise<ScanResult[]>((resolve, reject) => {
    const fail = (error: unknown) => {
      void worker.terminate();
      reject(error);
    };
    worker.on("message", (message: WorkerMessage) => {
      try {
        if (message.kind === "batch") {
          readBatch(message, input.logStream, targets);
          worker.postMessage(message, transferList(message)); // read: back for reuse
        } else if (message.kind === "done") {
          void worker.terminate();
          resolve([...message.results]);
        } else {
          fail(new RuntimeError(message.message));
        }
      } catch (error) {
        fail(error);
      }
    });
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new RuntimeError(`the reader of ${input.display} stopped early (exit code ${code})`)));
  });
}

type Latin1Slice = (start: number, end: number) => string;
/**
 * bytes[start, end) as latin1: Buffer's own latin1Slice, which toString("latin1") calls after
 * checking its arguments and looking up the encoding by name (on every line, a measurable part of
 * decoding it: bench/RESULTS.md). Buffer.prototype has had it since Node's first releases, but it
 * is not documented, so where it is missing toString does the same.
 */
const latin1 =
  typeof (Buffer.prototype as unknown as { latin1Slice?: Latin1Slice }).latin1Slice === "function"
    ? (bytes: Buffer, start: number, end: number): string => (bytes as unknown as { latin1Slice: Latin1Slice }).latin1Slice(start, end)
    : (bytes: Buffer, start: number, end: number): string => bytes.toString("latin1", start, end);

/**
 * Each line is decoded once, whichever queries take it. A batch of ASCII alone (as logs mostly
 * are) is read as latin1, which gives ASCII the same text without UTF-8's checks, and then none of
 * its lines can be invalid UTF-8.
 */
function readBatch(batch: Batch, logStream: string, targets: readonly EventTarget[]): void {
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  const ascii = isAscii(bytes);
  let start = 0;
  for (let i = 0; i < batch.count; i++) {
    const end = batch.ends[i]!;
    const { message, invalid } = ascii ? { message: latin1(bytes, start, end), invalid: false } : decodeLine(bytes, start, end);
    const event = { timestamp: batch.times[i]!, message, logStream };
    const queries = batch.queries[i]!;
    for (let q = 0; q < targets.length; q++) if (((queries >>> q) & 1) === 1) deliverEvent(targets[q]!, event, invalid);
    start = end;
  }
}
