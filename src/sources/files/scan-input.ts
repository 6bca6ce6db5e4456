// Reads one input to its end, for one or more queries over one time range: split into lines, each
// query's prefilter, timestamps, time range; the lines that pass go to that query's `deliver`. The
// same in this thread and in a scan worker (parallel-scan.ts). With a range, a large plain file is
// read only from shortly before the range's start to shortly after its end (seek-by-time.ts).
import type { Readable } from "node:stream";
import type { Prefilter } from "../../insights/types.js";
import type { InputFile } from "./expand-inputs.js";
import { FileScanner, type EventTimes, type LineReceiver, type TimeRange } from "./file-scanner.js";
import { emptyFileReadStats, type FileReadStats } from "./read-stats.js";
import { linePrefilter } from "./line-prefilter.js";
import { LineSplitter } from "./line-splitter.js";
import { readInput, type ReadWindow } from "./read-input.js";
import { ScanFanOut } from "./scan-fan-out.js";
import { createTimestampParser, type YearRule } from "./timestamps.js";

/** Plain data, so that it can be handed to a worker. */
export interface ScanSettings extends TimeRange {
  /** One per query read in this pass. */
  readonly prefilters: readonly (Prefilter | null)[];
  /** IANA zone of syslog timestamps. */
  readonly zone: string;
  readonly year: YearRule;
  readonly maxLineBytes: number;
  /** How far lines may be out of time order (seek-by-time.ts); undefined: read every line. */
  readonly margin?: number;
  /** Plain files from this size on are read from the range's start on (plan-read.ts); default 1 MiB. */
  readonly seekMinBytes?: number;
  /** Where to start reading a plain file whose lines plan-read.ts found in order; undefined: read it whole. */
  readonly readFrom?: number;
}

/** One query's part of a pass. */
export interface ScanResult {
  readonly stats: FileReadStats;
  readonly times: EventTimes;
}

/** `pace` is awaited before each chunk is read on (a worker waits there for its reader). One result per prefilter. */
export async function scanInput(
  input: InputFile,
  settings: ScanSettings,
  deliver: readonly LineReceiver[],
  stdin: Readable,
  pace?: () => Promise<void> | void,
  afterChunk?: () => void,
): Promise<ScanResult[]> {
  const parse = () => createTimestampParser({ zone: settings.zone, year: settings.year });
  const range = { from: settings.from, to: settings.to };
  const stopAt = settings.to === undefined || settings.margin === undefined ? undefined : settings.to + settings.margin;
  const results = settings.prefilters.map(
    (): ScanResult => ({ stats: emptyFileReadStats(input.display), times: { first: undefined, last: undefined } }),
  );
  const scanners = settings.prefilters.map((prefilter, i) => {
    const { stats, times } = results[i]!;
    return new FileScanner(stats, linePrefilter(prefilter), parse(), range, times, deliver[i]!, undefined, stopAt);
  });
  const fanOut = new ScanFanOut(scanners, settings.prefilters, parse(), afterChunk);
  const read = { display: input.display, bytes: 0, error: undefined as string | undefined };
  await readInput(input, new LineSplitter(fanOut, settings.maxLineBytes), read, stdin, pace, readWindow(settings, fanOut));
  fanOut.finish();
  for (const { stats } of results) {
    stats.bytes = read.bytes;
    if (read.error !== undefined) stats.error = read.error;
  }
  return results;
}

/**
 * Where to start and when to stop (seek-by-time.ts): a plain file that plan-read.ts found in order
 * is read from `readFrom` on, and ended once nothing later can matter; any other input is read whole.
 */
function readWindow(settings: ScanSettings, fanOut: ScanFanOut): ReadWindow | undefined {
  const { readFrom } = settings;
  if (readFrom === undefined) return undefined;
  return {
    start: async () => {
      if (readFrom > 0) fanOut.startAfterSkip();
      return readFrom;
    },
    done: () => fanOut.done(),
  };
}
