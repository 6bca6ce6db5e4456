// A worker thread that reads one input (including gzip inflation), splits and prefilters it and
// reads timestamps, for every query of the pass, and sends the lines that pass to the main thread,
// which runs the queries on them: reading and scanning on one core, the queries on the other
// (parallel-scan.ts).
import { parentPort, workerData } from "node:worker_threads";
import { Readable } from "node:stream";
import { keepYoungGenerationSmall } from "../../util/young-generation.js";
import { BatchWriter } from "./batch-writer.js";
import { scanInput } from "./scan-input.js";
import { MAX_BATCHES_AHEAD, transferList, type Batch, type ScanJob, type WorkerMessage } from "./scan-protocol.js";

keepYoungGenerationSmall();
const port = parentPort!;
const job = workerData as ScanJob;
let ahead = 0;
let resume: (() => void) | undefined;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const writer = new BatchWriter((batch: Batch) => {
  ahead++;
  post(batch, transferList(batch));
});
port.on("message", (read: Batch) => {
  writer.recycle(read);
  ahead--;
  resume?.();
  resume = undefined;
});
const pace = () => (ahead < MAX_BATCHES_AHEAD ? undefined : new Promise<void>((resolve) => (resume = resolve)));

try {
  const sinks = job.settings.prefilters.map((_, index) => writer.sink(index));
  const results = await scanInput(job.input, job.settings, sinks, Readable.from([]), pace, () => writer.endOfChunk());
  writer.flush();
  post({ kind: "done", results });
} catch (error) {
  post({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
}
