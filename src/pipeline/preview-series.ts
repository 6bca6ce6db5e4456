// What a run would publish for one series, without publishing or changing anything (--dry-run):
// the state is read, never written; unfinished work of an earlier run is only reported.
import { pendingDatums, publishedUntil } from "../schedule/state.js";
import { subtractIntervals } from "../schedule/intervals.js";
import { resumeAfter, runRange } from "../schedule/windows.js";
import type { PublishTally } from "./publish-plan.js";
import { queryRange, type QueryTally } from "./query-range.js";
import { continuesFrom, leftToEarlier, type RunSeriesDeps, type SeriesJob, type SeriesReport } from "./run-series.js";

export interface Preview {
  readonly report: SeriesReport;
  readonly notes: string[];
}

export async function previewSeries(deps: RunSeriesDeps, job: SeriesJob): Promise<Preview> {
  const series = deps.state.series(job.key, job.query.name, job.identity);
  const notes: string[] = [];
  const plan = series.plan;
  if (plan !== null) {
    const remaining = plan.datums.length - (plan.done === 0 ? 0 : plan.batchEnds[plan.done - 1]!);
    notes.push(`${job.query.name}: a run would first finish an earlier run's plan (${remaining} datums left)`);
  }
  const uncertain = pendingDatums(series);
  if (uncertain > 0) notes.push(`${job.query.name}: a run would first read back ${uncertain} datums of unknown fate`);
  const own = Math.max(publishedUntil(series) ?? -Infinity, plan?.range.to ?? -Infinity);
  const ownUntil = Number.isFinite(own) ? own : null;
  const others = deps.state.publishedByOthers(job.key, job.query.name);
  const after = resumeAfter(ownUntil, others, deps.windows);
  const { range, skipped } = runRange(after, deps.clock.now(), deps.windows);
  const publish: PublishTally = { datums: 0, batches: 0, uncertain: 0, expired: 0 };
  const query: QueryTally = { queries: 0, bytesScanned: 0 };
  // As a run would: windows an earlier definition of the query published are left alone.
  const parts = subtractIntervals(range, others);
  for (const part of parts) {
    const datums = job.toDatums(await queryRange(deps.source, job.query, part, deps.windows.period, deps.signal, query), part, query);
    const ends = deps.sink.batchEnds(datums);
    if (datums.length > 0) await deps.sink.publish(datums);
    publish.datums += datums.length;
    publish.batches += ends.length;
  }
  const earlier = { ...continuesFrom(ownUntil, after), ...leftToEarlier(range, parts, deps.windows.period) };
  return { report: { name: job.query.name, range, skipped, publish, query, pending: uncertain, interrupted: false, ...earlier }, notes };
}
