// One seeded log-reader case: examples/maillog with hostile lines inserted, some real lines
// damaged, maybe over-long lines, LF or CRLF endings, written plain, gzipped, split into rotated
// files, or gzipped and cut short. It knows what reading it must report.
import { gzipSync } from "node:zlib";
import { damagedLine, hostileLine, longLine, type HostileKind } from "./hostile-lines.js";
import { MAILLOG_LINES } from "./maillog-expected.js";
import type { SeededRandom } from "./seeded-random.js";

export type Container = "plain" | "gzip" | "rotated" | "truncated gzip";

export interface LogCase {
  readonly description: string;
  /** File name → content. */
  readonly files: Record<string, Buffer>;
  readonly container: Container;
  /** Lines in the files: real, hostile and over-long (before any truncation). */
  readonly lines: number;
  readonly overLong: number;
}

const CONTAINERS: readonly Container[] = ["plain", "gzip", "rotated", "truncated gzip"];

export function buildLogCase(random: SeededRandom, maxLineBytes: number): LogCase {
  const lines = MAILLOG_LINES.map((line) => (random.chance(0.05) ? damagedLine(line, random) : line));
  const kinds = new Map<HostileKind, number>();
  for (let n = random.between(0, 300); n > 0; n--) {
    const { kind, bytes } = hostileLine(random);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    lines.splice(random.int(lines.length + 1), 0, bytes);
  }
  const overLong = random.chance(0.3) ? random.between(1, 2) : 0;
  for (let n = 0; n < overLong; n++)
    lines.splice(random.int(lines.length + 1), 0, longLine(maxLineBytes + random.between(1, 2 * maxLineBytes)));
  const ending = random.chance(0.5) ? "\r\n" : "\n";
  const finalNewline = random.chance(0.7);
  const container = random.pick(CONTAINERS);
  const hostile = [...kinds].map(([kind, n]) => `${n} ${kind}`).join(", ") || "no hostile lines";
  return {
    description: `${container}, ${ending === "\n" ? "LF" : "CRLF"}${finalNewline ? "" : ", no final newline"}, ${hostile}, ${overLong} over-long`,
    files: write(lines, ending, finalNewline, container, random),
    container,
    // An empty last line without a newline after it is no line at all.
    lines: !finalNewline && lines.at(-1)?.length === 0 ? lines.length - 1 : lines.length,
    overLong,
  };
}

function join(lines: readonly Buffer[], ending: string, finalNewline: boolean): Buffer {
  const separator = Buffer.from(ending);
  const parts = lines.flatMap((line, i) => (i < lines.length - 1 || finalNewline ? [line, separator] : [line]));
  return Buffer.concat(parts);
}

function write(
  lines: readonly Buffer[],
  ending: string,
  finalNewline: boolean,
  container: Container,
  random: SeededRandom,
): Record<string, Buffer> {
  switch (container) {
    case "plain":
      return { "mail.log": join(lines, ending, finalNewline) };
    case "gzip":
      return { "mail.log.1.gz": gzipSync(join(lines, ending, finalNewline)) };
    case "rotated": {
      // Whole lines per file, as logrotate leaves them; the last file may lack its final newline.
      const [a, b] = [random.int(lines.length + 1), random.int(lines.length + 1)].sort((x, y) => x - y) as [number, number];
      return {
        "mail.log.2.gz": gzipSync(join(lines.slice(0, a), ending, true)),
        "mail.log.1": join(lines.slice(a, b), ending, true),
        "mail.log": join(lines.slice(b), ending, finalNewline),
      };
    }
    case "truncated gzip": {
      const whole = gzipSync(join(lines, ending, finalNewline));
      return { "mail.log.1.gz": whole.subarray(0, random.between(1, whole.length - 9)) };
    }
  }
}
