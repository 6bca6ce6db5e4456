// The local source: runs a compiled query over log files, as StartQuery would over log groups.
import type { Readable } from "node:stream";
import { isUtf8 } from "node:buffer";
import type { CompiledQuery, Execution, ResultRow } from "../../insights/types.js";
import { expandInputs, type InputFile } from "./expand-inputs.js";
import { widenTimes, type EventTimes, type LineReceiver, type TimeRange } from "./file-scanner.js";
import { DEFAULT_MAX_LINE_BYTES } from "./line-splitter.js";
import { PARALLEL_MIN_BYTES, scanInWorker, worthAWorker } from "./parallel-scan.js";
import { scanInput, type ScanSettings } from "./scan-input.js";
import { sumStats, type FileReadStats, type ReadStats } from "./read-stats.js";
import type { YearRule } from "./timestamps.js";

const DAY = 86_400_000;

export interface FilesOptions extends TimeRange {
  /** IANA zone of syslog timestamps. */
  readonly timezone: string;
  /** Year of syslog timestamps; default: inferred per file (see YearRule). */
  readonly year?: number;
  /** StartQuery-like row limit. */
  readonly limit?: number;
  readonly now?: () => number;
  readonly stdin?: Readable;
  readonly maxLineBytes?: number;
  /** Files from this size on are read in a worker thread (parallel-scan.ts); default 8 MiB. */
  readonly parallelMinBytes?: number;
}

export interface FilesResult {
  readonly rows: ResultRow[];
  readonly stats: ReadStats;
}

/** Reads every input (paths, globs, `-`), pushes its events through the query, returns the rows. */
export async function runQueryOverFiles(query: CompiledQuery, patterns: readonly string[], options: FilesOptions): Promise<FilesResult> {
  const inputs = await expandInputs(patterns);
  // Every line read goes through the query's prefilter (scan-input.ts), so a leading filter that
  // holds exactly for those lines need not run again.
  const execution = query.start({ ...(options.limit === undefined ? {} : { limit: options.limit }), prefiltered: true });
  const times: EventTimes = { first: undefined, last: undefined };
  const perFile: FileReadStats[] = [];
  const now = options.now ?? Date.now;
  for (const input of inputs) {
    const settings: ScanSettings = {
      prefilter: query.prefilter,
      zone: options.timezone,
      year: yearRule(input, options.year, now),
      from: options.from,
      to: options.to,
      maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    };
    // Lines the worker lets through are decoded here, which counts their invalid UTF-8.
    const decoded = { invalidUtf8: 0 };
    const deliver = eventFeed(execution, input.logStream, decoded);
    const result = worthAWorker(input, options.parallelMinBytes ?? PARALLEL_MIN_BYTES)
      ? await scanInWorker(input, settings, deliver)
      : await scanInput(input, settings, deliver, options.stdin ?? process.stdin);
    perFile.push({ ...result.stats, invalidUtf8: result.stats.invalidUtf8 + decoded.invalidUtf8 });
    widenTimes(times, result.times.first);
    widenTimes(times, result.times.last);
  }
  const output = execution.finish();
  return { rows: output.rows, stats: sumStats(perFile, output, times) };
}

function yearRule(input: InputFile, year: number | undefined, now: () => number): YearRule {
  if (year !== undefined) return { fixed: year };
  return { reference: (input.modifiedAt ?? now()) + DAY };
}

/**
 * The end of the line path: a line that passed the prefilter, the timestamp and the time range
 * becomes an event of the running query.
 */
export function eventFeed(execution: Execution, logStream: string, stats: { invalidUtf8: number }): LineReceiver {
  return (chunk, start, end, timestamp) => {
    // Decoded with U+FFFD replacements; only a line that then holds U+FFFD can be invalid UTF-8.
    const message = chunk.toString("utf8", start, end);
    if (message.includes("\ufffd") && !isUtf8(chunk.subarray(start, end))) stats.invalidUtf8++;
    execution.push({ timestamp, message, logStream });
  };
}
