// Drives the exactly-once core in-process, as `run` and `backfill` do (pipeline/run-queries.ts,
// backfill-queries.ts), against a World: a state read from its disk and written back to it (or not
// at all in a dry run), its source and its sink, its clock.
import type { ResolvedQuery } from "../../../src/config/resolved.js";
import type { Config } from "../../../src/config/schema.js";
import { compileQuery } from "../../../src/insights/compile.js";
import type { Datum } from "../../../src/metrics/datum.js";
import { parseDuration } from "../../../src/util/duration.js";
import { backfillQueries } from "../../../src/pipeline/backfill-queries.js";
import type { BackfillProgress } from "../../../src/pipeline/backfill-series.js";
import { collectingSink } from "../../../src/pipeline/endpoints.js";
import { seriesJob } from "../../../src/pipeline/jobs.js";
import { runQueries, type Line } from "../../../src/pipeline/run-queries.js";
import type { RunSeriesDeps, SeriesJob } from "../../../src/pipeline/run-series.js";
import { StateHandle } from "../../../src/state/handle.js";
import type { Interval } from "../../../src/windows/intervals.js";
import type { WindowSettings } from "../../../src/windows/windows.js";
import { EXIT_CODES, exitCodeFor } from "../../../src/errors.js";
import type { Fates, World } from "./world.js";

export interface QuerySpec {
  readonly name: string;
  /** Stands for the hash of the query, its log groups, mapping and destination: another identity is another definition. */
  readonly identity?: string;
  readonly zeroFill?: readonly string[];
  /** The query's bin(), "5m" unless given; the world's log holds counts per bin at this period. */
  readonly bin?: string;
}

export interface Setup {
  readonly windows: WindowSettings;
  readonly queries: readonly QuerySpec[];
  /** The config path named in backfill commands. */
  readonly configPath: string;
}

/** What one run or backfill did: null when it was killed (a killed process says nothing). */
export interface Outcome {
  readonly code: number;
  readonly info: readonly string[];
  readonly warn: readonly string[];
  /** A dry run's printed datums. */
  readonly collected: readonly Datum[];
  /** The figures of each summary line (--log-format json), in the order of `info` (in-process only, as the two below). */
  readonly fields?: readonly (Readonly<Record<string, unknown>> | undefined)[];
  /** What --verbose shows: each trace event's text and figures. */
  readonly trace?: readonly { readonly message: string; readonly fields?: Readonly<Record<string, unknown>> }[];
  /** A backfill's progress reports, as its progress bar draws them. */
  readonly progress?: readonly BackfillProgress[];
}

export type Step =
  | {
      readonly kind: "run";
      readonly now: number;
      readonly fates?: Fates;
      readonly dryRun?: boolean;
      readonly queries?: readonly QuerySpec[];
    }
  | {
      readonly kind: "backfill";
      readonly now: number;
      readonly range: Interval;
      readonly fates?: Fates;
      readonly force?: boolean;
      readonly queries?: readonly QuerySpec[];
      readonly dryRun?: boolean;
    };

/**
 * A query as `stats count(*) as count by metric, bin(<bin>) as bin` with the mapping `{ name: "{metric}",
 * value: count, timestamp: bin, dimensions: { Query: <name> }, zeroFill }`, made into a job by the
 * pipeline's own seriesJob (pipeline/jobs.ts), as `run` does; only its identity is the spec's.
 */
/** The period of a query's bin(), in ms. */
export const binPeriod = (spec: QuerySpec): number => parseDuration(spec.bin ?? "5m")!;

export function jobOf(spec: QuerySpec, period: number): SeriesJob {
  const identity = spec.identity ?? "a";
  // Each query's datums carry its name, so two queries of one log never publish the same datum.
  const mapping = {
    name: "{metric}",
    value: "count",
    timestamp: "bin",
    unit: "Count" as const,
    dimensions: { Query: spec.name },
    zeroFill: [...(spec.zeroFill ?? [])],
  };
  const query = {
    name: spec.name,
    compiled: compileQuery(`stats count(*) as count by metric, bin(${spec.bin ?? "5m"}) as bin`),
    mapping,
    displayFile: `${spec.name}.yaml`,
    logGroups: [],
  } as unknown as ResolvedQuery;
  const config = { source: { type: "files" }, sink: { type: "stdout" }, schedule: { period } } as unknown as Config;
  return { ...seriesJob(config, query), key: `${spec.name}@${identity}`, identity };
}

export async function play(world: World, setup: Setup, step: Step): Promise<Outcome | null> {
  world.startRun(step.now, step.fates);
  const dryRun = step.dryRun === true;
  const collected: Datum[] = [];
  const trace: NonNullable<Outcome["trace"]>[number][] = [];
  const progress: BackfillProgress[] = [];
  const state = new StateHandle(world.readState(), dryRun ? null : (file) => world.writeState(file));
  const deps: RunSeriesDeps = {
    state,
    sink: dryRun ? collectingSink(world.sink, collected) : world.sink,
    clock: world.clock,
    signal: world.signal,
    source: world.source,
    windows: setup.windows,
    trace: (message, fields) => void trace.push({ message, ...(fields === undefined ? {} : { fields }) }),
  };
  const jobs = (step.queries ?? setup.queries).map((spec) => jobOf(spec, setup.windows.period));
  const common = { dryRun, interruptedBy: () => world.interruptedBy(), configPath: setup.configPath };
  try {
    const said =
      step.kind === "run"
        ? await runQueries(deps, jobs, common)
        : await backfillQueries(deps, jobs, {
            ...common,
            range: step.range,
            concurrency: 2,
            force: step.force === true,
            onProgress: (report) => void progress.push(report),
          });
    if (world.killed) return null;
    const fields = said.lines.filter((line) => line.to === "info").map((line) => line.fields);
    return { code: said.code, info: texts(said.lines, "info"), warn: texts(said.lines, "warn"), collected, fields, trace, progress };
  } catch (error) {
    // A killed process's calls fail with Killed, which the run takes for a bug and throws: it is dead anyway.
    if (world.killed) return null;
    // As main.ts: a backfill stops at the first failing query; a bug stays a bug.
    if (exitCodeFor(error) === EXIT_CODES.internal) throw error;
    return { code: exitCodeFor(error), info: [], warn: [(error as Error).message], collected, fields: [], trace, progress };
  }
}

const texts = (lines: readonly Line[], to: Line["to"]) => lines.filter((line) => line.to === to).map((line) => line.text);
