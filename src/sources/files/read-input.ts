// Streams one input (plain file, .gz, or stdin) through a LineSplitter in constant memory.
// A gzip stream that breaks off (truncated or corrupt) ends that input with a counted error; the
// lines read before it are kept, the incomplete last one is dropped.
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { RuntimeError } from "../../errors.js";
import { STDIN, type InputFile } from "./expand-inputs.js";
import type { FileStats } from "./file-stats.js";
import type { LineSplitter } from "./line-splitter.js";

const CHUNK_BYTES = 1024 * 1024;

function open(input: InputFile, stdin: Readable): Readable {
  if (input.path === STDIN) return stdin;
  const file = createReadStream(input.path, { highWaterMark: CHUNK_BYTES });
  if (!input.path.endsWith(".gz")) return file;
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  file.on("error", (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

/** Reads `input` to its end into `splitter`; gzip failures are recorded in `stats.error`. `pace` is awaited between chunks. */
export async function readInput(input: InputFile, splitter: LineSplitter, stats: FileStats, stdin: Readable, pace?: () => Promise<void> | void): Promise<void> {
  try {
    for await (const chunk of open(input, stdin)) {
      await pace?.();
      stats.bytes += (chunk as Buffer).length;
      splitter.push(chunk as Buffer);
    }
    splitter.end();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (!code.startsWith("Z_")) throw new RuntimeError(`cannot read ${input.display}: ${(error as Error).message}`, { cause: error });
    const dropped = splitter.abandon() ? "; its incomplete last line was dropped" : "";
    stats.error = `gzip data ends early or is corrupt (${(error as Error).message})${dropped}`;
  }
}
