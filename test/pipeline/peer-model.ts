// What a run must publish, from the scripted SMTP peer's record (examples/maillog.expected.json) and
// the query definitions' zeroFill lists, never from mail-metrics' own output. Tests place copies of
// the real log examples/maillog at other times; the expected counts move with them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "../cli/built-cli.js";
import { eventsOf, type LogEventInput } from "./cloud-fixture.js";

export const PERIOD = 300_000;
export const SMTP = "postfix-smtp-status";
export const DELIVERY = "postfix-delivery-status";

interface PeerRecord {
  readonly year: number;
  readonly queries: Record<string, Record<string, Record<string, number>>>;
}

const record = JSON.parse(readFileSync(join(ROOT, "examples/maillog.expected.json"), "utf8")) as PeerRecord;
/** examples/maillog as log events. */
export const MAILLOG: readonly LogEventInput[] = eventsOf(join(ROOT, "examples/maillog"), record.year);
/** Start of the log's first 5-minute bin. */
export const MAILLOG_START = Math.floor(Math.min(...MAILLOG.map((e) => e.timestamp)) / PERIOD) * PERIOD;

/** Expected datum values keyed `metric @ ISO bin start`. */
export type Expected = Map<string, number>;

export const keyOf = (metric: string, bin: number) => `${metric} @ ${new Date(bin).toISOString()}`;
export const iso = (ms: number) => new Date(ms).toISOString();

/** The log moved by `shift` ms (a multiple of PERIOD keeps every line in the same relative bin). */
export function shiftedLog(shift: number): LogEventInput[] {
  return MAILLOG.map((event) => ({ ...event, timestamp: event.timestamp + shift }));
}

/** The log with every line stamped at one instant. */
export function logAt(timestamp: number): LogEventInput[] {
  return MAILLOG.map((event) => ({ ...event, timestamp }));
}

/** The peer's counts of a copy shifted by `shift` ms. */
export function shiftedCounts(queries: readonly string[], shift: number): Expected {
  const out: Expected = new Map();
  for (const query of queries) {
    for (const [metric, bins] of Object.entries(record.queries[query] ?? {})) {
      for (const [bin, count] of Object.entries(bins)) add(out, keyOf(metric, Date.parse(bin) + shift), count);
    }
  }
  return out;
}

/** The peer's counts of a copy whose lines all sit in the bin starting at `bin`. */
export function collapsedCounts(queries: readonly string[], bin: number): Expected {
  const out: Expected = new Map();
  for (const query of queries) {
    for (const [metric, bins] of Object.entries(record.queries[query] ?? {})) {
      for (const count of Object.values(bins)) add(out, keyOf(metric, bin), count);
    }
  }
  return out;
}

export function sumOf(...parts: readonly Expected[]): Expected {
  const out: Expected = new Map();
  for (const part of parts) for (const [key, value] of part) add(out, key, value);
  return out;
}

/** Keeps the counts whose bin lies in one of `ranges` (what was queried). */
export function within(expected: Expected, ranges: readonly { from: number; to: number }[]): Expected {
  const binOf = (key: string) => Date.parse(key.slice(key.lastIndexOf(" @ ") + 3));
  return new Map([...expected].filter(([key]) => ranges.some((r) => binOf(key) >= r.from && binOf(key) < r.to)));
}

/** Adds the 0 datums a run publishes for each zeroFill name in every bin of `ranges` without a count. */
export function zeroFilled(expected: Expected, names: readonly string[], ranges: readonly { from: number; to: number }[]): Expected {
  const out = new Map(expected);
  for (const range of ranges) {
    for (let bin = range.from; bin < range.to; bin += PERIOD)
      for (const name of names) if (!out.has(keyOf(name, bin))) out.set(keyOf(name, bin), 0);
  }
  return out;
}

/** The zeroFill list of a shipped query definition (queries/<name>.yaml). */
export function shippedZeroFill(query: string): string[] {
  const definition = parse(readFileSync(join(ROOT, "queries", `${query}.yaml`), "utf8")) as { metric: { zeroFill?: string[] } };
  return definition.metric.zeroFill ?? [];
}

/** Everything a run publishes over `ranges`: the counts there, and a 0 for each zeroFill name in every bin without a count. */
export function expectedFor(counts: Expected, zeroFill: readonly string[], ranges: readonly { from: number; to: number }[]): Expected {
  return zeroFilled(within(counts, ranges), zeroFill, ranges);
}

function add(map: Expected, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}
