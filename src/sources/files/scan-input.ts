// Reads one input to its end: split into lines, prefilter, timestamps, time range; the lines that
// pass go to `deliver`. The same in this thread and in a scan worker (parallel-scan.ts).
import type { Readable } from "node:stream";
import type { Prefilter } from "../../insights/types.js";
import type { InputFile } from "./expand-inputs.js";
import { FileScanner, type EventTimes, type LineReceiver, type TimeRange } from "./file-scanner.js";
import { emptyFileReadStats, type FileReadStats } from "./read-stats.js";
import { linePrefilter } from "./line-prefilter.js";
import { LineSplitter } from "./line-splitter.js";
import { candidateLines } from "./needle-search.js";
import { readInput } from "./read-input.js";
import { createTimestampParser, type YearRule } from "./timestamps.js";

/** Plain data, so that it can be handed to a worker. */
export interface ScanSettings extends TimeRange {
  readonly prefilter: Prefilter | null;
  /** IANA zone of syslog timestamps. */
  readonly zone: string;
  readonly year: YearRule;
  readonly maxLineBytes: number;
}

export interface ScanResult {
  readonly stats: FileReadStats;
  readonly times: EventTimes;
}

/** `pace` is awaited before each chunk is read on (a worker waits there for its reader). */
export async function scanInput(
  input: InputFile,
  settings: ScanSettings,
  deliver: LineReceiver,
  stdin: Readable,
  pace?: () => Promise<void> | void,
): Promise<ScanResult> {
  const stats = emptyFileReadStats(input.display);
  const times: EventTimes = { first: undefined, last: undefined };
  const parse = createTimestampParser({ zone: settings.zone, year: settings.year });
  const range = { from: settings.from, to: settings.to };
  const accept = linePrefilter(settings.prefilter);
  const scanner = new FileScanner(stats, accept, parse, range, times, deliver, candidateLines(settings.prefilter));
  await readInput(input, new LineSplitter(scanner, settings.maxLineBytes), stats, stdin, pace);
  scanner.finish();
  return { stats, times };
}
