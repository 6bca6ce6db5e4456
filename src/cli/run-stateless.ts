// A run without state (only with a stdout sink, e.g. examples/local.yaml): every closed window from
// schedule.startAt — for a files source, from the first event — is printed on every run.
import type { CommandContext } from "./command-context.js";
import type { Log } from "./log.js";
import { reportFileSkips } from "./series-command.js";
import type { OutputFormat } from "../sinks/stdout/format.js";
import type { Datum } from "../metrics/datum.js";
import { floorTo, lastDueEnd } from "../windows/windows.js";
import type { Interval } from "../windows/intervals.js";
import type { ReadStats } from "../sources/files/read-stats.js";
import { openEndpoints } from "../pipeline/endpoints.js";
import { seriesJobs } from "../pipeline/jobs.js";
import { queryRange, type QueryTally } from "../pipeline/query-range.js";
import { incompleteRowsNote } from "../pipeline/summary.js";

export async function runStateless(context: CommandContext, output: OutputFormat | undefined, log: Log): Promise<number> {
  const { config } = context.loaded;
  const { period } = config.schedule;
  const skips = reportFileSkips();
  let lastStats: ReadStats | undefined;
  const endpoints = await openEndpoints(context.loaded, {
    aws: context.aws,
    clock: context.clock,
    dryRun: false,
    output,
    trace: log.trace,
    onReadStats: (query, range, stats) => {
      lastStats = stats;
      skips.add(query, range, stats);
    },
  });
  try {
    const end = lastDueEnd(context.clock.now(), { period, lag: config.schedule.lag, maxCatchUp: config.schedule.maxCatchUp });
    const start = config.schedule.startAt === undefined ? null : floorTo(Date.parse(config.schedule.startAt), period);
    const datums: Datum[] = [];
    const notes: string[] = [];
    for (const job of seriesJobs(context.loaded)) {
      const range = { from: start ?? (config.source.type === "files" ? 0 : end - period), to: end };
      if (range.from >= range.to) continue;
      // queryRange halves and re-runs a range whose result reached the row limit, as stateful runs do.
      const tally: QueryTally = { queries: 0, bytesScanned: 0 };
      const rows = await queryRange(endpoints.source, job.query, range, period, new AbortController().signal, tally);
      // Without startAt, a files source is read from its first event: zero-fill only the windows
      // the logs cover, not every window since 1970.
      const covered = start === null && config.source.type === "files" ? eventWindows(lastStats, period, end) : range;
      // One by one: spread into push(), 150,000 datums (a long log read whole) overflow the stack.
      for (const datum of job.toDatums(rows, covered, tally)) datums.push(datum);
      if (tally.incompleteRows) notes.push(incompleteRowsNote(job.query.name, tally.incompleteRows, tally.incompleteFields ?? []));
    }
    await endpoints.sink.publish(datums);
    skips.flush(log);
    for (const note of notes) log.write({ level: "warning", message: note });
    return 0;
  } finally {
    endpoints.close();
  }
}

function eventWindows(stats: ReadStats | undefined, period: number, end: number): Interval {
  const first = stats?.firstEventTime;
  const last = stats?.lastEventTime;
  if (first === undefined || last === undefined) return { from: end, to: end };
  return { from: floorTo(first, period), to: Math.min(end, floorTo(last, period) + period) };
}
