// The local source: runs a compiled query over log files, as StartQuery would over log groups.
import type { Readable } from "node:stream";
import type { CompiledQuery, ResultRow } from "../../insights/types.js";
import { eventSink } from "./event-sink.js";
import { expandInputs, type InputFile } from "./expand-inputs.js";
import { widenTimes, type EventTimes, type TimeRange } from "./file-scanner.js";
import type { FileStats } from "./read-stats.js";
import { DEFAULT_MAX_LINE_BYTES } from "./line-splitter.js";
import { PARALLEL_MIN_BYTES, scanInWorker, worthAWorker } from "./parallel-scan.js";
import { scanInput, type ScanSettings } from "./scan-input.js";
import { sumStats, type FilesStats } from "./sum-stats.js";
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
  readonly stats: FilesStats;
}

/** Reads every input (paths, globs, `-`), pushes its events through the query, returns the rows. */
export async function runQueryOverFiles(query: CompiledQuery, patterns: readonly string[], options: FilesOptions): Promise<FilesResult> {
  const inputs = await expandInputs(patterns);
  // Every line read goes through the query's prefilter (scan-input.ts), so a leading filter that
  // holds exactly for those lines need not run again.
  const execution = query.start({ ...(options.limit === undefined ? {} : { limit: options.limit }), prefiltered: true });
  const times: EventTimes = { first: undefined, last: undefined };
  const perFile: FileStats[] = [];
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
    const deliver = eventSink(execution, input.logStream, decoded);
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
