// The files source for the run pipeline: the Source interface over runQueryOverFiles, one time
// range at a time. A file that cannot be read completely (truncated gzip) fails the range, so a
// window is never published from part of its lines.
import { RuntimeError } from "../../errors.js";
import type { Interval } from "../../windows/intervals.js";
import type { RangeRows, Source, SourceQuery } from "../source.js";
import { runQueryOverFiles, type FilesOptions } from "./run-query-over-files.js";
import type { ReadStats } from "./read-stats.js";
import { stdinSpooler } from "./spool-stdin.js";

/** Rows a local query may return when the config sets no limit; far above any real result. */
export const LOCAL_ROW_LIMIT = 1_000_000;

export interface FilesSourceOptions extends Pick<FilesOptions, "timezone" | "year" | "now" | "stdin" | "maxLineBytes"> {
  /** Absolute paths or globs (LoadedConfig resolves relative ones); `-` (stdin) is spooled to a file on first read. */
  readonly paths: readonly string[];
  /** Called with each range's read statistics (skipped lines to report). */
  readonly onReadStats?: (query: SourceQuery, range: Interval, stats: ReadStats) => void;
}

export function filesSource(options: FilesSourceOptions): Source {
  const resolvePaths = stdinSpooler(options.stdin);
  return {
    async query(query: SourceQuery, range: Interval, signal: AbortSignal): Promise<RangeRows> {
      signal.throwIfAborted();
      const limit = query.queryLimit ?? LOCAL_ROW_LIMIT;
      const paths = await resolvePaths(options.paths);
      const { rows, stats } = await runQueryOverFiles(query.compiled, paths, { ...options, from: range.from, to: range.to, limit });
      options.onReadStats?.(query, range, stats);
      const broken = stats.files.filter((file) => file.error !== undefined);
      if (broken.length > 0) {
        const detail = broken.map((file) => `${file.file}: ${file.error}`).join("; ");
        throw new RuntimeError(
          `query ${query.name}: cannot read every log file completely (${detail}); nothing is published for this range`,
        );
      }
      return { rows, truncated: rows.length >= limit, bytesScanned: stats.bytes, recordsScanned: stats.scanned };
    },
  };
}
