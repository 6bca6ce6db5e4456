import type { QueryOutput } from "../../insights/types.js";
import type { EventTimes } from "./file-scanner.js";
import type { FileStats } from "./read-stats.js";

/** The run's report: totals over all inputs, plus each input's own counts. */
export interface FilesStats {
  readonly files: readonly FileStats[];
  readonly lines: number;
  readonly bytes: number;
  /** Events the query's filters let through (recordsMatched). */
  readonly matched: number;
  /** Events pushed into the query (recordsScanned). */
  readonly scanned: number;
  readonly skipped: {
    readonly prefiltered: number;
    readonly noTimestamp: number;
    readonly tooLong: number;
    /** Not skipped: decoded with replacement characters; counted so it can be reported. */
    readonly invalidUtf8: number;
    readonly outOfRange: number;
  };
  /** Inputs whose reading stopped early (truncated gzip). */
  readonly failedFiles: number;
  /** Earliest and latest event time seen in [from, to) (epoch ms), including prefiltered lines at the start and end of each input. */
  readonly firstEventTime: number | undefined;
  readonly lastEventTime: number | undefined;
}

export function sumStats(files: readonly FileStats[], output: QueryOutput, times: EventTimes): FilesStats {
  const sum = (key: keyof Omit<FileStats, "file" | "error">) => files.reduce((total, file) => total + file[key], 0);
  return {
    files,
    lines: sum("lines"),
    bytes: sum("bytes"),
    matched: output.recordsMatched,
    scanned: output.recordsScanned,
    skipped: {
      prefiltered: sum("prefiltered"),
      noTimestamp: sum("noTimestamp"),
      tooLong: sum("tooLong"),
      invalidUtf8: sum("invalidUtf8"),
      outOfRange: sum("outOfRange"),
    },
    failedFiles: files.filter((file) => file.error !== undefined).length,
    firstEventTime: times.first,
    lastEventTime: times.last,
  };
}
