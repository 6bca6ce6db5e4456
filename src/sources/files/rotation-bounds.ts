// Which inputs need not be read at all for a time range: rotations of a log (mail.log.2.gz,
// mail.log.1, mail.log) whose lines all lie before or after it. Bounds come only from what the
// files show, never from a guess at how often they rotate:
// - a file's lines start at its first stamped line, less the disorder margin (seek-by-time.ts);
// - a rotation's lines end before the first stamped line of the next newer rotation of the same
//   log, plus the margin: the log was renamed before the newer file's first line was written.
// The second holds only when the rotations really follow each other, so it is used only while
// their modification times and first lines are in the order of their names; otherwise the file is read.
import { open } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import { STDIN, type InputFile } from "./expand-inputs.js";
import { HEAD_BYTES } from "./file-scanner.js";
import { rotationKey } from "./rotation-order.js";
import { createTimestampParser, type YearRule } from "./timestamps.js";

const HEAD_READ_BYTES = 16 * 1024;

export interface BoundsSettings {
  /** IANA zone of syslog timestamps. */
  readonly zone: string;
  readonly year: (input: InputFile) => YearRule;
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly margin: number;
}

/** The inputs none of whose lines can lie in [from, to). */
export async function inputsOutside(inputs: readonly InputFile[], settings: BoundsSettings): Promise<Set<InputFile>> {
  const { from, to, margin } = settings;
  const outside = new Set<InputFile>();
  if (from === undefined && to === undefined) return outside;
  const firsts = await Promise.all(inputs.map((input) => firstTime(input, settings)));
  // Newest first, so each file knows the first line of the nearest newer rotation that has one.
  let next: { key: ReturnType<typeof rotationKey>; first: number; modifiedAt: number } | undefined;
  for (let i = inputs.length - 1; i >= 0; i--) {
    const input = inputs[i]!;
    const first = firsts[i];
    const key = input.path === STDIN ? undefined : rotationKey(input.path);
    const follows = key !== undefined && next !== undefined && key.stem === next.key.stem && key.age < next.key.age;
    const inOrder = follows && first !== undefined && input.modifiedAt !== undefined && input.modifiedAt <= next!.modifiedAt && first <= next!.first + margin;
    if (first !== undefined && to !== undefined && first - margin >= to) outside.add(input);
    if (inOrder && from !== undefined && next!.first + margin < from) outside.add(input);
    if (key === undefined || input.modifiedAt === undefined) next = undefined;
    else if (first !== undefined) next = { key, first, modifiedAt: input.modifiedAt };
    else if (!follows) next = undefined;
  }
  return outside;
}

/** The time of the first stamped line among the input's first bytes (inflated for gzip); undefined when there is none. */
async function firstTime(input: InputFile, settings: BoundsSettings): Promise<number | undefined> {
  if (input.path === STDIN) return undefined;
  const head = await headOf(input.path).catch(() => undefined);
  if (head === undefined) return undefined;
  const parse = createTimestampParser({ zone: settings.zone, year: settings.year(input) });
  for (let start = 0; start < head.length; ) {
    const newline = head.indexOf(10, start);
    if (newline === -1) return undefined; // a line cut off here may be longer: judged by the full read
    const time = parse(head.toString("utf8", start, Math.min(newline, start + HEAD_BYTES)));
    if (time !== undefined) return time;
    start = newline + 1;
  }
  return undefined;
}

/** The first bytes of a file, inflated when it is gzip (by its magic number, as read-input.ts decides). */
async function headOf(path: string): Promise<Buffer | undefined> {
  const handle = await open(path, "r");
  try {
    const raw = Buffer.alloc(HEAD_READ_BYTES);
    const { bytesRead } = await handle.read(raw, 0, raw.length, 0);
    const bytes = raw.subarray(0, bytesRead);
    if (!(path.endsWith(".gz") || (bytes[0] === 0x1f && bytes[1] === 0x8b))) return bytes;
    const stream = handle.createReadStream({ start: 0, autoClose: false });
    try {
      return await inflatedHead(stream);
    } finally {
      stream.destroy();
    }
  } finally {
    await handle.close();
  }
}

async function inflatedHead(compressed: NodeJS.ReadableStream): Promise<Buffer> {
  const gunzip = createGunzip();
  compressed.pipe(gunzip);
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const part of gunzip) {
      parts.push(part as Buffer);
      length += (part as Buffer).length;
      if (length >= HEAD_READ_BYTES) break;
    }
  } finally {
    compressed.unpipe(gunzip);
    gunzip.destroy();
  }
  return Buffer.concat(parts);
}
