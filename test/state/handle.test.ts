import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StateHandle } from "../../src/state/handle.js";
import { subtractIntervals } from "../../src/windows/intervals.js";
import { emptySeries } from "../../src/state/series.js";
import { readState } from "../../src/state/store.js";
import { tempDir } from "../support/temp-dir.js";

const H = 3_600_000;
const span = (from: number, to: number) => ({ from: from * H, to: to * H });

describe(StateHandle.name, () => {
  it("earlier() is one sorted set however the other series interleave, so subtracting it leaves none of their windows", () => {
    const state = new StateHandle();
    const plan = { range: span(20, 25), datums: [], batchEnds: [], done: 0, inFlight: null };
    state.update("a", { ...emptySeries("q", "a"), owed: [span(0, 25)], published: [span(0, 5)], plan });
    state.update("b", { ...emptySeries("q", "b"), owed: [span(10, 16)], published: [span(10, 15)] });
    state.update("c", { ...emptySeries("q", "c"), published: [span(5, 8)] });
    state.update("other", { ...emptySeries("r", "x"), owed: [span(30, 40)], published: [span(30, 40)] });

    const earlier = state.earlier("c", "q");
    expect(earlier.settled).toEqual([span(0, 5), span(10, 15), span(20, 25)]);
    expect(earlier.owed).toEqual([span(0, 25)]);
    expect(earlier.frontier).toBe(25 * H);
    expect(subtractIntervals(span(5, 30), earlier.settled)).toEqual([span(5, 10), span(15, 20), span(25, 30)]);
  });

  it("writes every change through, and nothing when a change changes nothing", () => {
    const writes: unknown[] = [];
    const state = new StateHandle(undefined, (file) => writes.push(file));
    const series = emptySeries("q", "a");
    state.update("a", series);
    state.update("a", state.series("a", "q", "a"));
    expect(writes).toHaveLength(1);
  });

  it("opened on a file: every change written to it, or none for a dry run; remove() forgets a series on disk", () => {
    const path = join(tempDir("mm-handle-"), "s.json");
    const dry = StateHandle.open(path, false);
    dry.update("q@a", { ...emptySeries("q", "a"), owed: [span(0, 1)] });
    expect(readState(path)).toEqual({ version: 2, series: {} });
    const state = StateHandle.open(path, true);
    state.update("q@a", { ...emptySeries("q", "a"), owed: [span(0, 1)] });
    state.update("r@b", emptySeries("r", "b"));
    expect(Object.keys(StateHandle.open(path, false).all())).toEqual(["q@a", "r@b"]);
    state.remove("q@a");
    expect(Object.keys(readState(path).series)).toEqual(["r@b"]);
    expect(Object.keys(state.all())).toEqual(["r@b"]);
  });

  it("without a file (a dry run), forgets a series in memory only", () => {
    const state = new StateHandle();
    state.update("q@a", emptySeries("q", "a"));
    state.remove("q@a");
    expect(state.all()).toEqual({});
  });
});
