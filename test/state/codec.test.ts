// Version 1 state files (written before a series recorded what it owes) are still read: each series
// then owes what it published or began to publish and the holes between, as version 1 showed them.
import { describe, expect, it } from "vitest";
import { decodeState, encodeState } from "../../src/state/codec.js";

const t = Date.parse("2026-11-28T12:00:00Z");
const iso = (minutes: number) => new Date(t + minutes * 60_000).toISOString();
const datum = { name: "550-5_7_26", timestamp: iso(20), value: 3, unit: "Count", dimensions: {} };

const version1 = {
  version: 1,
  series: {
    "q@a": {
      query: "q",
      identity: "a",
      published: [
        { from: iso(0), to: iso(10) },
        { from: iso(15), to: iso(20) },
      ],
      plan: { range: { from: iso(20), to: iso(25) }, datums: [datum], batchEnds: [1], done: 0, inFlight: { batch: 0, startedAt: iso(31) } },
      uncertain: [{ datums: [datum], sentAt: iso(30), reason: "a 5xx" }],
    },
    "q@new": { query: "q", identity: "new", published: [], plan: null, uncertain: [] },
  },
};

describe(decodeState.name, () => {
  it("reads a version 1 file as version 2: it owes from its first published window to its plan's end, nothing lost or reported yet", () => {
    const decoded = decodeState(version1);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.state.version).toBe(2);
    const series = decoded.state.series["q@a"]!;
    expect(series.owed).toEqual([{ from: t, to: t + 25 * 60_000 }]);
    expect(series.published).toEqual([
      { from: t, to: t + 10 * 60_000 },
      { from: t + 15 * 60_000, to: t + 20 * 60_000 },
    ]);
    expect([series.lost, series.reported]).toEqual([[], []]);
    expect(series.plan?.inFlight).toEqual({ batch: 0, startedAt: t + 31 * 60_000 });
    expect(series.uncertain[0]?.datums[0]?.timestamp).toBe(t + 20 * 60_000);
    expect(decoded.state.series["q@new"]!.owed).toEqual([]);
  });

  it("a version 1 series with several holes owes to the end of its newest range, not of an inner one", () => {
    const holes = {
      version: 1,
      series: {
        "q@a": {
          ...version1.series["q@a"],
          published: [
            { from: iso(0), to: iso(5) },
            { from: iso(10), to: iso(15) },
            { from: iso(20), to: iso(25) },
            { from: iso(30), to: iso(35) },
          ],
          plan: null,
        },
      },
    };
    const decoded = decodeState(holes);
    if (!decoded.ok) throw new Error(decoded.problem);
    expect(decoded.state.series["q@a"]!.owed).toEqual([{ from: t, to: t + 35 * 60_000 }]);
  });

  it("writes version 2, which reads back the same", () => {
    const decoded = decodeState(version1);
    if (!decoded.ok) throw new Error(decoded.problem);
    const written = JSON.parse(encodeState(decoded.state)) as { version: number };
    expect(written.version).toBe(2);
    expect(decodeState(written)).toEqual(decoded);
  });

  it("names the problem of a damaged version 1 file in version 1's terms", () => {
    const damaged = { ...version1, series: { "q@a": { ...version1.series["q@a"], published: "none" } } };
    expect(decodeState(damaged)).toEqual({ ok: false, problem: expect.stringMatching(/^series\.q@a\.published: /) });
  });
});

describe("a state file of no version this mail-metrics reads", () => {
  it.each([
    ["a newer version", { version: 3, series: {} }, "version: 3"],
    ["no version", { series: {} }, "version: undefined"],
    ["null", null, "version: undefined"],
    ["a list", [1], "version: undefined"],
    ["a number", 2, "version: undefined"],
  ])("%s: refused, saying which versions it reads", (_, json, found) => {
    expect(decodeState(json)).toEqual({
      ok: false,
      problem: `${found} is not a state file version this mail-metrics reads (1 or 2); a newer mail-metrics may have written it`,
    });
  });

  it("a file whose series are no object: names them", () => {
    expect(decodeState({ version: 2, series: [] })).toEqual({ ok: false, problem: expect.stringMatching(/^series: /) });
  });

  it("a file with a key of its own at the top: names the top level", () => {
    expect(decodeState({ version: 2, series: {}, note: "x" })).toEqual({
      ok: false,
      problem: expect.stringMatching(/^\(top level\): .*"note"/),
    });
  });
});
