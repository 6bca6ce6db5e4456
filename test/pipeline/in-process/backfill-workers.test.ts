// A backfill's chunks and workers as a user sees them: the progress its bar draws, never more
// queries at once than --concurrency, --force publishing again what is published, and no stray
// warning on stderr however many queries a config has.
import { afterEach, describe, expect, it } from "vitest";
import { backfillQueries } from "../../../src/pipeline/backfill-queries.js";
import type { BackfillProgress } from "../../../src/pipeline/backfill-series.js";
import type { RunSeriesDeps } from "../../../src/pipeline/run-series.js";
import type { Source } from "../../../src/sources/source.js";
import { StateHandle } from "../../../src/state/handle.js";
import { jobOf, play, type Setup } from "./play.js";
import { World, type Log } from "./world.js";

const at = (hhmm: string, day = 29) => Date.parse(`2026-11-${day}T${hhmm}:00Z`);
const PERIOD = 5 * 60_000;
const setup: Setup = {
  windows: { period: PERIOD, lag: PERIOD, maxCatchUp: 3_600_000 },
  queries: [{ name: "q" }],
  configPath: "prod.yaml",
};
const log: Log = new Map<number, Record<string, number>>([
  [at("06:00"), { a: 1, b: 2 }],
  [at("07:00"), { a: 3 }],
  [at("12:05"), { a: 4 }],
]);

/** What `backfill` runs with, over a world's state, sink and clock, and the source given. */
function depsOf(world: World, source: Source, signal = new AbortController().signal): RunSeriesDeps {
  const state = new StateHandle(world.readState(), (file) => world.writeState(file));
  return { state, sink: world.sink, clock: world.clock, signal, source, windows: setup.windows };
}

const options = (range: { from: number; to: number }, concurrency: number) => ({
  range,
  concurrency,
  force: false,
  dryRun: false,
  configPath: "prod.yaml",
  interruptedBy: () => null,
});

describe("backfill progress", () => {
  it("reports the windows to do, then each chunk done with the datums so far", async () => {
    const world = new World(log, "cloudwatch", 1000);
    await play(world, setup, { kind: "backfill", now: at("12:00"), range: { from: at("06:00"), to: at("06:30") } });
    // 06:00–08:00 with 06:00–06:30 published: 18 windows to do, in two chunks of 9.
    const outcome = await play(world, setup, { kind: "backfill", now: at("12:00"), range: { from: at("06:00"), to: at("08:00") } });
    const progress = (windowsDone: number, datums: number): BackfillProgress => ({
      name: "q",
      windowsTotal: 18,
      windowsDone,
      datums,
      bytesScanned: 0,
    });
    expect(outcome!.progress).toEqual([progress(0, 0), progress(9, 1), progress(18, 1)]);
    expect(outcome!.info).toEqual([
      "q: backfilled 18 of 24 windows 2026-11-29T06:00:00Z–2026-11-29T08:00:00Z (6 already published; --force publishes them " +
        "again): 1 datum in 1 batch; 2 queries, 0 B scanned (~$0)",
    ]);
  });
});

describe("backfill --concurrency", () => {
  it("never runs more queries at once than asked, with more chunks than workers", async () => {
    const world = new World(log, "cloudwatch", 1000);
    let running = 0;
    let most = 0;
    const source: Source = {
      query: async (query, range, signal) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
        return world.source.query(query, range, signal);
      },
    };
    world.startRun(at("12:00", 30));
    // Three days: three chunks of a day (288 windows), for two workers.
    const range = { from: at("06:00", 27), to: at("06:00", 30) };
    const said = await backfillQueries(depsOf(world, source), [jobOf({ name: "q" }, PERIOD)], options(range, 2));
    expect(said.lines.map((line) => line.text)).toEqual([
      "q: backfilled 864 windows 2026-11-27T06:00:00Z–2026-11-30T06:00:00Z: 4 datums in 1 batch; 3 queries, 0 B scanned (~$0)",
    ]);
    expect(said.code).toBe(0);
    expect(world.queried).toHaveLength(3);
    expect(most).toBe(2);
  });
});

describe("backfill stopped by a signal", () => {
  it("ends with an error line (not a warning) naming the signal and the command that resumes", async () => {
    const world = new World(log, "cloudwatch", 1000);
    world.startRun(at("12:00"), { put: ["sigterm"] });
    const deps = depsOf(world, world.source, world.signal);
    const said = await backfillQueries(deps, [jobOf({ name: "q" }, PERIOD)], {
      ...options({ from: at("06:00"), to: at("07:00") }, 2),
      interruptedBy: () => world.interruptedBy(),
    });
    expect(said.code).toBe(1);
    expect(said.lines.at(-1)).toEqual({
      to: "warn",
      severity: "error",
      text: "stopped by SIGTERM; the state is saved and the same backfill command resumes it",
    });
  });
});

describe("backfill --force", () => {
  it("publishes again the windows the state lists as published, and says nothing of them as left alone", async () => {
    const world = new World(log, "cloudwatch", 1000);
    await play(world, setup, { kind: "run", now: at("12:15") });
    const range = { from: at("12:05"), to: at("12:10") };
    const outcome = await play(world, setup, { kind: "backfill", now: at("12:20"), range, force: true });
    expect(outcome!.info).toEqual([
      "q: backfilled 1 window 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z: 1 datum in 1 batch; 1 query, 0 B scanned (~$0)",
    ]);
    expect(world.received.map((r) => [r.datum.name, r.datum.value, r.datum.timestamp])).toEqual([
      ["a", 4, at("12:05")],
      ["a", 4, at("12:05")],
    ]);
  });
});

describe("backfill of many queries", () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => void warnings.push(warning);
  afterEach(() => void process.off("warning", onWarning));

  it("leaves no listener on the run's signal behind: no MaxListenersExceededWarning on stderr with 11 queries", async () => {
    process.on("warning", onWarning);
    const world = new World(log, "cloudwatch", 1000);
    world.startRun(at("12:00"));
    const jobs = Array.from({ length: 11 }, (_, i) => jobOf({ name: `q${i}` }, PERIOD));
    const said = await backfillQueries(depsOf(world, world.source), jobs, options({ from: at("06:00"), to: at("07:00") }, 2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(said.lines.filter((line) => line.to === "info")).toHaveLength(11);
    expect(warnings.map((warning) => warning.message)).toEqual([]);
  });
});
