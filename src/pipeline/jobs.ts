// Turns a loaded config into series jobs: each query with its identity, state key and row→datum
// mapping (zero-filled over the bins of the range it is given).
import type { LoadedConfig, ResolvedQuery } from "../config/resolved.js";
import type { Config } from "../config/schema.js";
import { zeroFillBins } from "../metrics/zero-fill.js";
import { toDatums, type IncompleteRows } from "../metrics/to-datums.js";
import { seriesIdentity, seriesKey } from "../state/identity.js";
import type { QueryTally } from "./query-range.js";
import type { SeriesJob } from "./run-series.js";
import type { RowTable } from "../insights/types.js";
import { RuntimeError } from "../errors.js";
import { sinkKind } from "../sinks/registry.js";
import { formatInterval, type Interval } from "../windows/intervals.js";
import { isoTime } from "../util/iso-time.js";

export function seriesJob(config: Config, query: ResolvedQuery): SeriesJob {
  const identity = seriesIdentity({
    name: query.name,
    queryString: query.compiled.text,
    logGroups: config.source.type === "cloudwatch-logs" ? query.logGroups : null,
    mapping: query.mapping,
    destination: sinkKind(config.sink.type).destination(config.sink),
  });
  const binPeriod = query.compiled.binPeriods[0] ?? config.schedule.period;
  return {
    query,
    key: seriesKey(query.name, identity),
    identity,
    toDatums: (rows, range, tally) => {
      const { datums, incomplete } = mapRows(query, rows, range, zeroFillBins(query.mapping.zeroFill, binPeriod, range));
      countIncomplete(tally, incomplete);
      const outside = datums.find((datum) => datum.timestamp < range.from || datum.timestamp >= range.to);
      // Only [from, to) was queried, so a bin outside it means the timestamp field is not a bin of
      // @timestamp; publishing it would put counts in a window that is published separately.
      if (outside !== undefined) throw outsideRange(query, outside.timestamp, range);
      return datums;
    },
  };
}

/** Adds rows that gave no datum (they lacked a field the mapping reads) to the run's tally, for its summary. */
export function countIncomplete(tally: QueryTally, incomplete: IncompleteRows): void {
  if (incomplete.rows === 0) return;
  tally.incompleteRows = (tally.incompleteRows ?? 0) + incomplete.rows;
  tally.incompleteFields = [...new Set([...(tally.incompleteFields ?? []), ...incomplete.fields])].sort();
}

/** toDatums, with the query and window named in its errors (several queries run at once). */
function mapRows(query: ResolvedQuery, rows: RowTable, range: Interval, zeroFillBins: number[]) {
  try {
    return toDatums(rows, query.mapping, { file: query.displayFile, zeroFillBins });
  } catch (error) {
    if (!(error instanceof RuntimeError)) throw error;
    throw new RuntimeError(`${query.name} (${query.displayFile}), windows ${formatInterval(range)}: ${error.message}`, { cause: error });
  }
}

function outsideRange(query: ResolvedQuery, timestamp: number, range: Interval): RuntimeError {
  return new RuntimeError(
    `${query.name} (${query.displayFile}): a result row has ${query.mapping.timestamp} = ${isoTime(timestamp)}, outside the ` +
      `queried window ${formatInterval(range)}; metric.timestamp must name a bin() of @timestamp, e.g. "stats ... by bin(5m) as bin"`,
  );
}

/**
 * The least time between two timestamps of one metric series, over the config's queries: a series'
 * timestamps are the starts of its query's bin(), so the bin's period (the read-back relies on it,
 * sinks/cloudwatch/read-back.ts); 0, unknown, when some query's metric.timestamp is not its only bin.
 */
export function seriesSpacing(queries: readonly ResolvedQuery[]): number {
  const spacings = queries.map((query) => {
    const output = query.compiled.statsOutputs?.find((candidate) => candidate.name === query.mapping.timestamp);
    return output?.role === "bin" && query.compiled.binPeriods.length === 1 ? query.compiled.binPeriods[0]! : 0;
  });
  if (spacings.length === 0 || spacings.includes(0)) return 0;
  // Every bin is a multiple of their greatest common divisor, which is what the read-back asks.
  return spacings.reduce(gcd);
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export function seriesJobs(loaded: LoadedConfig): SeriesJob[] {
  return loaded.queries.map((query) => seriesJob(loaded.config, query));
}
