// The state of one run: read once, every change written through at once (synchronously, so the
// file on disk always matches what the run believes), or never written in a dry run.
import { readState, writeState } from "../schedule/state-store.js";
import { addInterval, type Interval } from "../schedule/intervals.js";
import { emptySeries, type SeriesState, type StateFile } from "../schedule/state.js";

export class StateHandle {
  private state: StateFile;

  constructor(
    readonly path: string | null,
    private readonly persist: boolean,
  ) {
    this.state = path === null ? { version: 1, series: {} } : readState(path);
  }

  series(key: string, query: string, identity: string): SeriesState {
    return this.state.series[key] ?? emptySeries(query, identity);
  }

  all(): Readonly<Record<string, SeriesState>> {
    return this.state.series;
  }

  /**
   * Windows published by the other series of query `name`: earlier definitions of it (the query,
   * its log groups, mapping or destination changed), whose metrics may be the same ones. The range
   * of a plan one of them left unfinished counts too: some of its batches may have landed. One
   * sorted, merged set (intervals.ts), as subtractIntervals needs: the series' own lists interleave.
   */
  publishedByOthers(key: string, name: string): Interval[] {
    const ranges = this.others(key, name).flatMap((series) => (series.plan === null ? series.published : [...series.published, series.plan.range]));
    return ranges.reduce<Interval[]>(addInterval, []);
  }

  /** The other series of query `name` that left work unfinished (a plan, batches of unknown fate), which only they can finish. */
  unfinishedByOthers(key: string, name: string): SeriesState[] {
    return this.others(key, name).filter((series) => series.plan !== null || series.uncertain.length > 0);
  }

  private others(key: string, name: string): SeriesState[] {
    return Object.entries(this.state.series)
      .filter(([other, series]) => series.query === name && other !== key)
      .map(([, series]) => series);
  }

  update(key: string, series: SeriesState): void {
    this.state = { ...this.state, series: { ...this.state.series, [key]: series } };
    if (this.persist && this.path !== null) writeState(this.path, this.state);
  }

  remove(key: string): void {
    const { [key]: _removed, ...rest } = this.state.series;
    this.state = { ...this.state, series: rest };
    if (this.persist && this.path !== null) writeState(this.path, this.state);
  }
}
