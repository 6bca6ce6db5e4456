// The common scene of the run/backfill tests: copies of the real log placed on a timeline starting at
// T0, with times written as minutes after T0, and a query whose zeroFill list is long enough to make
// a run publish several PutMetricData batches (1,000 datums each) from a small log.
import { readFileSync } from "node:fs";
import { iso, MAILLOG_START, shiftedCounts, shiftedLog, shippedZeroFill, type Expected } from "./peer-model.js";
import type { LogEventInput } from "./cloud-fixture.js";

export const T0 = Date.parse("2026-11-29T12:00:00Z");
export const MINUTE = 60_000;

/** Epoch ms of T0 + minutes. */
export const ms = (minutes: number) => T0 + minutes * MINUTE;
/** ISO of T0 + minutes, for --now, --from, --to. */
export const at = (minutes: number) => iso(ms(minutes));
/** Range [T0 + from, T0 + to) in epoch ms. */
export const span = (from: number, to: number) => ({ from: ms(from), to: ms(to) });

/** Copies of the real log, the first bin of each starting at T0 + each of `minutes` (multiples of 5). */
export function logCopies(minutes: readonly number[]): LogEventInput[] {
  return minutes.flatMap((m) => shiftedLog(ms(m) - MAILLOG_START));
}

/** The peer's counts for those copies. */
export function copiesCounts(queries: readonly string[], minutes: readonly number[]): Expected {
  const out: Expected = new Map();
  for (const m of minutes)
    for (const [key, value] of shiftedCounts(queries, ms(m) - MAILLOG_START)) out.set(key, (out.get(key) ?? 0) + value);
  return out;
}

/** `n` synthetic metric names to zero-fill: each adds one datum per 5-minute bin. */
export function zeroFillNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `zero-${String(i).padStart(3, "0")}`);
}

/** A `queries:` entry of a shipped query with its zeroFill list replaced. */
export function withZeroFill(query: string, names: readonly string[]): string {
  return `{ builtin: ${query}, zeroFill: [${names.join(", ")}] }`;
}

/** Zero-fill names of the shipped queries (their own lists). */
export const zeroFillOf = (queries: readonly string[]) => queries.flatMap(shippedZeroFill);

/** The state file as JSON, or undefined when there is none. */
export function readStateJson(path: string): StateJson | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as StateJson;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export interface StateJson {
  readonly series: Record<
    string,
    {
      readonly query: string;
      readonly published: { from: string; to: string }[];
      readonly plan: { done: number; batchEnds: number[]; inFlight: unknown } | null;
      readonly uncertain: { datums: unknown[] }[];
    }
  >;
}

/** True when no series has a plan or a batch of unknown fate left. */
export function settled(state: StateJson | undefined): boolean {
  return state !== undefined && Object.values(state.series).every((s) => s.plan === null && s.uncertain.length === 0);
}

/**
 * The ranges in start order, as [from, to) pairs, followed by the range they should tile: equal flat
 * lists mean they cover it end to end, each starting where the previous ended (no overlap, no gap).
 */
export function tiling(ranges: readonly (readonly [number, number])[], whole: { from: number; to: number }): [number[], number[]] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const starts = sorted.slice(1).map(([from]) => from);
  return [sorted.flat(), [whole.from, ...starts.flatMap((from) => [from, from]), whole.to]];
}
