// The state of one run: read once, every change written through at once (synchronously, so the
// file on disk always matches what the run believes), or never written in a dry run.
import { readState, writeState } from "./store.js";
import { earlierDefinitions, type EarlierDefinitions } from "./owed-windows.js";
import { EMPTY_STATE, emptySeries, type SeriesState, type StateFile } from "./series.js";

export class StateHandle {
  private state: StateFile;

  /** `write` persists every change; null keeps them in memory (a dry run, a run without a state file). */
  constructor(
    initial: StateFile = EMPTY_STATE,
    private readonly write: ((state: StateFile) => void) | null = null,
  ) {
    this.state = initial;
  }

  /** The state file at `path`; changes are written to it only when `persist` is set. */
  static open(path: string, persist: boolean): StateHandle {
    return new StateHandle(readState(path), persist ? (state) => writeState(path, state) : null);
  }

  series(key: string, query: string, identity: string): SeriesState {
    return this.state.series[key] ?? emptySeries(query, identity);
  }

  all(): Readonly<Record<string, SeriesState>> {
    return this.state.series;
  }

  /**
   * What the other series of query `name` owe and have dealt with: earlier definitions of it (the
   * query, its log groups, mapping or destination changed), whose metrics may be the same ones.
   */
  earlier(key: string, name: string): EarlierDefinitions {
    return earlierDefinitions(this.others(key, name));
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
    if (this.state.series[key] === series) return;
    this.state = { ...this.state, series: { ...this.state.series, [key]: series } };
    this.write?.(this.state);
  }

  remove(key: string): void {
    const { [key]: _removed, ...rest } = this.state.series;
    this.state = { ...this.state, series: rest };
    this.write?.(this.state);
  }
}
