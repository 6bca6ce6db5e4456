import { describe, expect, it } from "vitest";
import { StateHandle } from "../../src/pipeline/state-handle.js";
import { subtractIntervals } from "../../src/schedule/intervals.js";
import { emptySeries } from "../../src/schedule/state.js";

const H = 3_600_000;
const span = (from: number, to: number) => ({ from: from * H, to: to * H });

describe(StateHandle.name, () => {
  it("publishedByOthers is a sorted set however the other series interleave, so subtracting it leaves none of their windows", () => {
    const state = new StateHandle(null, false);
    const plan = { range: span(20, 25), datums: [], batchEnds: [], done: 0, inFlight: null };
    state.update("a", { ...emptySeries("q", "a"), published: [span(0, 5)], plan });
    state.update("b", { ...emptySeries("q", "b"), published: [span(10, 15)] });
    state.update("c", { ...emptySeries("q", "c"), published: [span(5, 8)] });
    state.update("other", { ...emptySeries("r", "x"), published: [span(30, 40)] });

    const others = state.publishedByOthers("c", "q");
    expect(others).toEqual([span(0, 5), span(10, 15), span(20, 25)]);
    expect(subtractIntervals(span(5, 30), others)).toEqual([span(5, 10), span(15, 20), span(25, 30)]);
  });
});
