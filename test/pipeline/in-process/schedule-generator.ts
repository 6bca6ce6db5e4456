// Seeded random fault schedules: cron runs with an advancing clock (now and then a gap beyond
// maxCatchUp, or a step back of a few minutes), each meeting faults drawn at random (SIGKILL at a
// random call, a query that fails or is throttled out, PutMetricData throttled, answered 5xx or timed
// out whether or not it landed, a read-back error, points GetMetricData shows only minutes late),
// backfills of past ranges (which may fail or be killed too), a query edited for a few runs and
// restored, a second query added. The same seed gives the same schedule on every machine.
import { prng } from "../../support/prng.js";
import type { Interval } from "../../../src/windows/intervals.js";
import type { QuerySpec, Setup, Step } from "./play.js";
import type { Fates, Log, PutFate, QueryFate } from "./world.js";

export interface Schedule {
  readonly seed: number;
  readonly setup: Setup;
  readonly batchSize: number;
  readonly log: Log;
  readonly steps: readonly Step[];
}

const MINUTE = 60_000;
const PERIOD = 5 * MINUTE;
const LAG = 5 * MINUTE;
export const SCHEDULE_START = Date.parse("2026-11-29T12:00:00Z");

export interface ScheduleOptions {
  readonly runs?: number;
  /** Add a second query part-way (its first runs meet the faults a new series meets). */
  readonly secondQuery?: boolean;
}

export function generateSchedule(seed: number, { runs = 30, secondQuery = true }: ScheduleOptions = {}): Schedule {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const maxCatchUp = pick([60, 180, 1440]) * MINUTE;
  const q: QuerySpec = { name: "q", zeroFill: ["z"] };
  const qEdited: QuerySpec = { ...q, identity: "b" };
  const r: QuerySpec = { name: "r" };
  const addR = chance(0.5) && secondQuery ? 1 + Math.floor(random() * (runs - 5)) : null;
  const edit = chance(0.7) ? { from: 2 + Math.floor(random() * (runs - 8)), length: 1 + Math.floor(random() * 4) } : null;

  const steps: Step[] = [];
  let now = SCHEDULE_START + 15 * MINUTE;
  for (let run = 0; run < runs; run += 1) {
    now = nextClock(now, random, maxCatchUp);
    const edited = edit !== null && run >= edit.from && run < edit.from + edit.length;
    const queries = [edited ? qEdited : q, ...(addR !== null && run >= addR ? [r] : [])];
    steps.push({ kind: "run", now, fates: drawFates(random, queries), queries });
    if (run > 2 && chance(0.12))
      steps.push({ kind: "backfill", now, range: pastRange(random, now), fates: drawFates(random, queries), queries });
  }
  return {
    seed,
    setup: { windows: { period: PERIOD, lag: LAG, maxCatchUp }, queries: [q, ...(addR === null ? [] : [r])], configPath: "prod.yaml" },
    batchSize: 2 + Math.floor(random() * 6),
    log: logFor(random, SCHEDULE_START - 86_400_000, now + 3 * 3_600_000),
    steps,
  };
}

/**
 * The windows each query must end up publishing, from the steps alone (not from mail-metrics' state):
 * from the window its first run was for (a new series begins with the newest due window) to the newest
 * due window of any run of it, and every range a backfill of it was asked for.
 */
export function owedWindows(steps: readonly Step[], period: number, lag: number): Map<string, Interval[]> {
  const out = new Map<string, { begin: number; end: number; backfills: Interval[] }>();
  for (const step of steps) {
    for (const query of step.queries ?? []) {
      const due = Math.floor((step.now - lag) / period) * period;
      const seen = out.get(query.name);
      if (step.kind === "backfill") seen!.backfills.push(step.range);
      else if (seen === undefined) out.set(query.name, { begin: due - period, end: due, backfills: [] });
      else seen.end = Math.max(seen.end, due);
    }
  }
  return new Map([...out].map(([name, { begin, end, backfills }]) => [name, [{ from: begin, to: end }, ...backfills]]));
}

/** Mostly the next cron slot; now and then a rerun, a gap (maybe beyond maxCatchUp) or a clock a few minutes back. */
function nextClock(now: number, random: () => number, maxCatchUp: number): number {
  const roll = random();
  if (roll < 0.08) return now - (1 + Math.floor(random() * 4)) * MINUTE;
  if (roll < 0.16) return now + Math.floor(random() * 2) * MINUTE;
  if (roll < 0.26) return now + Math.floor(random() * (maxCatchUp * 1.6)) + 5 * MINUTE;
  return now + 5 * MINUTE + Math.floor(random() * 90) * 1000;
}

/** No fault half the time; else one or two, each at a random call. */
function drawFates(random: () => number, queries: readonly QuerySpec[]): Fates {
  if (random() < 0.5) return {};
  const query: Record<string, QueryFate[]> = {};
  const put: PutFate[] = [];
  const readBack: ("ok" | "error" | "kill")[] = [];
  const faults = random() < 0.7 ? 1 : 2;
  for (let i = 0; i < faults; i += 1) {
    const roll = random();
    // Which call of its kind meets the fault: mostly the first (a run makes few of each).
    const at = [0, 0, 0, 1, 1, 2][Math.floor(random() * 6)]!;
    if (roll < 0.3) {
      const name = queries[Math.floor(random() * queries.length)]!.name;
      query[name] = [
        ...Array<QueryFate>(at).fill("ok"),
        ([..."kill Failed throttled 5xx Timeout".split(" ")] as QueryFate[])[Math.floor(random() * 5)]!,
      ];
    } else if (roll < 0.85) {
      const fates: PutFate[] = [
        "kill",
        "kill-landed",
        "throttled",
        "5xx",
        "5xx-landed",
        "timeout",
        "timeout-landed",
        `late:${1 + Math.floor(random() * 14)}`,
        `5xx-late:${1 + Math.floor(random() * 14)}`,
      ];
      put.splice(0, put.length, ...Array<PutFate>(at).fill("ok"), fates[Math.floor(random() * fates.length)]!);
    } else {
      readBack.splice(0, readBack.length, ...Array<"ok">(at % 2).fill("ok"), random() < 0.6 ? "error" : "kill");
    }
  }
  return { query, put, readBack };
}

/** A past range of 1-36 windows, from 6 hours before the schedule's start up to the run's newest due window. */
function pastRange(random: () => number, now: number): Interval {
  const newest = Math.floor((now - LAG) / PERIOD) * PERIOD;
  const earliest = SCHEDULE_START - 6 * 3_600_000;
  const windows = 1 + Math.floor(random() * 36);
  const span = Math.max(0, (newest - earliest) / PERIOD - windows);
  const from = earliest + Math.floor(random() * span) * PERIOD;
  return { from, to: Math.min(newest, from + windows * PERIOD) };
}

/** Counts in about a third of the bins, metrics a and b. */
function logFor(random: () => number, from: number, to: number): Log {
  const log = new Map<number, Record<string, number>>();
  for (let bin = from; bin < to; bin += PERIOD) {
    if (random() < 0.35) log.set(bin, { a: 1 + Math.floor(random() * 5), ...(random() < 0.4 ? { b: 1 + Math.floor(random() * 3) } : {}) });
  }
  return log;
}
