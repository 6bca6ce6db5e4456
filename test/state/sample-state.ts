// A state with every field in use (a series owed, published, lost, with a publish plan in flight),
// for the tests of reading and writing the state.
import type { StateFile } from "../../src/state/series.js";

export const t = Date.parse("2026-11-28T12:00:00Z");

export const sample: StateFile = {
  version: 2,
  series: {
    "postfix-smtp-status@abc": {
      query: "postfix-smtp-status",
      identity: "abc",
      owed: [{ from: t - 900_000, to: t + 300_000 }],
      published: [{ from: t - 600_000, to: t }],
      lost: [{ from: t - 900_000, to: t - 600_000 }],
      reported: [],
      plan: {
        range: { from: t, to: t + 300_000 },
        datums: [{ name: "550-5_7_26", timestamp: t, value: 3, unit: "Count", dimensions: { Relay: "mx-1" } }],
        batchEnds: [1],
        done: 0,
        inFlight: { batch: 0, startedAt: t + 600_000 },
      },
      uncertain: [],
    },
  },
};
