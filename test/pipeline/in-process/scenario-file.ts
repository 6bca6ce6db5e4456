// Reads a scenario file (test/pipeline/scenarios/*.yaml): the config, the log, the state before, and
// steps (cron runs and backfills at a clock, each with the fate of its calls and what it must say),
// then what the sink and the state must hold. Times are "HH:MM" on the file's `day` ("+1d HH:MM" the
// day after, "-1d HH:MM" the day before) or ISO 8601; ranges are [from, to] pairs of such times.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { parseDuration } from "../../../src/util/duration.js";
import type { Interval } from "../../../src/windows/intervals.js";
import type { QuerySpec, Setup, Step } from "./play.js";
import type { Fates, Log } from "./world.js";

export interface ScenarioStep {
  readonly step: Step;
  /** Expected exit code; "killed" when the step kills the process. */
  readonly code: number | "killed";
  /** Fragments of the summary lines, one per line, in order (absent: not checked). */
  readonly out?: readonly string[];
  /** The summary lines exactly, in order (absent: not checked). */
  readonly summary?: readonly string[];
  /** Figures each summary line must hold for --log-format json, in order (absent: not checked). */
  readonly fields?: readonly Readonly<Record<string, unknown>>[];
  /** Fragments of the stderr lines, one per line, in order: absent means none. */
  readonly err: readonly string[];
}

export interface ExpectedSeries {
  readonly owed?: readonly Interval[];
  readonly published?: readonly Interval[];
  readonly lost?: readonly Interval[];
  readonly plan?: null | Interval;
  /** Datums of unknown fate. */
  readonly pending?: number;
}

export interface Scenario {
  readonly file: string;
  readonly description: string;
  readonly setup: Setup;
  readonly sink: "cloudwatch" | "stdout";
  readonly batchSize: number;
  readonly log: Log;
  /** The state file before the first step (its JSON text), or none. */
  readonly state?: string;
  readonly steps: readonly ScenarioStep[];
  /** Per query name: the ranges whose datums the sink must hold, each once, and nothing else. */
  readonly published: ReadonlyMap<string, readonly Interval[]>;
  /** Per state key (`name@identity`): what the state must record at the end. */
  readonly state_after: ReadonlyMap<string, ExpectedSeries>;
}

type Raw = Record<string, unknown>;

export function readScenario(path: string): Scenario {
  const raw = parse(readFileSync(path, "utf8")) as Raw;
  const day = String(raw.day ?? "2026-11-29");
  const time = (value: unknown) => parseTime(String(value), day, path);
  const range = (value: unknown): Interval => {
    if (!Array.isArray(value) || value.length !== 2) throw new Error(`${path}: a range is a [from, to] pair, not ${JSON.stringify(value)}`);
    return { from: time(value[0]), to: time(value[1]) };
  };
  const schedule = (raw.schedule ?? {}) as Raw;
  const duration = (key: string, fallback: string) => parseDuration(String(schedule[key] ?? fallback)) ?? fail(path, `schedule.${key}`);
  const setup: Setup = {
    windows: {
      period: duration("period", "5m"),
      lag: duration("lag", "5m"),
      maxCatchUp: duration("maxCatchUp", "24h"),
      ...(schedule.startAt === undefined ? {} : { startAt: time(schedule.startAt) }),
    },
    queries: (raw.queries as QuerySpec[] | undefined) ?? [{ name: "q" }],
    configPath: "prod.yaml",
  };
  const log = new Map(Object.entries((raw.log ?? {}) as Record<string, Record<string, number>>).map(([at, counts]) => [time(at), counts]));
  const steps = ((raw.steps ?? []) as Raw[]).map((entry) => readStep(entry, time, range, path));
  const expect = (raw.expect ?? {}) as Raw;
  const names = setup.queries.map((query) => query.name);
  const publishedRaw = expect.published ?? [];
  const published = new Map(
    Array.isArray(publishedRaw)
      ? names.map((name) => [name, publishedRaw.map(range)] as const)
      : Object.entries(publishedRaw as Record<string, unknown[]>).map(([name, ranges]) => [name, ranges.map(range)] as const),
  );
  const stateAfter = new Map(
    Object.entries((expect.state ?? {}) as Record<string, Raw>).map(
      ([key, series]) => [key.includes("@") ? key : `${key}@a`, readSeries(series, range)] as const,
    ),
  );
  return {
    file: path,
    description: String(raw.description ?? ""),
    setup,
    sink: raw.sink === "stdout" ? "stdout" : "cloudwatch",
    batchSize: Number(raw.batchSize ?? 1000),
    log,
    ...(raw.state === undefined ? {} : { state: JSON.stringify(raw.state) }),
    steps,
    published,
    state_after: stateAfter,
  };
}

function readStep(entry: Raw, time: (value: unknown) => number, range: (value: unknown) => Interval, path: string): ScenarioStep {
  const fates = (entry.calls ?? {}) as Fates;
  const queries = entry.queries as QuerySpec[] | undefined;
  const common = { fates, ...(queries === undefined ? {} : { queries }) };
  let step: Step;
  if (entry.run !== undefined) step = { kind: "run", now: time(entry.run), ...common, ...(entry.dryRun === true ? { dryRun: true } : {}) };
  else if (entry.backfill !== undefined)
    step = {
      kind: "backfill",
      now: time(entry.at),
      range: range(entry.backfill),
      ...common,
      ...(entry.force === true ? { force: true } : {}),
      ...(entry.dryRun === true ? { dryRun: true } : {}),
    };
  else throw new Error(`${path}: a step is { run: TIME } or { backfill: [FROM, TO], at: TIME }, not ${JSON.stringify(entry)}`);
  return {
    step,
    code: entry.code === "killed" ? "killed" : Number(entry.code ?? 0),
    ...(entry.out === undefined ? {} : { out: (entry.out as unknown[]).map(String) }),
    ...(entry.summary === undefined ? {} : { summary: (entry.summary as unknown[]).map(String) }),
    ...(entry.fields === undefined ? {} : { fields: entry.fields as Record<string, unknown>[] }),
    err: ((entry.err ?? []) as unknown[]).map(String),
  };
}

function readSeries(series: Raw, range: (value: unknown) => Interval): ExpectedSeries {
  const ranges = (key: string) => (series[key] === undefined ? {} : { [key]: (series[key] as unknown[]).map(range) });
  return {
    ...ranges("owed"),
    ...ranges("published"),
    ...ranges("lost"),
    ...(series.plan === undefined ? {} : { plan: series.plan === null ? null : range(series.plan) }),
    ...(series.pending === undefined ? {} : { pending: Number(series.pending) }),
  };
}

/** "12:05", "+1d 12:05", "-2d 23:55" on `day`, or ISO 8601. */
export function parseTime(text: string, day: string, path: string): number {
  const match = /^(?:([+-]\d+)d )?(\d{2}:\d{2}(?::\d{2})?)$/.exec(text);
  if (match !== null) return Date.parse(`${day}T${match[2]}Z`) + Number(match[1] ?? 0) * 86_400_000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? fail(path, `time "${text}"`) : ms;
}

function fail(path: string, what: string): never {
  throw new Error(`${path}: cannot read ${what}`);
}
