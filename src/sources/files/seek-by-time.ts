// Where to start reading a plain file for a time range, found by bisection on its lines' timestamps
// instead of reading everything before the range.
//
// Sound as long as the file's lines are in time order within DISORDER_MARGIN_MS (several Postfix
// processes log at once: a line can follow one stamped a little later): then every line before a
// line stamped earlier than `from − margin` is itself earlier than `from`, and every line after one
// stamped `to + margin` or later is at `to` or later. Every probe checks that order against the
// others, against the file's first and last lines and against SPREAD_PROBES lines spread evenly
// through the file; if any two disagree (a fixed --year across New Year, a file spanning more than a
// year, logs joined end to end), the file is read from its start.
import { HEAD_BYTES } from "./file-scanner.js";
import type { TimestampParser } from "./timestamps.js";
import { offsetAt } from "./zone-offset.js";

/**
 * How far a line may be stamped before the lines above it. Measured: 0 s in examples/maillog and in
 * bench/maillog-mix (real Postfix, whole seconds); a minute leaves ample headroom, and reading a
 * minute more on each side of a window costs next to nothing.
 */
export const DISORDER_MARGIN_MS = 60_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The margin for a range: DISORDER_MARGIN_MS, plus, when the zone's clocks go back within a day of
 * the range, the hour (or whatever they go back by) that a syslog stamp of the repeated wall-clock
 * times is read earlier than the lines before it (zone-offset.ts reads them as the earlier instant).
 * Undefined without a range: every line is read.
 */
export function disorderMargin(zone: string, from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined && to === undefined) return undefined;
  // Only the order of lines near the range's ends matters: where reading starts, and where it stops.
  const ends = [from, to].filter((end) => end !== undefined);
  return DISORDER_MARGIN_MS + Math.max(...ends.map((end) => clocksBack(zone, end - DAY, end + DAY)));
}

/** The most the zone's clocks go back by within [start, end]. */
function clocksBack(zone: string, start: number, end: number): number {
  let back = 0;
  let previous = offsetAt(zone, start);
  // Clocks change at most a few times a year, months apart: hourly samples see every step back.
  for (let at = start + HOUR; at <= end; at += HOUR) {
    const offset = offsetAt(zone, at);
    back = Math.max(back, previous - offset);
    previous = offset;
  }
  return back;
}

/**
 * Probes at even steps through the file, besides the bisection's. The bisection's own probes all lie
 * on the path to the range, so they can miss where two logs were joined end to end (two hosts' logs
 * put together with `cat`: the times run up, fall back and run up again) and the seek would skip the
 * other log's lines of the range. A join falls between two evenly spread probes whose times then
 * disagree, unless the part after it is shorter than a step; then the file's last line disagrees.
 * 32 reads of 16 KiB cost about a millisecond from the page cache.
 */
const SPREAD_PROBES = 32;

/** A probe reads this much from a position: enough for a few whole lines. */
const PROBE_BYTES = 16 * 1024;

/** Reads up to `length` bytes at `position` into `buffer`; the count read. */
export type ReadAt = (buffer: Buffer, length: number, position: number) => Promise<number>;

interface Probe {
  /** Offset of the probed line's start. */
  readonly offset: number;
  readonly time: number;
}

/** Where reading a range starts, and about where it will end. */
export interface SeekResult {
  /** A line start such that no line before it is stamped at or after `from`. */
  readonly start: number;
  /** A line start from which every line is stamped at or after `to` (the file's size when none is found): reading stops soon after. */
  readonly end: number;
}

/**
 * Bisection for the range's start and end; undefined when the probes show lines out of order by
 * more than the margin (then neither a later start nor an early end can be trusted, and the file
 * is read whole).
 */
export async function seekRange(
  read: ReadAt,
  size: number,
  parse: TimestampParser,
  range: { readonly from: number | undefined; readonly to: number | undefined },
  margin: number,
): Promise<SeekResult | undefined> {
  const buffer = Buffer.allocUnsafe(PROBE_BYTES);
  const probe = (position: number, last = false) => stampedLine(read, buffer, size, position, parse, last);
  const first = await probe(0);
  const last = await probe(Math.max(0, size - PROBE_BYTES), true);
  if (first === undefined || last === undefined) return undefined;
  const probes: Probe[] = [first, last];
  for (let i = 1; i < SPREAD_PROBES; i += 1) {
    const found = await probe(Math.floor((size * i) / SPREAD_PROBES));
    if (found !== undefined) probes.push(found);
  }
  const { from, to } = range;
  const start = await bisect(probe, probes, 0, size, (time) => from !== undefined && time < from - margin);
  const end = to === undefined ? size : await bisect(probe, probes, start, size, (time) => time < to + margin);
  return inOrder(probes, margin) ? { start, end: Math.min(size, end + PROBE_BYTES) } : undefined;
}

/**
 * The offset of the last probed line in [lo, hi) for which `before` holds (lo when none), found
 * by halving; every probe is kept in `probes` for the order check.
 */
async function bisect(
  probe: (position: number) => Promise<Probe | undefined>,
  probes: Probe[],
  low: number,
  high: number,
  before: (time: number) => boolean,
): Promise<number> {
  let lo = low;
  let hi = high;
  while (hi - lo > PROBE_BYTES) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const found = await probe(mid);
    // A stretch without a stamped line cannot be judged: keep the part before it.
    if (found === undefined || found.offset >= hi) {
      hi = mid;
      continue;
    }
    probes.push(found);
    if (before(found.time)) lo = found.offset;
    else hi = mid;
  }
  return lo;
}

/** Whether the probes agree with lines in order within `margin`. */
function inOrder(probes: readonly Probe[], margin: number): boolean {
  const sorted = [...probes].sort((a, b) => a.offset - b.offset);
  let latest = -Infinity;
  for (const probe of sorted) {
    if (probe.time + margin < latest) return false;
    latest = Math.max(latest, probe.time);
  }
  return true;
}

/**
 * The first stamped line starting at or after `position` (at `position` itself only when it is 0
 * or follows a newline); with `last`, the last stamped line of the block read there instead.
 */
async function stampedLine(
  read: ReadAt,
  buffer: Buffer,
  size: number,
  position: number,
  parse: TimestampParser,
  last: boolean,
): Promise<Probe | undefined> {
  // One byte before `position` too: it says whether a line starts right at `position`.
  const from = Math.max(0, position - 1);
  const length = await read(buffer, Math.min(buffer.length, size - from), from);
  const atEof = from + length >= size;
  let start = position === 0 ? 0 : buffer.indexOf(10) + 1;
  if (start === 0 && position > 0) return undefined;
  let found: Probe | undefined;
  while (start < length) {
    let end = buffer.indexOf(10, start);
    // A line cut off by the block's end is judged only when it is the file's last.
    if (end === -1 || end >= length) {
      if (!atEof) break;
      end = length;
    }
    const time = parse(buffer.toString("utf8", start, Math.min(end, start + HEAD_BYTES)));
    if (time !== undefined) {
      found = { offset: from + start, time };
      if (!last) return found;
    }
    start = end + 1;
  }
  return found;
}
