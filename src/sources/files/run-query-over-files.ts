// The local source: runs compiled queries over log files, as StartQuery would over log groups.
// Every query of a pass reads the same range, and each input is read once for all of them.
import type { Readable } from "node:stream";
import type { CompiledQuery, Execution, RowTable } from "../../insights/types.js";
import { eventFeed, type EventTarget } from "./event-feed.js";
import { expandInputs, type InputFile } from "./expand-inputs.js";
import { widenTimes, type EventTimes, type TimeRange } from "./file-scanner.js";
import { emptyFileReadStats, type FileReadStats } from "./read-stats.js";
import { DEFAULT_MAX_LINE_BYTES } from "./line-splitter.js";
import { PARALLEL_MIN_BYTES, scanInWorker, worthAWorker } from "./parallel-scan.js";
import { planRead } from "./plan-read.js";
import { inputsOutside } from "./rotation-bounds.js";
import { scanInput, type ScanResult, type ScanSettings } from "./scan-input.js";
import { disorderMargin } from "./seek-by-time.js";
import { sumStats, type ReadStats } from "./read-stats.js";
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
  /** Plain files from this size on are read only around the range (seek-by-time.ts); default 1 MiB. */
  readonly seekMinBytes?: number;
  /** Read every line of every input even with a range (the reference the seeking read is tested against). */
  readonly readAll?: boolean;
  /** Where the paths were written, for the error when one names no file: `source.paths in FILE`. */
  readonly pathsOrigin?: string;
}

export interface FilesResult {
  /** Built row by row as read: only the query's stats groups are held. */
  readonly rows: RowTable;
  readonly stats: ReadStats;
}

/** One query of a pass, with its own row limit. */
export interface PassQuery {
  readonly compiled: CompiledQuery;
  readonly limit?: number;
}

/** Reads every input (paths, globs, `-`), pushes its events through the query, returns the rows. */
export async function runQueryOverFiles(query: CompiledQuery, patterns: readonly string[], options: FilesOptions): Promise<FilesResult> {
  const [result] = await runQueriesOverFiles(
    [{ compiled: query, ...(options.limit === undefined ? {} : { limit: options.limit }) }],
    patterns,
    options,
  );
  return result!;
}

/** The same for several queries over one range in one pass: each input is read once; one result per query. */
export async function runQueriesOverFiles(
  queries: readonly PassQuery[],
  patterns: readonly string[],
  options: FilesOptions,
): Promise<FilesResult[]> {
  const inputs = await expandInputs(patterns, options.pathsOrigin);
  // Every line read goes through the query's prefilter (scan-input.ts), so a leading filter that
  // holds exactly for those lines need not run again.
  const executions = queries.map((query) =>
    query.compiled.start({ ...(query.limit === undefined ? {} : { limit: query.limit }), prefiltered: true }),
  );
  const times = queries.map((): EventTimes => ({ first: undefined, last: undefined }));
  const perFile = queries.map((): FileReadStats[] => []);
  const now = options.now ?? Date.now;
  const margin = options.readAll === true ? undefined : disorderMargin(options.timezone, options.from, options.to);
  const year = (input: InputFile) => yearRule(input, options.year, now);
  const skipped =
    margin === undefined
      ? new Set<InputFile>()
      : await inputsOutside(inputs, { zone: options.timezone, year, from: options.from, to: options.to, margin });
  for (const input of inputs) {
    const results = skipped.has(input)
      ? queries.map((): ScanResult => ({ stats: emptyFileReadStats(input.display), times: { first: undefined, last: undefined } }))
      : await scanOne(
          input,
          executions,
          {
            prefilters: queries.map((query) => query.compiled.prefilter),
            zone: options.timezone,
            year: year(input),
            from: options.from,
            to: options.to,
            maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
            ...(margin === undefined ? {} : { margin }),
            ...(options.seekMinBytes === undefined ? {} : { seekMinBytes: options.seekMinBytes }),
          },
          options,
        );
    for (const [i, result] of results.entries()) {
      perFile[i]!.push(result.stats);
      widenTimes(times[i]!, result.times.first);
      widenTimes(times[i]!, result.times.last);
    }
  }
  return executions.map((execution, i) => {
    const output = execution.finishTable();
    return { rows: output.rows, stats: sumStats(perFile[i]!, output, times[i]!) };
  });
}

/** One input for every query of the pass; lines the worker lets through are decoded here, which counts their invalid UTF-8. */
async function scanOne(
  input: InputFile,
  executions: readonly Execution[],
  settings: ScanSettings,
  options: FilesOptions,
): Promise<ScanResult[]> {
  const decoded = executions.map(() => ({ invalidUtf8: 0 }));
  const plan = await planRead(input, settings);
  const planned = plan.readFrom === undefined ? settings : { ...settings, readFrom: plan.readFrom };
  // What is read, not the file's size, decides whether a worker is worth its start.
  const results = worthAWorker({ ...input, size: plan.bytes }, options.parallelMinBytes ?? PARALLEL_MIN_BYTES)
    ? await scanInWorker(
        input,
        planned,
        executions.map((execution, i): EventTarget => ({ execution, stats: decoded[i]! })),
      )
    : await scanInput(
        input,
        planned,
        executions.map((execution, i) => eventFeed(execution, input.logStream, decoded[i]!)),
        options.stdin ?? process.stdin,
      );
  return results.map((result, i) => ({
    ...result,
    stats: { ...result.stats, invalidUtf8: result.stats.invalidUtf8 + decoded[i]!.invalidUtf8 },
  }));
}

/** The year of a file's syslog stamps: fixed, or inferred from its modification time (timestamps.ts). */
export function yearRule(input: InputFile, year: number | undefined, now: () => number): YearRule {
  if (year !== undefined) return { fixed: year };
  return { reference: (input.modifiedAt ?? now()) + DAY };
}
