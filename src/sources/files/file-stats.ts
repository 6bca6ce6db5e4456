// What reading one input found; summed over inputs for the run's report.

export interface FileStats {
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

export const emptyFileStats = (file: string): FileStats => ({
  file,
  lines: 0,
  bytes: 0,
  prefiltered: 0,
  noTimestamp: 0,
  tooLong: 0,
  invalidUtf8: 0,
  outOfRange: 0,
});
