// The local source: runs a compiled query over log files, as StartQuery would over log groups.
import type { Readable } from "node:stream";
import type { CompiledQuery, ResultRow } from "../../insights/types.js";
import { expandInputs, type InputFile } from "./expand-inputs.js";
import { FileScanner, type EventTimes, type TimeRange } from "./file-scanner.js";
import { emptyFileStats, type FileStats } from "./file-stats.js";
import { linePrefilter } from "./line-prefilter.js";
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from "./line-splitter.js";
import { candidateLines } from "./needle-search.js";
import { readInput } from "./read-input.js";
import { createTimestampParser, type YearRule } from "./timestamps.js";
import { sumStats, type FilesStats } from "./sum-stats.js";

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
}

export interface FilesResult {
  readonly rows: ResultRow[];
  readonly stats: FilesStats;
}

/** Reads every input (paths, globs, `-`), pushes its events through the query, returns the rows. */
export async function runQueryOverFiles(query: CompiledQuery, patterns: readonly string[], options: FilesOptions): Promise<FilesResult> {
  const inputs = await expandInputs(patterns);
  const execution = query.start(options.limit === undefined ? {} : { limit: options.limit });
  const accept = linePrefilter(query.prefilter);
  const candidates = candidateLines(query.prefilter);
  const times: EventTimes = { first: undefined, last: undefined };
  const perFile: FileStats[] = [];
  const now = options.now ?? Date.now;
  for (const input of inputs) {
    const stats = emptyFileStats(input.display);
    perFile.push(stats);
    const parse = createTimestampParser({ zone: options.timezone, year: yearRule(input, options.year, now) });
    const scanner = new FileScanner(execution, stats, input.logStream, accept, parse, options, times, candidates);
    await readInput(input, new LineSplitter(scanner, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES), stats, options.stdin ?? process.stdin);
    scanner.finish();
  }
  const output = execution.finish();
  return { rows: output.rows, stats: sumStats(perFile, output, times) };
}

function yearRule(input: InputFile, year: number | undefined, now: () => number): YearRule {
  if (year !== undefined) return { fixed: year };
  return { reference: (input.modifiedAt ?? now()) + DAY };
}
