// Collects the skipped-line reports of every query and range a run reads, and prints each one once
// on stderr at the end (several queries read the same files).
import type { SourceQuery } from "../sources/source.js";
import type { Interval } from "../schedule/intervals.js";
import { describeSkips } from "../sources/files/describe-stats.js";
import type { FilesStats } from "../sources/files/sum-stats.js";
import type { Log } from "./log.js";

export function reportFileSkips() {
  const lines = new Set<string>();
  return {
    add: (_query: SourceQuery, _range: Interval, stats: FilesStats) => describeSkips(stats).forEach((line) => lines.add(line)),
    /** To the command's log, when it has one (run, backfill), else straight to stderr (query). */
    flush: (log?: Log) => {
      for (const line of lines) {
        if (log === undefined) process.stderr.write(`mail-metrics: ${line}\n`);
        else log.write({ level: "warning", message: line });
      }
      lines.clear();
    },
  };
}
