// One read of the files per range for every query of a run. The first query to ask for a range
// starts a pass for all of them; the results of the others are kept until each asks for that same
// range (each once: asking again reads again). A query the source was not told of, or a range only
// some queries ask for, costs no more than a pass of its own did before.
import type { Interval } from "../../windows/intervals.js";
import type { SourceQuery } from "../source.js";
import type { FilesResult } from "./run-query-over-files.js";
import { MAX_QUERIES_PER_PASS } from "./scan-protocol.js";

type Scan = (queries: readonly SourceQuery[], range: Interval) => Promise<FilesResult[]>;

export interface SharedScans {
  take(query: SourceQuery, range: Interval): Promise<FilesResult>;
}

export function sharedScans(known: readonly SourceQuery[], scan: Scan): SharedScans {
  /** Range → query name → its result, not yet taken. */
  const waiting = new Map<string, Map<string, Promise<FilesResult>>>();
  const isKnown = (query: SourceQuery) => known.some((other) => other.name === query.name && other.compiled === query.compiled);
  return {
    take(query, range) {
      const key = `${range.from}-${range.to}`;
      const kept = waiting.get(key)?.get(query.name);
      if (kept !== undefined) {
        waiting.get(key)!.delete(query.name);
        return kept;
      }
      if (!isKnown(query)) return scan([query], range).then(([result]) => result!);
      const pass = [query, ...known.filter((other) => other.name !== query.name)].slice(0, MAX_QUERIES_PER_PASS);
      const results = scan(pass, range);
      const others = waiting.get(key) ?? new Map<string, Promise<FilesResult>>();
      for (const [i, other] of pass.entries()) {
        if (i === 0) continue;
        const result = results.then((all) => all[i]!);
        // A failed pass fails each query when it asks, not before.
        result.catch(() => {});
        others.set(other.name, result);
      }
      waiting.set(key, others);
      return results.then((all) => all[0]!);
    },
  };
}
