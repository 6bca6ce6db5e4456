// Streams one input (plain file, .gz, or stdin) through a LineSplitter in constant memory.
// A plain file is read into one buffer, reused for every chunk: a fresh 1 MiB buffer per chunk
// lives outside V8's heap until a collection frees it, and tens of them pile up in between
// (bench/RESULTS.md). So nothing may keep a chunk after push(): LineSplitter copies the start of
// a line it keeps, and calls endOfChunk() so its handler can copy what it holds.
// A gzip stream that breaks off (truncated or corrupt) ends that input with a counted error; the
// lines read before it are kept, the incomplete last one is dropped.
import { createReadStream } from "node:fs";
import { open as openFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { RuntimeError } from "../../errors.js";
import { STDIN, type InputFile } from "./expand-inputs.js";
import type { FileStats } from "./file-stats.js";
import type { LineSplitter } from "./line-splitter.js";

const CHUNK_BYTES = 1024 * 1024;

type Pace = () => Promise<void> | void;

function open(input: InputFile, stdin: Readable): Readable {
  if (input.path === STDIN) return stdin;
  const file = createReadStream(input.path, { highWaterMark: CHUNK_BYTES });
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  file.on("error", (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

async function readStream(stream: Readable, splitter: LineSplitter, stats: FileStats, pace?: Pace): Promise<void> {
  for await (const chunk of stream) {
    await pace?.();
    stats.bytes += (chunk as Buffer).length;
    splitter.push(chunk as Buffer);
  }
}

async function readPlainFile(path: string, splitter: LineSplitter, stats: FileStats, pace?: Pace): Promise<void> {
  const handle = await openFile(path, "r");
  try {
    const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    for (;;) {
      await pace?.();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      stats.bytes += bytesRead;
      splitter.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** Reads `input` to its end into `splitter`; gzip failures are recorded in `stats.error`. `pace` is awaited between chunks. */
export async function readInput(input: InputFile, splitter: LineSplitter, stats: FileStats, stdin: Readable, pace?: Pace): Promise<void> {
  try {
    if (input.path !== STDIN && !input.path.endsWith(".gz")) await readPlainFile(input.path, splitter, stats, pace);
    else await readStream(open(input, stdin), splitter, stats, pace);
    splitter.end();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (!code.startsWith("Z_")) throw new RuntimeError(`cannot read ${input.display}: ${(error as Error).message}`, { cause: error });
    const dropped = splitter.abandon() ? "; its incomplete last line was dropped" : "";
    stats.error = `gzip data ends early or is corrupt (${(error as Error).message})${dropped}`;
  }
}
