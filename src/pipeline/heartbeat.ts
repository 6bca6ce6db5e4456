// The heartbeat's figures (sinks/heartbeat.ts), from the state as a run leaves it: how far the
// query furthest behind is from now, what awaits read-back, what the run scanned.
import type { SeriesState } from "../state/series.js";
import { pendingDatums } from "../state/series.js";
import type { HeartbeatFigures } from "../sinks/heartbeat.js";
import type { SeriesJob } from "./run-series.js";
import type { StateHandle } from "../state/handle.js";

export interface RunFigures {
  readonly bytesScanned: number;
  readonly stuckLockAge: number;
}

export function heartbeatFigures(state: StateHandle, jobs: readonly SeriesJob[], now: number, run: RunFigures): HeartbeatFigures {
  const all = Object.values(state.all());
  const fronts = jobs
    .map((job) => publishedFront(all.filter((series) => series.query === job.query.name)))
    .filter((front) => front !== null);
  return {
    // The oldest front: one query failing on every run must make the age grow, whatever the others do.
    ...(fronts.length === 0 ? {} : { windowAge: Math.max(0, Math.round((now - Math.min(...fronts)) / 1000)) }),
    unknownFate: all.reduce((sum, series) => sum + pendingDatums(series), 0),
    bytesScanned: run.bytesScanned,
    stuckLockAge: run.stuckLockAge,
  };
}

/**
 * The end of the newest window any definition of a query published; before it published any, the
 * start of what it owes, so a query whose every run fails from the start still ages.
 */
function publishedFront(series: readonly SeriesState[]): number | null {
  const ends = series.flatMap((one) => one.published.map((range) => range.to));
  if (ends.length > 0) return Math.max(...ends);
  const starts = series.flatMap((one) => one.owed.map((range) => range.from));
  return starts.length > 0 ? Math.min(...starts) : null;
}
