// Which inputs need not be read at all for a time range: rotations of a log (mail.log.2.gz,
// mail.log.1, mail.log) whose lines all lie before or after it. Bounds come only from what the
// files show, never from a guess at how often they rotate:
// - a file's lines start at its first stamped line, less the disorder margin (seek-by-time.ts),
//   when its order can be checked: a plain file's last stamped line is not earlier, a gzip
//   rotation's first line is not later than the next newer rotation's (a fixed --year across New
//   Year puts January lines before December ones, and then the file is read);
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
  const spans = await Promise.all(inputs.map((input) => stampedSpan(input, settings)));
  // Newest first, so each file knows the first line of the nearest newer rotation that has one.
  let next: { key: ReturnType<typeof rotationKey>; first: number; modifiedAt: number } | undefined;
  for (let i = inputs.length - 1; i >= 0; i--) {
    const input = inputs[i]!;
    const { first, last, plain } = spans[i]!;
    const key = input.path === STDIN ? undefined : rotationKey(input.path);
    const follows = key !== undefined && next !== undefined && key.stem === next.key.stem && key.age < next.key.age;
    const inOrder =
      follows &&
      first !== undefined &&
      input.modifiedAt !== undefined &&
      input.modifiedAt <= next!.modifiedAt &&
      first <= next!.first + margin &&
      (last ?? first) <= next!.first + margin;
    const ordered = plain ? last !== undefined && first !== undefined && last >= first - margin : inOrder;
    if (ordered && to !== undefined && first! - margin >= to) outside.add(input);
    if (inOrder && from !== undefined && next!.first + margin < from) outside.add(input);
    if (key === undefined || input.modifiedAt === undefined) next = undefined;
    else if (first !== undefined) next = { key, first, modifiedAt: input.modifiedAt };
    else if (!follows) next = undefined;
  }
  return outside;
}

export interface StampedSpan {
  /** The first stamped line's time among the first bytes. */
  readonly first: number | undefined;
  /** The last stamped line's time among the last bytes; plain files only (a gzip file cannot be read from its end). */
  readonly last: number | undefined;
  readonly plain: boolean;
}

/** The times of the first and last stamped lines, from the input's first and last bytes; undefined where there is none. */
export async function stampedSpan(input: InputFile, settings: Pick<BoundsSettings, "zone" | "year">): Promise<StampedSpan> {
  if (input.path === STDIN) return { first: undefined, last: undefined, plain: false };
  const ends = await endsOf(input.path).catch(() => undefined);
  if (ends === undefined) return { first: undefined, last: undefined, plain: false };
  const parse = createTimestampParser({ zone: settings.zone, year: settings.year(input) });
  const times = (bytes: Buffer, whole: boolean): number[] => {
    const found: number[] = [];
    // Lines cut off by the bytes' ends may be longer: judged by the full read. A tail starts at a line start only after a newline.
    let start = whole ? 0 : bytes.indexOf(10) + 1;
    if (start === 0 && !whole) return found;
    for (let newline = bytes.indexOf(10, start); newline !== -1; newline = bytes.indexOf(10, start)) {
      const time = parse(bytes.toString("utf8", start, Math.min(newline, start + HEAD_BYTES)));
      if (time !== undefined) found.push(time);
      start = newline + 1;
    }
    return found;
  };
  return {
    first: times(ends.head, true)[0],
    last: ends.tail === undefined ? undefined : times(ends.tail, ends.tailIsWhole).at(-1),
    plain: ends.tail !== undefined,
  };
}

/** The first bytes of a file, inflated when it is gzip (by its magic number, as read-input.ts decides), and a plain file's last bytes. */
async function endsOf(path: string): Promise<{ head: Buffer; tail?: Buffer; tailIsWhole: boolean }> {
  const handle = await open(path, "r");
  try {
    const raw = Buffer.alloc(HEAD_READ_BYTES);
    const { bytesRead } = await handle.read(raw, 0, raw.length, 0);
    const bytes = raw.subarray(0, bytesRead);
    if (!(path.endsWith(".gz") || (bytes[0] === 0x1f && bytes[1] === 0x8b))) {
      const { size } = await handle.stat();
      const tailStart = Math.max(0, size - HEAD_READ_BYTES);
      const tail = Buffer.alloc(Math.min(size, HEAD_READ_BYTES));
      const read = (await handle.read(tail, 0, tail.length, tailStart)).bytesRead;
      // The last line ends the file whether or not a newline follows it.
      const ended = read > 0 && tail[read - 1] !== 10 ? Buffer.concat([tail.subarray(0, read), Buffer.from("\n")]) : tail.subarray(0, read);
      return { head: bytes, tail: ended, tailIsWhole: tailStart === 0 };
    }
    const stream = handle.createReadStream({ start: 0, autoClose: false });
    try {
      return { head: await inflatedHead(stream), tailIsWhole: false };
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
