// Backfill of one series over a past range: the same windows and mapping as `run`, for the windows
// the state does not list as published (all of them with --force). Chunks are queried with bounded
// concurrency; each chunk is published as its own plan, so an interrupted backfill resumes where it
// stopped: published chunks are in the state, the rest is queried again.
import { subtractIntervals, unionOf, type Interval } from "../windows/intervals.js";
import { windowsOf } from "../windows/windows.js";
import { pendingDatums, settledWindows } from "../state/series.js";
import { executePlan, newPublishPlan, newTally, recoverInFlight, type SeriesContext } from "./publish-plan.js";
import { queryRange, type QueryTally } from "./query-range.js";
import type { RunSeriesDeps, SeriesJob, SeriesReport } from "./run-series.js";
import { settleUncertain } from "./settle-uncertain.js";

export interface BackfillOptions {
  readonly range: Interval;
  readonly concurrency: number;
  /** Publish again windows the state lists as published. */
  readonly force: boolean;
  readonly onProgress?: (progress: BackfillProgress) => void;
}

export interface BackfillProgress {
  readonly name: string;
  readonly windowsTotal: number;
  readonly windowsDone: number;
  readonly datums: number;
  readonly bytesScanned: number;
}

/** At most a day per query: enough to keep the query count low, small enough to resume cheaply. */
const MAX_CHUNK_WINDOWS = 288;

export async function backfillSeries(outer: RunSeriesDeps, job: SeriesJob, options: BackfillOptions): Promise<SeriesReport> {
  // The first failing chunk stops the others (their queries are stopped, their plans kept).
  const stop = new AbortController();
  const forward = () => stop.abort(outer.signal.reason);
  outer.signal.addEventListener("abort", forward, { once: true });
  const deps: RunSeriesDeps = { ...outer, signal: stop.signal };
  const context: SeriesContext = { ...deps, key: job.key, period: deps.windows.period };
  const publish = newTally();
  const query: QueryTally = { queries: 0, bytesScanned: 0 };
  // An earlier run's unfinished work first: it holds older datums than this backfill's.
  let series = recoverInFlight(deps.state.series(job.key, job.query.name, job.identity));
  deps.state.update(job.key, series);
  series = await settleUncertain(context, series, publish);
  series = await executePlan(context, series, publish);

  // Windows another definition of the query published (or began to) are not published again without --force either.
  const done = options.force ? [] : unionOf(settledWindows(series), deps.state.earlier(job.key, job.query.name).settled);
  const chunks = chunk(subtractIntervals(options.range, done), deps.windows.period, options.concurrency);
  const windowsTotal = chunks.reduce((sum, c) => sum + (c.to - c.from) / deps.windows.period, 0);
  let windowsDone = 0;
  const publishing = new Mutex();
  const report = () =>
    options.onProgress?.({ name: job.query.name, windowsTotal, windowsDone, datums: publish.datums, bytesScanned: query.bytesScanned });

  const queue = [...chunks];
  let failure: unknown = null;
  const worker = async () => {
    try {
      await work();
    } catch (error) {
      failure ??= error;
      stop.abort(error);
    }
  };
  const work = async () => {
    for (let next = queue.shift(); next !== undefined && !deps.signal.aborted; next = queue.shift()) {
      const range = next;
      const rows = await queryRange(deps.source, job.query, range, deps.windows.period, deps.signal, query);
      await publishing.run(async () => {
        // A chunk that failed while this one waited has already changed the state (a parked
        // batch, a kept plan): stop here rather than write a plan over it.
        if (deps.signal.aborted || failure !== null) return;
        series = {
          ...deps.state.series(job.key, job.query.name, job.identity),
          plan: newPublishPlan(range, job.toDatums(rows, range, query), deps.sink),
        };
        deps.state.update(job.key, series);
        try {
          series = await executePlan(context, series, publish);
        } catch (error) {
          // Recorded before the mutex lets the next chunk in (the worker's catch runs too late).
          failure ??= error;
          stop.abort(error);
          throw error;
        }
        // Stopped by the signal before its last batch: none of the chunk's windows is published yet (its plan is kept).
        if (series.plan !== null) return;
        windowsDone += (range.to - range.from) / deps.windows.period;
        report();
      });
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.min(options.concurrency, chunks.length) }, worker));
  outer.signal.removeEventListener("abort", forward);
  if (failure !== null && !outer.signal.aborted) throw failure;
  return {
    name: job.query.name,
    range: options.range,
    publish,
    query,
    pending: pendingDatums(deps.state.series(job.key, job.query.name, job.identity)),
    // A chunk whose query was stopped is neither queued nor planned any more: count windows instead.
    interrupted: outer.signal.aborted && windowsDone < windowsTotal,
    alreadyPublished: (options.range.to - options.range.from) / deps.windows.period - windowsTotal,
    windowsDone,
    newlyLost: publish.lost,
  };
}

/** Splits ranges into chunks of whole windows: enough chunks to keep `concurrency` queries busy. */
function chunk(ranges: readonly Interval[], period: number, concurrency: number): Interval[] {
  const total = ranges.reduce((sum, r) => sum + (r.to - r.from) / period, 0);
  const size = Math.max(1, Math.min(MAX_CHUNK_WINDOWS, Math.ceil(total / concurrency)));
  return ranges.flatMap((range) => {
    const windows = windowsOf(range, period);
    const out: Interval[] = [];
    for (let i = 0; i < windows.length; i += size)
      out.push({ from: windows[i]!.from, to: windows[Math.min(i + size, windows.length) - 1]!.to });
    return out;
  });
}

/** Runs tasks one at a time, in the order they ask. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
