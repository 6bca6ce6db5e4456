// Before an input is read for a range: where its reading starts and about how much it reads, so
// that a large plain file read only for a short range is read in this thread (a worker costs more
// to start than reading a few MiB) and the worker, when there is one, needs no bisection of its own.
import { open } from "node:fs/promises";
import { STDIN, type InputFile } from "./expand-inputs.js";
import type { ScanSettings } from "./scan-input.js";
import { seekRange } from "./seek-by-time.js";
import { createTimestampParser } from "./timestamps.js";

const SEEK_MIN_BYTES = 1024 * 1024;

export interface ReadPlan {
  /** Where reading starts (the file's lines are in order), undefined: as scan-input.ts decides. */
  readonly readFrom?: number;
  /** About how many bytes are read (compressed bytes for gzip), undefined when not known. */
  readonly bytes: number | undefined;
}

export async function planRead(input: InputFile, settings: ScanSettings): Promise<ReadPlan> {
  const { margin, from, to } = settings;
  const whole = { bytes: input.size };
  if (margin === undefined || input.path === STDIN || input.path.endsWith(".gz") || input.size === undefined) return whole;
  if (input.size < (settings.seekMinBytes ?? SEEK_MIN_BYTES)) return whole;
  const handle = await open(input.path, "r").catch(() => undefined);
  if (handle === undefined) return whole; // the read itself reports why
  try {
    const info = await handle.stat();
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    // RFC 1952 §2.3.1: gzip without a .gz name is inflated whole (read-input.ts).
    if (!info.isFile() || (magic[0] === 0x1f && magic[1] === 0x8b)) return whole;
    const parse = createTimestampParser({ zone: settings.zone, year: settings.year });
    const read = async (target: Buffer, length: number, at: number) => (await handle.read(target, 0, length, at)).bytesRead;
    const found = await seekRange(read, info.size, parse, { from, to }, margin);
    return found === undefined ? whole : { readFrom: found.start, bytes: found.end - found.start };
  } finally {
    await handle.close();
  }
}
