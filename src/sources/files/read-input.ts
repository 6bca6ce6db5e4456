// Streams one input (plain file, .gz, or stdin) through a LineSplitter in constant memory.
// A plain file is read into one buffer, reused for every chunk: a fresh 1 MiB buffer per chunk
// lives outside V8's heap until a collection frees it, and tens of them pile up in between
// (bench/RESULTS.md). So nothing may keep a chunk after push(): LineSplitter copies the start of
// a line it keeps, and calls endOfChunk() so its handler can copy what it holds.
// Gzip is recognised by its name (.gz) or by its first two bytes, so a rotation compressed without
// the suffix, or `zcat`-less `cat mail.log.2.gz | mail-metrics query q -`, is inflated too.
// A gzip stream that breaks off (truncated or corrupt) ends that input with a counted error; the
// lines read before it are kept, the incomplete last one is dropped.
import { open as openFile, type FileHandle } from "node:fs/promises";
import { pipeline, Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { STDIN, type InputFile } from "./expand-inputs.js";
import type { LineSplitter } from "./line-splitter.js";
import { cannotRead } from "./read-error.js";
import type { ReadAt } from "./seek-by-time.js";

const CHUNK_BYTES = 1024 * 1024;

type Pace = () => Promise<void> | void;

/** What reading an input did: bytes read, and why it stopped early (truncated or corrupt gzip). */
export interface ReadProgress {
  bytes: number;
  error?: string | undefined;
}

/** Reading a time range rather than a whole input (scan-input.ts). */
export interface ReadWindow {
  /** Where to start in a plain regular file of `size` bytes: a line start, 0 for its beginning. */
  readonly start: (read: ReadAt, size: number) => Promise<number>;
  /** Asked between chunks: true once the rest of the input cannot matter. */
  readonly done: () => boolean;
}

/** RFC 1952 §2.3.1: every gzip member starts with ID1 = 0x1f, ID2 = 0x8b (no text line can). */
const isGzip = (head: Buffer): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** `source` inflated; an error on either side ends the iteration with that error. */
function gunzip(source: AsyncIterable<Buffer>): Readable {
  const inflate = createGunzip({ chunkSize: 256 * 1024 });
  pipeline(Readable.from(source), inflate, () => {});
  return inflate;
}

/** `head`, then the rest of `chunks` (stopped too when this is stopped early). */
async function* joined(head: Buffer, chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) yield head;
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) yield next.value;
  } finally {
    await chunks.return?.();
  }
}

/** Standard input, inflated when its first two bytes say gzip (it can be read once, so they are looked at in passing). */
async function* stdinBytes(stdin: Readable): AsyncGenerator<Buffer> {
  const chunks = stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await chunks.next();
    if (next.done === true) break;
    head = Buffer.concat([head, next.value]);
  }
  yield* isGzip(head) ? gunzip(joined(head, chunks)) : joined(head, chunks);
}

async function readStream(
  stream: AsyncIterable<Buffer>,
  splitter: LineSplitter,
  stats: ReadProgress,
  pace?: Pace,
  window?: ReadWindow,
): Promise<void> {
  for await (const chunk of stream) {
    await pace?.();
    stats.bytes += chunk.length;
    splitter.push(chunk);
    if (window?.done() === true) break;
  }
}

/**
 * A file, plain or gzip. Read sequentially, never at positions: a named pipe such as bash's
 * `<(zcat …)` has none. The first chunk says which it is.
 */
async function readFile(path: string, splitter: LineSplitter, stats: ReadProgress, pace?: Pace, window?: ReadWindow): Promise<void> {
  const handle = await openFile(path, "r");
  try {
    const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    // `position` null: on from the last read, as a pipe allows.
    let position: number | null = null;
    const read = async (offset = 0) => {
      const { bytesRead } = await handle.read(buffer, offset, CHUNK_BYTES - offset, position);
      if (position !== null) position += bytesRead;
      return bytesRead;
    };
    await pace?.();
    let length = await read();
    if (length === 1) length += await read(1); // a pipe may hand out one byte first; the magic number is two
    if (path.endsWith(".gz") || isGzip(buffer.subarray(0, length))) {
      const rest = handle.createReadStream({ highWaterMark: CHUNK_BYTES, autoClose: false });
      await readStream(
        gunzip(joined(Buffer.from(buffer.subarray(0, length)), rest[Symbol.asyncIterator]())),
        splitter,
        stats,
        pace,
        window,
      );
      return;
    }
    const start = window === undefined ? 0 : await seekable(handle, window);
    if (start > 0) {
      position = start;
      length = await read();
    }
    while (length > 0) {
      stats.bytes += length;
      splitter.push(buffer.subarray(0, length));
      if (window?.done() === true) break;
      await pace?.();
      length = await read();
    }
  } finally {
    await handle.close();
  }
}

/** Where a window starts reading a regular file (a pipe or device has no positions: 0). */
async function seekable(handle: FileHandle, window: ReadWindow): Promise<number> {
  const info = await handle.stat();
  if (!info.isFile()) return 0;
  return window.start(async (target, length, at) => (await handle.read(target, 0, length, at)).bytesRead, info.size);
}

/**
 * Reads `input` into `splitter`, to its end or until `window` says the rest cannot matter; gzip
 * failures are recorded in `stats.error`. `pace` is awaited between chunks.
 */
export async function readInput(
  input: InputFile,
  splitter: LineSplitter,
  stats: ReadProgress,
  stdin: Readable,
  pace?: Pace,
  window?: ReadWindow,
): Promise<void> {
  try {
    if (input.path === STDIN) await readStream(stdinBytes(stdin), splitter, stats, pace, window);
    else await readFile(input.path, splitter, stats, pace, window);
    splitter.end();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (!code.startsWith("Z_")) throw cannotRead(input.display, error);
    const dropped = splitter.abandon() ? "; its incomplete last line was dropped" : "";
    stats.error = `gzip data ends early or is corrupt (${(error as Error).message})${dropped}`;
  }
}
