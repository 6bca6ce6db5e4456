// The stdout sink: prints datums instead of publishing them (sink type stdout, and --dry-run).
// One batch per plan: a printed batch cannot fail half-way the way a PutMetricData call can, except
// when the reader closes the pipe (`| head`). Then the batch counts as not printed, and the next
// run prints all of it again: what the reader took before it left, it did not want.
import { chooseFormat, formatDatums, type OutputFormat } from "./format.js";
import type { Datum } from "../../metrics/datum.js";
import { StdoutClosedError, writeStdout } from "../../util/stdio.js";
import { PublishError, type Sink } from "../sink.js";

export interface StdoutSinkOptions {
  /** Default: table on a terminal, ndjson otherwise. */
  readonly output?: OutputFormat;
  /** Where text goes; default process.stdout (resolving once the text is flushed, so pipes get backpressure; see util/stdio.ts). */
  readonly write?: (text: string) => void | Promise<void>;
  readonly isTTY?: boolean;
}

export interface StdoutSink extends Sink {
  readonly format: OutputFormat;
  /** Prints one batch: a table, one JSON array, or one line per datum. Nothing for an empty ndjson batch. */
  publish(datums: readonly Datum[]): Promise<void>;
}

const NDJSON_SLICE = 250;

export function createStdoutSink(options: StdoutSinkOptions = {}): StdoutSink {
  const format = chooseFormat(options.output, options.isTTY ?? process.stdout.isTTY === true);
  const write = options.write ?? ((text: string) => writeStdout(text));
  const print = async (datums: readonly Datum[]) => {
    // A table or a JSON array is one text (an empty one too); ndjson is written in slices: one
    // string for a whole long backfill would double its memory. Slices of 1,000 datums (~100 KB)
    // were kept until a full collection: 15 MB more peak memory for 160,000 datums, none at 250.
    if (format !== "ndjson") return write(formatDatums(datums, format));
    for (let start = 0; start < datums.length; start += NDJSON_SLICE)
      await write(formatDatums(datums.slice(start, start + NDJSON_SLICE), format));
  };
  return {
    format,
    batchEnds: (datums) => (datums.length === 0 ? [] : [datums.length]),
    async publish(datums) {
      try {
        await print(datums);
      } catch (error) {
        if (error instanceof StdoutClosedError)
          throw new PublishError(`${error.message} before the batch was printed`, "not-published", { cause: error });
        throw error;
      }
    },
  };
}
