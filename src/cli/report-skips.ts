// Collects the skipped-line reports of every query and range a run reads, and prints each one once
// on stderr at the end (several queries read the same files).
import type { SourceQuery } from "../sources/source.js";
import type { Interval } from "../windows/intervals.js";
import { describeSkips } from "../sources/files/read-stats.js";
import type { ReadStats } from "../sources/files/read-stats.js";

export function reportFileSkips() {
  const lines = new Set<string>();
  return {
    add: (_query: SourceQuery, _range: Interval, stats: ReadStats) => describeSkips(stats).forEach((line) => lines.add(line)),
    flush: () => {
      for (const line of lines) process.stderr.write(`mail-metrics: ${line}\n`);
      lines.clear();
    },
  };
}
