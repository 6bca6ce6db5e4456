// What a read of the files found (ReadStats), input by input (FileReadStats): the run's report,
// and the stderr lines it gives a person.
import type { QueryOutput } from "../../insights/types.js";
import type { EventTimes } from "./file-scanner.js";

/** What reading one input found. */
export interface FileReadStats {
  /** The file as named in messages (`stdin` for standard input). */
  readonly file: string;
  lines: number;
  bytes: number;
  /** Lines skipped by the query's prefilter (they cannot produce output). */
  prefiltered: number;
  /** Lines with no recognisable timestamp: skipped and reported. */
  noTimestamp: number;
  /** Lines longer than the cap: skipped and reported. */
  tooLong: number;
  /** Lines that are not valid UTF-8: decoded with U+FFFD replacements and kept. */
  invalidUtf8: number;
  /** Lines outside [from, to). */
  outOfRange: number;
  /** Why reading stopped early (truncated or corrupt gzip); the lines before it were kept. */
  error?: string;
}

export const emptyFileReadStats = (file: string): FileReadStats => ({
  file,
  lines: 0,
  bytes: 0,
  prefiltered: 0,
  noTimestamp: 0,
  tooLong: 0,
  invalidUtf8: 0,
  outOfRange: 0,
});

/** The run's report: totals over all inputs, plus each input's own counts. */
export interface ReadStats {
  readonly files: readonly FileReadStats[];
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

export function sumStats(files: readonly FileReadStats[], output: Omit<QueryOutput, "rows">, times: EventTimes): ReadStats {
  const sum = (key: keyof Omit<FileReadStats, "file" | "error">) => files.reduce((total, file) => total + file[key], 0);
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

// The stderr report of a read: only what a person should look at (skipped lines, broken files),
// nothing when all went well, so cron stays quiet.
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function describeFile(file: FileReadStats): string[] {
  const parts: string[] = [];
  if (file.noTimestamp > 0) parts.push(`${plural(file.noTimestamp, "line", "lines")} without a recognisable timestamp skipped`);
  if (file.tooLong > 0) parts.push(`${plural(file.tooLong, "over-long line", "over-long lines")} skipped`);
  if (file.invalidUtf8 > 0) parts.push(`${plural(file.invalidUtf8, "line", "lines")} of invalid UTF-8 read with replacement characters`);
  const lines = parts.length === 0 ? [] : [`${file.file}: ${parts.join(", ")}`];
  if (file.error !== undefined) lines.push(`${file.file}: ${file.error}`);
  return lines;
}

/** One line per file with something to report; empty when there is nothing. */
export function describeSkips(stats: ReadStats): string[] {
  return stats.files.flatMap(describeFile);
}
