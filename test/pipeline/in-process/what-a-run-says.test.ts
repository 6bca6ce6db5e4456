// What `run` says, word for word, as cron's user reads it (heard.ts: stdout, stderr, and
// --log-format json with the summary's figures), with its exit code: a summary line per query, a
// failed query's outcome in the cron log beside its error on stderr, holes, lost windows, read-back,
// work left by an earlier definition, a run interrupted by a signal, a state that cannot be written.
// The scenario files check fragments of these lines across runs; here every line is checked whole.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AwsCallError } from "../../../src/errors.js";
import { collectingSink } from "../../../src/pipeline/endpoints.js";
import { runQueries } from "../../../src/pipeline/run-queries.js";
import type { RunSeriesDeps } from "../../../src/pipeline/run-series.js";
import { StateHandle } from "../../../src/state/handle.js";
import { EMPTY_STATE, type StateFile } from "../../../src/state/series.js";
import { writeState } from "../../../src/state/store.js";
import type { Sink } from "../../../src/sinks/sink.js";
import type { Source } from "../../../src/sources/source.js";
import { tempDir } from "../../support/temp-dir.js";
import { heard } from "./heard.js";
import { jobOf, play, type QuerySpec, type Setup } from "./play.js";
import { parseTime } from "./scenario-file.js";
import { datumKey, World, type Fates } from "./world.js";
import { allRows } from "../../../src/insights/row-table.js";

const DAY = "2026-11-29";
const at = (time: string) => parseTime(time, DAY, "what-a-run-says");
const SETUP: Setup = {
  windows: { period: 300_000, lag: 300_000, maxCatchUp: 86_400_000 },
  queries: [{ name: "q" }],
  configPath: "prod.yaml",
};

function worldOf(log: Record<string, Record<string, number>>, batchSize = 1000, sink: "cloudwatch" | "stdout" = "cloudwatch"): World {
  return new World(new Map(Object.entries(log).map(([time, counts]) => [at(time), counts])), sink, batchSize);
}

interface SayOptions {
  readonly setup?: Setup;
  readonly fates?: Fates;
  readonly queries?: readonly QuerySpec[];
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  readonly interruptedBy?: string;
  readonly stateNote?: string;
  /** Stands in for the world's source or sink (given the world's own), or its state's writer. */
  readonly source?: (world: Source) => Source;
  readonly sink?: (world: Sink) => Sink;
  readonly write?: (state: StateFile) => void;
}

/** One `run` at `time` against `world`, as cli/commands/run.ts drives it, and what its user reads. */
async function say(world: World, time: string, options: SayOptions = {}) {
  const setup = options.setup ?? SETUP;
  world.startRun(at(time), options.fates);
  const dryRun = options.dryRun === true;
  const sink = options.sink?.(world.sink) ?? world.sink;
  const deps: RunSeriesDeps = {
    state: new StateHandle(world.readState(), dryRun ? null : (options.write ?? ((file) => world.writeState(file)))),
    sink: dryRun ? collectingSink(sink, []) : sink,
    clock: world.clock,
    signal: options.signal ?? new AbortController().signal,
    source: options.source?.(world.source) ?? world.source,
    windows: setup.windows,
  };
  const jobs = (options.queries ?? setup.queries).map((spec) => jobOf(spec, setup.windows.period));
  const said = await runQueries(deps, jobs, {
    dryRun,
    configPath: setup.configPath,
    interruptedBy: () => options.interruptedBy ?? null,
    ...(options.stateNote === undefined ? {} : { stateNote: options.stateNote }),
  });
  return { ...heard(said.lines), code: said.code, bytesScanned: said.bytesScanned };
}

/** A cron run as the scenario harness plays it, for the runs before the one a test looks at. */
const before = (world: World, time: string, fates: Fates = {}, queries?: readonly QuerySpec[], setup = SETUP) =>
  play(world, setup, { kind: "run", now: at(time), fates, ...(queries === undefined ? {} : { queries }) });

/** [12:05, 12:10) and [12:15, 12:20) owed, the window between them backfilled, the clock (12:27) where no new window is due. */
async function twoOwedRanges() {
  const world = worldOf({ "12:05": { a: 1 }, "12:15": { a: 1 } }, 1);
  for (const time of ["12:15", "12:20", "12:25"]) await before(world, time, { query: ["Failed"] });
  await play(world, SETUP, { kind: "backfill", now: at("12:26"), range: { from: at("12:10"), to: at("12:15") } });
  return world;
}

/** Each datum the sink received, once. */
const receivedOnce = (world: World) => new Set(world.received.map((r) => datumKey(r.datum))).size === world.received.length;

const STOPPED = "stopped by SIGTERM: running queries were stopped and the state saved; the next run continues from there";

describe("a run's summary, word for word", () => {
  it("names its windows, datums, batches, queries and bytes scanned, with the figures in json; nothing on stderr", async () => {
    const world = worldOf({ "12:05": { a: 2 }, "12:10": { a: 1, b: 4 } });
    const queries = [{ name: "q" }, { name: "r" }];
    await before(world, "12:15", {}, queries);
    const scanning = (source: Source): Source => ({ query: async (...args) => ({ ...(await source.query(...args)), bytesScanned: 1234 }) });
    const run = await say(world, "12:25", { queries, source: scanning });
    const line = (name: string) =>
      `${name}: published 2 windows 2026-11-29T12:10:00Z–2026-11-29T12:20:00Z: 2 datums in 1 batch; 1 query, 1.2 KB scanned (~$<0.0001)`;
    expect(run).toEqual({
      out: [line("q"), line("r")],
      err: [],
      json: ["q", "r"].map((name) => ({
        level: "info",
        query: name,
        message: line(name),
        windows: 2,
        from: "2026-11-29T12:10:00Z",
        to: "2026-11-29T12:20:00Z",
        datums: 2,
        batches: 1,
        queries: 1,
        bytesScanned: 1234,
        pending: 0,
      })),
      code: 0,
      // The heartbeat's bytes scanned: every query's.
      bytesScanned: 2468,
    });

    const idle = await say(world, "12:27", { queries, source: scanning });
    expect(idle).toEqual({
      out: ["q: no new window due", "r: no new window due"],
      err: [],
      json: ["q", "r"].map((name) => ({
        level: "info",
        query: name,
        message: `${name}: no new window due`,
        windows: 0,
        datums: 0,
        batches: 0,
        queries: 0,
        bytesScanned: 0,
        pending: 0,
      })),
      code: 0,
      bytesScanned: 0,
    });
  });

  it("adds the state note to every summary line", async () => {
    const note =
      "state /root/.local/state/mail-metrics/prod.json (this user's default: set state.path so that every run of this config uses one state)";
    const run = await say(worldOf({ "12:05": { a: 1 } }), "12:15", { stateNote: note });
    expect(run.out).toEqual([
      `q: published 1 window 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z: 1 datum in 1 batch; 1 query, 0 B scanned (~$0); ${note}`,
    ]);
  });

  it("names a hole beyond maxCatchUp with its backfill command on every run, and on stderr once", async () => {
    const setup = { ...SETUP, windows: { ...SETUP.windows, maxCatchUp: 3_600_000 } };
    const world = worldOf({ "12:05": { a: 1 } });
    await before(world, "12:15", {}, undefined, setup);
    const hole =
      "not published: 2026-11-29T12:10:00Z–2026-11-29T13:10:00Z (12 windows, more than schedule.maxCatchUp behind; publish it with: " +
      "mail-metrics backfill --config prod.yaml --from 2026-11-29T12:10:00Z --to 2026-11-29T13:10:00Z)";
    const first = await say(world, "14:15", { setup });
    const summary = `q: published 12 windows 2026-11-29T13:10:00Z–2026-11-29T14:10:00Z: 0 datums in 0 batches; 1 query, 0 B scanned (~$0); ${hole}`;
    expect(first.out).toEqual([summary]);
    expect(first.err).toEqual([`mail-metrics: q: ${hole}`]);
    expect(first.json).toEqual([
      expect.objectContaining({ level: "info", message: summary, holes: [{ from: "2026-11-29T12:10:00Z", to: "2026-11-29T13:10:00Z" }] }),
      { level: "warning", query: "q", message: `q: ${hole}` },
    ]);
    expect(first.code).toBe(0);

    const next = await say(world, "14:20", { setup });
    expect(next.out).toEqual([
      `q: published 1 window 2026-11-29T14:10:00Z–2026-11-29T14:15:00Z: 0 datums in 0 batches; 1 query, 0 B scanned (~$0); ${hole}`,
    ]);
    expect(next.err).toEqual([]);
  });

  it("says which earlier windows it published besides the new ones, each range once", async () => {
    const world = await twoOwedRanges();
    const run = await say(world, "12:27");
    const line =
      "q: published no new window: 2 datums in 2 batches; 2 queries, 0 B scanned (~$0); also published " +
      "2026-11-29T12:05:00Z–2026-11-29T12:10:00Z, 2026-11-29T12:15:00Z–2026-11-29T12:20:00Z, owed since an earlier run or backfill that did not finish";
    expect(run.out).toEqual([line]);
    expect(run.json).toEqual([
      { level: "info", query: "q", message: line, windows: 0, datums: 2, batches: 2, queries: 2, bytesScanned: 0, pending: 0 },
    ]);
    expect(run.code).toBe(0);
  });

  it("counts result rows that lack a field the mapping reads, and names those fields, over every range it queried", async () => {
    const world = await twoOwedRanges();
    // Logs Insights leaves a cell out where a value is null: the first range's row has no metric, the second's no count.
    const holed = (source: Source): Source => ({
      query: async (query, range, signal) => {
        const result = await source.query(query, range, signal);
        const field = range.from === at("12:05") ? "metric" : "count";
        return { ...result, rows: allRows(result.rows).map((row) => row.filter((cell) => cell.field !== field)) };
      },
    });
    const run = await say(world, "12:27", { source: holed });
    expect(run.out).toEqual([
      "q: published no new window: 0 datums in 0 batches; 2 queries, 0 B scanned (~$0); also published " +
        "2026-11-29T12:05:00Z–2026-11-29T12:10:00Z, 2026-11-29T12:15:00Z–2026-11-29T12:20:00Z, owed since an earlier run or backfill " +
        "that did not finish; 2 result rows without count or metric gave no datum",
    ]);
    expect(run.err).toEqual([]);
  });
});

describe("windows before the source's first line", () => {
  // As a files source whose first line is at 12:12: the windows ending by 12:10 cannot be counted.
  const COVERAGE = {
    from: at("12:12"),
    what: "the logs in source.paths",
    where: "begin at 2026-11-29T12:12:00Z",
    fix: "add the rotated logs",
  };
  const covering = (source: Source): Source => ({ ...source, coverage: async () => COVERAGE });

  it("are left owed: the summary and its json name them", async () => {
    const run = await say(worldOf({ "12:05": { a: 1 } }), "12:15", { source: covering });
    const line =
      "q: published 0 of 1 window 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z: 0 datums in 0 batches; 0 queries, 0 B scanned (~$0); " +
      "left owed 1 window 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z: the logs in source.paths begin at 2026-11-29T12:12:00Z";
    expect(run.out).toEqual([line]);
    expect(run.json[0]).toEqual(
      expect.objectContaining({ message: line, beforeSource: [{ from: "2026-11-29T12:05:00Z", to: "2026-11-29T12:10:00Z" }] }),
    );
  });

  // The logs begin a little later: both ranges a failed query left owed end before them.
  const LATER = { ...COVERAGE, from: at("12:21"), where: "begin at 2026-11-29T12:21:00Z" };

  it("owed ranges apart: one warning on stderr and the summary name each, the fix and what the next run does", async () => {
    const world = await twoOwedRanges();
    const run = await say(world, "12:27", { source: (source) => ({ ...source, coverage: async () => LATER }) });
    const windows = "2 windows 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z, 2026-11-29T12:15:00Z–2026-11-29T12:20:00Z";
    expect(run.out).toEqual([`q: no new window due; left owed ${windows}: the logs in source.paths begin at 2026-11-29T12:21:00Z`]);
    expect(run.err).toEqual([
      `mail-metrics: not published: ${windows} of q: the logs in source.paths of prod.yaml begin at 2026-11-29T12:21:00Z, ` +
        "so these windows would be published as 0 whatever was logged in them. They stay owed, and every run leaves them so " +
        "until the source holds their lines: add the rotated logs, and the next run publishes them (a backfill those more " +
        "than schedule.maxCatchUp behind)",
    ]);
    expect(run.code).toBe(0);
    expect(world.received).toHaveLength(0);
  });

  it("a bug where the source tells where it begins is reported as a bug (exit 70), not taken for a source that cannot tell", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'first')");
    const broken = (source: Source): Source => ({
      ...source,
      coverage: async () => {
        throw bug;
      },
    });
    await expect(say(worldOf({ "12:05": { a: 1 } }), "12:15", { source: broken })).rejects.toBe(bug);
  });

  it("a run with nothing due leaves the source alone: no query, and no look at where it begins (a files source reads every log's first lines for it)", async () => {
    const world = worldOf({ "12:05": { a: 1 } });
    await before(world, "12:15");
    const asked: string[] = [];
    const counted = (source: Source): Source => ({
      query: (query, range, signal) => {
        asked.push("query");
        return source.query(query, range, signal);
      },
      coverage: async () => {
        asked.push("coverage");
        return COVERAGE;
      },
    });
    const run = await say(world, "12:19", { source: counted });
    expect(run.out).toEqual(["q: no new window due"]);
    expect(asked).toEqual([]);
  });

  it("a failed query says the series is owed from the first window the source covers, not before", async () => {
    const world = worldOf({ "12:05": { a: 1 } });
    await say(world, "12:15", { source: covering });
    const run = await say(world, "12:20", { source: covering, fates: { query: ["Failed"] } });
    expect(run.out).toEqual([
      "q: failed: scripted: q: ended with status Failed; q owes the windows from 2026-11-29T12:10:00Z on: the next run tries them again",
    ]);
  });
});

describe("read-back in the summary", () => {
  it("a batch found landed after all: settled, nothing re-sent", async () => {
    const world = worldOf({ "12:05": { a: 1, b: 1 } });
    await before(world, "12:15", { put: ["5xx-landed"] });
    const run = await say(world, "12:20");
    const line =
      "q: published 1 window 2026-11-29T12:10:00Z–2026-11-29T12:15:00Z: 0 datums in 0 batches; 1 query, 0 B scanned (~$0); " +
      "found 2 of 2 datums of unknown fate: settled";
    expect(run.out).toEqual([line]);
    expect(run.json).toEqual([expect.objectContaining({ message: line, readBack: { checked: 2, found: 2, resent: 0 } })]);
    expect(receivedOnce(world)).toBe(true);
  });

  /** Two batches of unknown fate: the first landed (readable 30 minutes later), the second did not. */
  async function oneLandedOneNot() {
    const world = worldOf({ "12:05": { a: 1, b: 1 } }, 1);
    await before(world, "12:15", { put: ["5xx-late:30"] });
    await before(world, "12:16", { put: ["5xx"] });
    return world;
  }

  it("some found, the rest re-sent: a run says how many of each", async () => {
    const world = await oneLandedOneNot();
    const run = await say(world, "12:50");
    const line =
      "q: published 7 windows 2026-11-29T12:10:00Z–2026-11-29T12:45:00Z: 1 datum in 1 batch; 1 query, 0 B scanned (~$0); " +
      "found 1 of 2 datums of unknown fate; 1 datum re-sent after read-back";
    expect(run.out).toEqual([line]);
    expect(run.json).toEqual([expect.objectContaining({ message: line, datums: 1, readBack: { checked: 2, found: 1, resent: 1 } })]);
    expect(run.code).toBe(0);
    expect(receivedOnce(world)).toBe(true);
  });

  it("a backfill that re-sends says it re-sent them", async () => {
    const world = await oneLandedOneNot();
    const range = { from: at("12:10"), to: at("12:15") };
    const backfill = await play(world, SETUP, { kind: "backfill", now: at("12:50"), range });
    expect(backfill?.info).toEqual([
      "q: backfilled 1 window 2026-11-29T12:10:00Z–2026-11-29T12:15:00Z: 1 datum in 1 batch; 1 query, 0 B scanned (~$0); " +
        "found 1 of 2 datums of unknown fate; 1 datum re-sent after read-back",
    ]);
  });

  it("a backfill over windows already published says how many it left alone", async () => {
    const world = worldOf({ "12:05": { a: 1 }, "12:00": { a: 3 } });
    await before(world, "12:15");
    await before(world, "12:25");
    const range = { from: at("12:00"), to: at("12:20") };
    const backfill = await play(world, SETUP, { kind: "backfill", now: at("12:30"), range });
    expect(backfill?.info).toEqual([
      "q: backfilled 1 of 4 windows 2026-11-29T12:00:00Z–2026-11-29T12:20:00Z (3 already published; --force publishes them again): " +
        "1 datum in 1 batch; 1 query, 0 B scanned (~$0)",
    ]);
  });

  it("datums too old to publish: dropped, their windows named lost on stderr as an error, exit 1", async () => {
    const world = worldOf({});
    const datum = (time: string) => ({ name: "a", timestamp: time, value: 1, unit: "Count", dimensions: { Query: "q" } });
    const window = { from: "2026-11-14T12:00:00.000Z", to: "2026-11-29T12:10:00.000Z" };
    world.disk = JSON.stringify({
      version: 2,
      series: {
        "q@a": {
          query: "q",
          identity: "a",
          owed: [window],
          published: [window],
          lost: [],
          reported: [],
          plan: null,
          uncertain: [
            {
              datums: [datum("2026-11-14T12:00:00.000Z"), datum("2026-11-14T12:10:00.000Z")],
              sentAt: "2026-11-14T12:20:00.000Z",
              reason: "scripted: 5xx",
            },
          ],
        },
      },
    });
    const run = await say(world, "12:20");
    const line =
      "q: published 1 window 2026-11-29T12:10:00Z–2026-11-29T12:15:00Z: 0 datums in 0 batches; 1 query, 0 B scanned (~$0); " +
      "2 datums older than the destination accepts (two weeks) dropped unpublished";
    const lost =
      "q: lost: 2026-11-14T12:00:00Z–2026-11-14T12:05:00Z, 2026-11-14T12:10:00Z–2026-11-14T12:15:00Z (2 windows, not published in " +
      "full before they became older than the two weeks CloudWatch accepts)";
    expect(run).toEqual({
      out: [line],
      err: [`mail-metrics: ${lost}`],
      json: [
        {
          level: "info",
          query: "q",
          message: line,
          windows: 1,
          from: "2026-11-29T12:10:00Z",
          to: "2026-11-29T12:15:00Z",
          datums: 0,
          batches: 0,
          queries: 1,
          bytesScanned: 0,
          pending: 0,
          readBack: { checked: 2, found: 0, resent: 0 },
          expired: 2,
        },
        { level: "error", query: "q", message: lost },
      ],
      code: 1,
      bytesScanned: 0,
    });
  });

  it("a read-back that fails is an error on stderr: the batch stays pending, exit 1", async () => {
    const world = worldOf({ "12:05": { a: 1 } });
    await before(world, "12:15", { put: ["5xx"] });
    const run = await say(world, "12:20", { fates: { readBack: ["error"] } });
    const failed =
      "q: could not settle the datums of unknown fate, which stay pending for the next run: scripted: GetMetricData failed: InternalServiceFault";
    expect(run.err).toEqual([`mail-metrics: ${failed}`]);
    expect(run.json.at(-1)).toEqual({ level: "error", query: "q", message: failed });
    expect(run.code).toBe(1);
  });
});

/** A state path that cannot be written (its directory is a file), and the error writing it gives. */
function unwritable() {
  const dir = tempDir("mm-said-");
  writeFileSync(join(dir, "not-a-directory"), "");
  const path = join(dir, "not-a-directory", "state.json");
  try {
    writeState(path, EMPTY_STATE);
  } catch (error) {
    const message = (error as Error).message;
    expect(message).toContain(path);
    return { path, message };
  }
  throw new Error(`${path} was written`);
}

describe("a failed query", () => {
  it("says in the cron log what it published before the failure, and the error on stderr", async () => {
    const world = worldOf({ "12:05": { a: 1 }, "12:10": { a: 1, b: 1, c: 1 } }, 1);
    await before(world, "12:15");
    const error =
      "q, windows 2026-11-29T12:10:00Z–2026-11-29T12:15:00Z: batch 3 of 3 (2 published before it): scripted: throttled; it was not published";
    const run = await say(world, "12:20", { fates: { put: ["ok", "ok", "throttled"] } });
    expect(run).toEqual({
      out: [`q: failed after publishing 2 datums in 2 batches: ${error}`],
      err: [`mail-metrics: ${error}`],
      json: [
        { level: "error", query: "q", message: `q: failed after publishing 2 datums in 2 batches: ${error}` },
        { level: "error", query: "q", message: error },
      ],
      code: 1,
      bytesScanned: 0,
    });
    const again = await say(world, "12:21", { fates: { put: ["throttled"] } });
    expect(again.out).toEqual([`q: failed: ${error}`]);
    expect(receivedOnce(world)).toBe(true);
  });

  it("whose query fails says from which window the series is owed, and that the next run tries again", async () => {
    const run = await say(worldOf({ "12:05": { a: 1 } }), "12:15", { fates: { query: ["Failed"] } });
    const error = "scripted: q: ended with status Failed; q owes the windows from 2026-11-29T12:05:00Z on: the next run tries them again";
    expect(run.out).toEqual([`q: failed: ${error}`]);
    expect(run.err).toEqual([`mail-metrics: ${error}`]);
    expect(run.code).toBe(1);
  });

  it("a state that cannot be written fails every query before it queries anything: exit 1, each said once", async () => {
    const { path, message } = unwritable();
    const world = worldOf({ "12:05": { a: 1 } });
    const run = await say(world, "12:15", { queries: [{ name: "q" }, { name: "r" }], write: (state) => writeState(path, state) });
    expect(run).toEqual({
      out: [`q: failed: ${message}`, `r: failed: ${message}`],
      err: [`mail-metrics: ${message}`, `mail-metrics: ${message}`],
      json: ["q", "r"].flatMap((name) => [
        { level: "error", query: name, message: `${name}: failed: ${message}` },
        { level: "error", query: name, message },
      ]),
      code: 1,
      bytesScanned: 0,
    });
    expect(world.queried).toEqual([]);
  });

  it("a state that cannot be written as the run records its window published: the error, and no promise of owed windows", async () => {
    const { path, message } = unwritable();
    const world = worldOf({ "12:05": { a: 1 } });
    // The disk fills just as the run records the window published (the batch itself is on disk as sent).
    const write = (state: StateFile) =>
      (state.series["q@a"]?.published.length ?? 0) > 0 ? writeState(path, state) : world.writeState(state);
    const run = await say(world, "12:15", { write });
    expect(run).toMatchObject({
      out: [`q: failed after publishing 1 datum in 1 batch: ${message}`],
      err: [`mail-metrics: ${message}`],
      code: 1,
    });
  });

  it("a bug is not a query's failure: the run throws it, for main to report with its stack (exit 70)", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'rows')");
    const broken = (): Source => ({
      query: async () => {
        throw bug;
      },
    });
    await expect(say(worldOf({ "12:05": { a: 1 } }), "12:15", { source: broken })).rejects.toBe(bug);
    await expect(
      say(worldOf({ "12:05": { a: 1 } }), "12:15", {
        write: () => {
          throw bug;
        },
      }),
    ).rejects.toBe(bug);
  });
});

describe("a run stopped by a signal", () => {
  it("between two batches: the summary says how far it got, stderr says it stopped, and the next run finishes", async () => {
    const world = worldOf({ "12:05": { a: 1 }, "12:10": { a: 1, b: 1 } }, 1);
    await before(world, "12:15");
    const controller = new AbortController();
    const sink = (real: Sink): Sink => ({
      ...real,
      publish: async (batch) => {
        controller.abort(new Error("interrupted by SIGTERM"));
        await real.publish(batch);
      },
    });
    const run = await say(world, "12:25", { sink, signal: controller.signal, interruptedBy: "SIGTERM" });
    const line =
      "q: published 0 of 2 windows 2026-11-29T12:10:00Z–2026-11-29T12:20:00Z: 1 datum in 1 batch; 1 query, 0 B scanned (~$0); " +
      "interrupted before the end; the next run resumes";
    expect(run.out).toEqual([line]);
    expect(run.err).toEqual([`mail-metrics: ${STOPPED}`]);
    expect(run.json.at(-1)).toEqual({ level: "error", message: STOPPED });
    expect(run.code).toBe(1);

    const next = await say(world, "12:26");
    expect(next).toMatchObject({ out: ["q: finished an earlier run's work: 1 datum"], err: [], code: 0 });
    expect(world.received.map((r) => r.datum.name).sort()).toEqual(["a", "a", "b"]);
    expect(receivedOnce(world)).toBe(true);
  });

  const CUT_SHORT = "q: stopped while querying; nothing of this run published for it, the next run does it";
  const FAILED = "scripted: q: ended with status Failed";
  const OWED = "; q owes the windows from 2026-11-29T12:05:00Z on: the next run tries them again";
  const abortError = () => Object.assign(new Error("The operation was aborted"), { name: "AbortError" });
  const cases: [string, boolean, (signal: AbortSignal) => unknown, { out: string[]; err: string[] }][] = [
    ["rejected with the signal's reason (a wait)", true, (signal) => signal.reason, { out: [CUT_SHORT], err: [] }],
    [
      "an aborted SDK call, wrapped",
      true,
      () => new AwsCallError("GetQueryResults", "GetQueryResults failed: AbortError", {}, { cause: abortError() }),
      { out: [CUT_SHORT], err: [] },
    ],
    [
      "a query that failed on its own while the signal came",
      true,
      () => new AwsCallError("StartQuery", FAILED),
      { out: [`q: failed: ${FAILED}${OWED}`], err: [`mail-metrics: ${FAILED}${OWED}`] },
    ],
    [
      "an aborted call without a signal: a failure like any other",
      false,
      () => new AwsCallError("GetQueryResults", FAILED, {}, { cause: abortError() }),
      { out: [`q: failed: ${FAILED}${OWED}`], err: [`mail-metrics: ${FAILED}${OWED}`] },
    ],
  ];

  it.each(cases)("while querying, %s", async (_, signalled, error, expected) => {
    const controller = new AbortController();
    const source = (): Source => ({
      query: async () => {
        if (signalled) controller.abort(new Error("interrupted by SIGTERM"));
        throw error(controller.signal);
      },
    });
    const run = await say(worldOf({ "12:05": { a: 1 } }), "12:15", {
      source,
      signal: controller.signal,
      ...(signalled ? { interruptedBy: "SIGTERM" } : {}),
    });
    expect({ out: run.out, err: run.err, code: run.code }).toEqual({
      out: expected.out,
      err: [...expected.err, ...(signalled ? [`mail-metrics: ${STOPPED}`] : [])],
      code: 1,
    });
    if (expected.out[0] === CUT_SHORT) expect(run.json[0]).toEqual({ level: "info", query: "q", message: CUT_SHORT });
  });
});

describe("a dry run", () => {
  it("after a stdout run killed while printing a batch: shows that batch printed again (stdout has no read-back)", async () => {
    const world = worldOf({ "12:05": { a: 1 } }, 1000, "stdout");
    expect(await before(world, "12:15", { put: ["kill"] })).toBeNull();
    const line =
      "q: would publish 1 window 2026-11-29T12:10:00Z–2026-11-29T12:15:00Z: 1 datum in 1 batch; 1 query, 0 B scanned (~$0); 1 datum would be re-sent after read-back";
    expect(await say(world, "12:20", { dryRun: true })).toMatchObject({ out: [line], err: [], code: 0 });
  });
});

describe("work an earlier definition left", () => {
  const tail =
    "which the current definition does not publish again; to finish them, run once with the earlier definition restored, then switch back";
  const NEW = [{ name: "q", identity: "b" }];

  it("a plan cut short: named on stderr, as a warning about the query", async () => {
    const world = worldOf({ "12:05": { a: 1, b: 1 } }, 1);
    expect(await before(world, "12:15", { put: ["ok", "kill"] })).toBeNull();
    const run = await say(world, "12:20", { queries: NEW });
    const warning = `q: its earlier definition (identity a) left windows 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z part-published, ${tail}`;
    expect(run.err).toEqual([`mail-metrics: ${warning}`]);
    expect(run.json[0]).toEqual({ level: "warning", query: "q", message: warning });
    expect(run.code).toBe(0);
  });

  it("batches of unknown fate only", async () => {
    const world = worldOf({ "12:05": { a: 1, b: 1 } });
    await before(world, "12:15", { put: ["5xx"] });
    await before(world, "12:20");
    const run = await say(world, "12:25", { queries: NEW });
    expect(run.err).toEqual([`mail-metrics: q: its earlier definition (identity a) left 2 datums of unknown fate, ${tail}`]);
  });
});
