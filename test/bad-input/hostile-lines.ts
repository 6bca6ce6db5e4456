// Lines no query may count, and damage to real lines that must not change what they count. Every
// hostile line lacks a valid timestamp at its start (so it can only be skipped); some carry the
// shipped queries' markers (said: , dsn=) so they get past the prefilter and reach the timestamp check.
import type { SeededRandom } from "./seeded-random.js";

const MARKERS = ["said: 550 5.7.26 x", "dsn=5.7.1, status=bounced (x)", "refused to talk to me: 421 4.7.0", "status=sent (250 2.0.0 Ok)"];

/** Timestamps that look right but name no instant (or are not at the line's start). */
const BROKEN_TIMESTAMPS = [
  "Nov 31 10:00:00",
  "Feb 30 10:00:00",
  "Nov 29 24:00:00",
  "Nov 29 10:60:00",
  "Nov 29 10:00:61",
  "Nov 29 1:00:00",
  "Noe 29 10:00:00",
  "nov 29 10:00:00",
  "2026-13-01T00:00:00Z",
  "2026-11-29T25:00:00Z",
  "2026-11-29T10:00:00",
  " Nov 29 10:00:00",
  "Nov 29 10:00:00.",
  "2026-11-29 10:00:00Z",
  "\u0000Nov 29 10:00:00",
  "\ufeffNov 29 10:00:00",
];

/** Byte sequences that are not UTF-8: stray continuation bytes, overlong forms, surrogates, cut sequences, 0xFE/0xFF. */
const INVALID_UTF8 = [
  [0x80],
  [0xbf],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xfe],
  [0xff],
  [0xc3],
];

/** `length` seeded random bytes; with `withoutNewline`, a \n becomes \v so they stay one line. */
export function randomBytes(random: SeededRandom, length: number, withoutNewline = true): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    const byte = random.int(256);
    bytes[i] = withoutNewline && byte === 10 ? 11 : byte;
  }
  return bytes;
}

function invalidUtf8(random: SeededRandom): Buffer {
  return Buffer.from(random.pick(INVALID_UTF8));
}

export type HostileKind = "random bytes" | "marker without timestamp" | "broken timestamp" | "NUL run" | "invalid UTF-8" | "blank";

const KINDS: readonly HostileKind[] = ["random bytes", "marker without timestamp", "broken timestamp", "NUL run", "invalid UTF-8", "blank"];

/** One line (without its newline) that no query may count. */
export function hostileLine(random: SeededRandom): { kind: HostileKind; bytes: Buffer } {
  const kind = random.pick(KINDS);
  switch (kind) {
    case "random bytes":
      return { kind, bytes: randomBytes(random, random.between(1, 2000)) };
    case "marker without timestamp":
      return {
        kind,
        bytes: Buffer.concat([
          randomBytes(random, random.between(0, 40)).filter((b) => b > 0x20 && b < 0x7f),
          Buffer.from(` mx postfix/smtp[1]: ${random.pick(MARKERS)}`),
        ]),
      };
    case "broken timestamp":
      return { kind, bytes: Buffer.from(`${random.pick(BROKEN_TIMESTAMPS)} mx postfix/smtp[1]: A1: ${random.pick(MARKERS)}`) };
    case "NUL run":
      return { kind, bytes: Buffer.alloc(random.between(1, 1000), 0) };
    case "invalid UTF-8":
      return { kind, bytes: Buffer.concat([Buffer.from(random.pick(MARKERS)), invalidUtf8(random), Buffer.from(random.pick(MARKERS))]) };
    case "blank":
      return { kind, bytes: Buffer.from(random.pick(["", " ", "\t", "\r", "  \t "])) };
  }
}

/** A real line with bytes appended after a space: NULs, invalid UTF-8 or random bytes. Its count must not change. */
export function damagedLine(line: Buffer, random: SeededRandom): Buffer {
  const tail = random.pick([
    () => Buffer.alloc(random.between(1, 50), 0),
    () => invalidUtf8(random),
    () => randomBytes(random, random.between(1, 200)),
  ])();
  return Buffer.concat([line, Buffer.from(" "), tail]);
}

/** A line of `bytes` length with no newline in it, cheap to build at 10 MB. */
export function longLine(bytes: number, fill = "said: 550 5.7.26 "): Buffer {
  return Buffer.alloc(bytes, fill);
}
