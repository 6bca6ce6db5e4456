// The stderr report of a local run: only what a person should look at (skipped lines, broken
// files), nothing when all went well, so cron stays quiet.
import type { FileStats } from "./read-stats.js";
import type { FilesStats } from "./sum-stats.js";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function describeFile(file: FileStats): string[] {
  const parts: string[] = [];
  if (file.noTimestamp > 0) parts.push(`${plural(file.noTimestamp, "line", "lines")} without a recognisable timestamp skipped`);
  if (file.tooLong > 0) parts.push(`${plural(file.tooLong, "over-long line", "over-long lines")} skipped`);
  if (file.invalidUtf8 > 0) parts.push(`${plural(file.invalidUtf8, "line", "lines")} of invalid UTF-8 read with replacement characters`);
  const lines = parts.length === 0 ? [] : [`${file.file}: ${parts.join(", ")}`];
  if (file.error !== undefined) lines.push(`${file.file}: ${file.error}`);
  return lines;
}

/** One line per file with something to report; empty when there is nothing. */
export function describeSkips(stats: FilesStats): string[] {
  return stats.files.flatMap(describeFile);
}
