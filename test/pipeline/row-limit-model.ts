// How many StartQuery calls a range costs when every result that reaches the row limit is halved on
// a window boundary and re-run, predicted from the peer's counts (not from mail-metrics' output).
import { PERIOD, type Expected } from "./peer-model.js";

/** Result rows of a `stats ... by metric, bin` query per window: one per metric counted in it. */
export function rowsPerWindow(counts: Expected, range: { from: number; to: number }): number[] {
  const rows: number[] = [];
  for (let bin = range.from; bin < range.to; bin += PERIOD) {
    rows.push([...counts.keys()].filter((key) => key.endsWith(` @ ${new Date(bin).toISOString()}`)).length);
  }
  return rows;
}

/** StartQuery calls for windows with these row counts under `limit`. */
export function queriesNeeded(rows: readonly number[], limit: number): number {
  const total = rows.reduce((a, b) => a + b, 0);
  if (total < limit || rows.length < 2) return 1;
  const middle = Math.floor(rows.length / 2);
  return 1 + queriesNeeded(rows.slice(0, middle), limit) + queriesNeeded(rows.slice(middle), limit);
}
