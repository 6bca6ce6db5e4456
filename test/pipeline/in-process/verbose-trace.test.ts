// What --verbose shows of the exactly-once core: each batch as it is sent and once it is sent (which
// query, window and batch of how many), and each read-back of datums of unknown fate with what it
// found. The figures are what --log-format json prints with each line.
import { describe, expect, it } from "vitest";
import { play, type Setup } from "./play.js";
import { World, type Log } from "./world.js";

const at = (hhmm: string) => Date.parse(`2026-11-29T${hhmm}:00Z`);
const setup: Setup = {
  windows: { period: 5 * 60_000, lag: 5 * 60_000, maxCatchUp: 24 * 3_600_000 },
  queries: [{ name: "q" }],
  configPath: "prod.yaml",
};

describe("--verbose", () => {
  it("names every batch sent, and each read-back with what it found, missed and re-sent", async () => {
    const log: Log = new Map<number, Record<string, number>>([
      [at("12:05"), { a: 1, b: 2, c: 3 }],
      [at("12:10"), { a: 4 }],
    ]);
    const world = new World(log, "cloudwatch", 2);
    const first = await play(world, setup, { kind: "run", now: at("12:15"), fates: { put: ["ok", "5xx"] } });
    const window = "windows 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z";
    expect(first!.trace).toEqual([
      { message: `q: batch 1 of 2 of ${window}: sending 2 datums`, fields: { query: "q", batch: 1, batches: 2, datums: 2 } },
      { message: `q: batch 1 of 2 of ${window}: sent` },
      { message: `q: batch 2 of 2 of ${window}: sending 1 datums`, fields: { query: "q", batch: 2, batches: 2, datums: 1 } },
    ]);

    const next = await play(world, setup, { kind: "run", now: at("12:31") });
    expect(next!.trace).toEqual([
      {
        message:
          "q: read back 1 datums of unknown fate (sent 2026-11-29T12:15:00.000Z): 0 found, 0 not visible yet, 1 missing (re-sent), " +
          "0 too old to send",
        fields: { query: "q", found: 0, waiting: 0, missing: 1, expired: 0 },
      },
      {
        message: "q: batch 1 of 1 of windows 2026-11-29T12:10:00Z–2026-11-29T12:25:00Z: sending 1 datums",
        fields: { query: "q", batch: 1, batches: 1, datums: 1 },
      },
      { message: "q: batch 1 of 1 of windows 2026-11-29T12:10:00Z–2026-11-29T12:25:00Z: sent" },
    ]);
  });
});
