// Which queries publish the same numbers however a time range is cut into runs (insights/analysis/time-cut.ts).
// The static answer is checked against the engine itself: a query judged safe gives the same rows
// for one run over a range as for one run per window; each hazard is shown to change them.
import { describe, expect, it } from "vitest";
import { compileQuery } from "../../../src/insights/compile.js";
import { analyseTimeCut } from "../../../src/insights/analysis/time-cut.js";
import type { LogEvent, ResultRow } from "../../../src/insights/types.js";

const SAFE: readonly [string, number[]][] = [
  ["filter @message like /x/ | parse @message /k=(?<k>[a-z]+)/ | stats count(*) as n by k, bin(5m) as t", [300_000]],
  ["stats count(*) as n by bin(1m) as t | filter n > 1", [60_000]],
  ["stats count(*) as n by bin(5m) as t | sort n desc", [300_000]],
  ["parse @message /k=(?<k>[a-z]+)/ | stats count(*) as n by k, bin(5m) as t | stats count(*) as kinds by t", [300_000]],
  ["stats count(*) as n by bin(5m) as t | fields t as u | stats sum(n) as total by u", [300_000]],
  ["stats count(*) as n by bin(5m) as t | display n", [300_000]],
  ["stats count(*) as n by datefloor(@timestamp, 5m) as t", [300_000]],
  ["fields @timestamp, strlen(@message) as len", []],
  ["fields @timestamp, @message | sort @timestamp asc", []],
  ["sort @timestamp desc | display @message", []],
  // A sort between two stats only reorders rows of whole bins.
  ["stats count(*) as n by bin(5m) as t | sort n desc | stats count(*) as busy by t", [300_000]],
];

/** Each hazard's line and column; the query is safe once the command there is gone. */
const HAZARDS: readonly [string, [number, number][]][] = [
  ["stats count(*) as n by bin(5m) as t | sort n desc | limit 3", [[1, 53]]],
  ["stats count(*) as n by bin(5m) as t\n| limit 2", [[2, 3]]],
  ["limit 5 | stats count(*) as n by bin(5m) as t", [[1, 1]]],
  [
    "parse @message /k=(?<k>[a-z]+)/ | dedup k | limit 9",
    [
      [1, 35],
      [1, 45],
    ],
  ],
  ["parse @message /k=(?<k>[a-z]+)/ | stats count(*) as n by k, bin(5m) as t | dedup k", [[1, 76]]],
  ["sort @message | stats count(*) as n by bin(5m) as t", [[1, 1]]],
  ["stats count(*) as n", [[1, 1]]],
  ["parse @message /k=(?<k>[a-z]+)/\n| stats count(*) as n by k, datefloor(@ingestionTime, 5m) as t", [[2, 3]]],
  ["stats count(*) as n by bin(5m) as t | stats max(n) as peak", [[1, 39]]],
  ["stats count(*) as n by bin(5m) as t | stats max(n) as peak by bin(1h) as h", [[1, 39]]],
  ["stats count(*) as n by bin(5m) as t | fields 1 as t | stats sum(n) as s by t", [[1, 55]]],
  ["sort @timestamp desc | stats count(*) as n by bin(5m) as t | filter n > 0", [[1, 1]]],
  // dateceil puts an event at a bin's start into the bin before it, which another window holds.
  ["stats count(*) as n by dateceil(@timestamp, 5m) as t", [[1, 1]]],
  // A bin field named like the function: the later bin(1h) is a call, not that field.
  ["stats count(*) as n by bin(5m) as bin | stats max(n) as peak by bin(1h) as hour", [[1, 41]]],
  ["stats count(*) as n by bin(5m) as bin | fields bin(1h) as t | stats sum(n) as s by t", [[1, 63]]],
  ['stats count(*) as n by bin(5m) as t | parse t "* *" as t, rest | stats sum(n) as s by t', [[1, 66]]],
  ["stats count(*) as n by bin(5m) as t | parse t /(?<t>[^ ]+) / | stats sum(n) as s by t", [[1, 64]]],
];

describe(analyseTimeCut.name, () => {
  it.each(SAFE)("finds no hazard in %s", (query, binPeriods) => {
    expect(compileQuery(query).timeCut).toEqual({ hazards: [], binPeriods });
  });

  it.each(HAZARDS)("finds the hazards of %s", (query, positions) => {
    const hazards = compileQuery(query).timeCut?.hazards ?? [];
    expect(hazards.map((hazard) => [hazard.line, hazard.column])).toEqual(positions);
    for (const hazard of hazards) expect(hazard.message).toMatch(/; (remove it|group it by|add \w+ to its by|keep the bin field)/);
  });
});

// Events over an hour: one run over [0, 60m) against twelve runs over 5-minute windows.
const HOUR = 3_600_000;
const WINDOW = 300_000;
const EVENTS: LogEvent[] = Array.from({ length: 240 }, (_, i) => ({
  timestamp: Date.UTC(2026, 0, 1) + Math.floor((i * HOUR) / 240) + (i % 7) * 1000,
  message: `k=${["a", "b", "c", "dd"][(i * 7) % 4]} ${i % 3 === 0 ? "x" : "y"}`,
}));

function rowsOver(query: string, from: number, to: number, limit?: number): string[] {
  const execution = compileQuery(query).start(limit === undefined ? undefined : { limit });
  for (const event of EVENTS) if (event.timestamp >= from && event.timestamp < to) execution.push(event);
  return execution.finish().rows.map((row: ResultRow) => JSON.stringify(row));
}

function oneRunAndTwelve(query: string, limit?: number): { one: string[]; twelve: string[] } {
  const start = Date.UTC(2026, 0, 1);
  const twelve = Array.from({ length: 12 }, (_, i) => rowsOver(query, start + i * WINDOW, start + (i + 1) * WINDOW, limit)).flat();
  return { one: rowsOver(query, start, start + HOUR, limit).sort(), twelve: twelve.sort() };
}

describe("the engine agrees", () => {
  it.each(SAFE.filter(([query]) => query.includes("stats")))("one run equals twelve for %s", (query) => {
    const { one, twelve } = oneRunAndTwelve(query);
    expect(one.length).toBeGreaterThan(0);
    expect(one).toEqual(twelve);
  });

  // A row limit above one window's events and below the hour's shows what a sort before stats does.
  it.each(HAZARDS)("one run differs from twelve for %s", (query) => {
    const { one, twelve } = oneRunAndTwelve(query, 50);
    expect(one).not.toEqual(twelve);
  });
});
