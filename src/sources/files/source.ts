// The files source for the run pipeline: the Source interface over runQueriesOverFiles, one time
// range at a time. A file that cannot be read completely (truncated gzip) fails the range, so a
// window is never published from part of its lines.
//
// One pass for every query: the pipeline asks for each query's rows on its own (each series owes
// its own windows), but the first query to ask for a range has the files read once for every query
// of the run, and the others' rows wait here until they ask for that same range (shared-scans.ts).
import { RuntimeError } from "../../errors.js";
import type { Interval } from "../../windows/intervals.js";
import type { RangeRows, Source, SourceQuery } from "../source.js";
import { filesCoverage } from "./coverage.js";
import { runQueriesOverFiles, yearRule, type FilesOptions, type FilesResult } from "./run-query-over-files.js";
import { sharedScans } from "./shared-scans.js";
import type { ReadStats } from "./read-stats.js";
import { stdinSpooler } from "./spool-stdin.js";

/** Rows a local query may return when the config sets no limit; far above any real result. */
export const LOCAL_ROW_LIMIT = 1_000_000;

export interface FilesSourceOptions
  extends Pick<FilesOptions, "timezone" | "year" | "now" | "stdin" | "maxLineBytes" | "seekMinBytes" | "readAll" | "pathsOrigin"> {
  /** Absolute paths or globs (LoadedConfig resolves relative ones); `-` (stdin) is spooled to a file on first read. */
  readonly paths: readonly string[];
  /** Every query the run may ask for: each range is read once for all of them. Default: each query read on its own. */
  readonly queries?: readonly SourceQuery[];
  /** Called with each range's read statistics (skipped lines to report). */
  readonly onReadStats?: (query: SourceQuery, range: Interval, stats: ReadStats) => void;
}

export function filesSource(options: FilesSourceOptions): Source {
  const resolvePaths = stdinSpooler(options.stdin);
  // The run's signal: every query of a run passes the same one, and a shared scan starts from one of them.
  let runSignal: AbortSignal | undefined;
  const scan = async (queries: readonly SourceQuery[], range: Interval): Promise<FilesResult[]> => {
    const paths = await resolvePaths(options.paths, runSignal);
    const pass = queries.map((query) => ({ compiled: query.compiled, limit: query.queryLimit ?? LOCAL_ROW_LIMIT }));
    return runQueriesOverFiles(pass, paths, { ...options, from: range.from, to: range.to });
  };
  const shared = sharedScans(options.queries ?? [], scan);
  return {
    async query(query: SourceQuery, range: Interval, signal: AbortSignal): Promise<RangeRows> {
      signal.throwIfAborted();
      runSignal = signal;
      const { rows, stats } = await shared.take(query, range);
      options.onReadStats?.(query, range, stats);
      const broken = stats.files.filter((file) => file.error !== undefined);
      if (broken.length > 0) {
        const detail = broken.map((file) => `${file.file}: ${file.error}`).join("; ");
        throw new RuntimeError(
          `query ${query.name}: cannot read every log file completely (${detail}); nothing is published for this range`,
        );
      }
      const limit = query.queryLimit ?? LOCAL_ROW_LIMIT;
      return { rows, truncated: rows.length >= limit, bytesScanned: stats.bytes, recordsScanned: stats.scanned };
    },
    coverage: () =>
      filesCoverage(options.paths, {
        zone: options.timezone,
        year: (input) => yearRule(input, options.year, options.now ?? Date.now),
      }),
  };
}
