// Catastrophic backtracking check: every regex the shipped queries use, and each shipped query
// through the engine, on adversarial lines of 1, 10 and 100 kB (adversarial-lines.ts). Times (CPU
// time, best of several rounds) are measured and printed, never asserted; the assertion is only
// that the work grows about linearly with the line: 100 kB takes less than 20 times as long as
// 10 kB (linear work gives ~10; a backtracking regex ~100, or never ends, which the hang guard
// turns into a failure naming the case).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { SHIPPED, shippedDefinition } from "../queries/shipped-query.js";
import { ADVERSARIAL_LINES } from "./adversarial-lines.js";
import type { Scaling } from "./engine-jobs.js";
import { runGuarded, StalledCaseError } from "./guarded-run.js";
import { printReport, table, trackOutcomes, verdict } from "./report.js";
import { SHIPPED_REGEXES } from "./shipped-regexes.js";

const SIZES = [1_000, 10_000, 100_000] as const;
const LINEAR_RATIO_LIMIT = 20;
const FAMILIES = ADVERSARIAL_LINES.map((line) => SIZES.map((size) => line.build(size)));
const MEASURE = { samples: 5, minBatchMs: 1 } as const;
/** A virtual machine's CPU time still counts time stolen by the host: a noisy pair gets up to 3 more tries. */
const REMEASURES = 3;

const outcomes = trackOutcomes();

/** [pattern][line family] */
let regexScaling: Scaling[][] = [];
let queryScaling: Scaling[][] = [];

const byPattern = (flat: readonly Scaling[], patterns: number): Scaling[][] =>
  Array.from({ length: patterns }, (_, p) => flat.slice(p * FAMILIES.length, (p + 1) * FAMILIES.length));

/** A hang names the pattern and the line it hangs on. */
async function named<T>(work: Promise<T>, patterns: readonly string[]): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof StalledCaseError)) throw error;
    const pattern = patterns[Math.floor(error.caseIndex / FAMILIES.length)];
    const line = ADVERSARIAL_LINES[error.caseIndex % FAMILIES.length]?.name;
    throw new Error(`${pattern} never finishes on the line "${line}" (of ${SIZES.join(", ")} characters): catastrophic backtracking`, {
      cause: error,
    });
  }
}

/** Pairs measured again because they looked non-linear once (noise, e.g. other tests' load). */
const remeasured: string[] = [];

/**
 * Measures every pattern on every family; a pair at or above the limit is measured again, longer,
 * keeping the smallest ratio: linear work comes back near 10, a backtracking regex stays near 100.
 */
async function measure(
  patterns: readonly string[],
  run: (patterns: readonly string[], families: readonly (readonly string[])[], samples: number) => Promise<Scaling[]>,
): Promise<Scaling[][]> {
  const scaling = byPattern(await named(run(patterns, FAMILIES, MEASURE.samples), patterns), patterns.length);
  for (const [p, pattern] of patterns.entries()) {
    for (const [l, family] of FAMILIES.entries()) {
      const first = scaling[p]?.[l];
      if (first === undefined || first.ratio < LINEAR_RATIO_LIMIT) continue;
      const ratios = [first.ratio];
      for (let attempt = 0; attempt < REMEASURES && Math.min(...ratios) >= LINEAR_RATIO_LIMIT; attempt++) {
        const [again] = await run([pattern], [family], 3 * MEASURE.samples);
        ratios.push(again?.ratio ?? Infinity);
      }
      if (scaling[p] !== undefined) scaling[p][l] = { times: first.times, ratio: Math.min(...ratios) };
      remeasured.push(`${ADVERSARIAL_LINES[l]?.name} with pattern ${p + 1}: ratios ${ratios.map((r) => r.toFixed(1)).join(", ")}`);
    }
  }
  return scaling;
}

beforeAll(async () => {
  await buildOnce();
  const regexes = SHIPPED_REGEXES.map(({ source, flags }) => JSON.stringify({ source, flags }));
  regexScaling = await measure(regexes, (patterns, families, samples) =>
    runGuarded({
      type: "regexTimes",
      regexes: patterns.map((p) => JSON.parse(p) as { source: string; flags: string }),
      families,
      samples,
      minBatchMs: MEASURE.minBatchMs,
    }),
  );
  const queries = SHIPPED.map((name) => shippedDefinition(name).query);
  queryScaling = await measure(queries, (patterns, families, samples) =>
    runGuarded({ type: "queryTimes", queries: patterns, families, samples, minBatchMs: MEASURE.minBatchMs }),
  );
}, 180_000);

const duration = (ms: number | undefined) => (ms === undefined ? "-" : ms >= 1 ? `${ms.toFixed(1)} ms` : `${(ms * 1000).toFixed(1)} µs`);

afterAll(() => {
  const patterns = [...regexScaling, ...queryScaling];
  const legend = [
    ...SHIPPED_REGEXES.map((r, i) => `r${i + 1} = /${r.source}/${r.flags} (${r.query})`),
    ...SHIPPED.map((name, i) => `q${i + 1} = ${name} through the engine, one event per line`),
  ];
  const header = [
    "time per 100 kB line",
    ...SHIPPED_REGEXES.map((_, i) => `r${i + 1}`),
    ...SHIPPED.map((_, i) => `q${i + 1}`),
    "worst 100k/10k",
  ];
  const rows = ADVERSARIAL_LINES.map((line, l) => [
    line.name,
    ...patterns.map((scaling) => duration(scaling[l]?.times[2])),
    Math.max(...patterns.map((scaling) => scaling[l]?.ratio ?? 0)).toFixed(1),
  ]);
  const slowest = Math.max(...patterns.flatMap((scaling) => scaling.map((s) => s.times[2] ?? 0)));
  const again = remeasured.length === 0 ? [] : ["measured again:", ...remeasured];
  const worst = Math.max(...patterns.flatMap((scaling) => scaling.map((s) => s.ratio)));
  printReport(
    `catastrophic backtracking check: slowest 100 kB line ${duration(slowest)} of CPU (times measured, not asserted)`,
    [...legend, ...table([header, ...rows]), ...again],
    `backtracking: ${SHIPPED_REGEXES.length} regexes and ${SHIPPED.length} shipped queries on ${ADVERSARIAL_LINES.length} adversarial lines of up to 100 kB; slowest ${duration(slowest)} per line, worst 100k/10k time ratio ${worst.toFixed(1)} (limit ${LINEAR_RATIO_LIMIT}); ${verdict(outcomes)}`,
  );
});

const nonLinear = (scaling: readonly Scaling[] | undefined) =>
  ADVERSARIAL_LINES.filter((_, l) => (scaling?.[l]?.ratio ?? Infinity) >= LINEAR_RATIO_LIMIT).map((line) => line.name);

describe("the shipped queries on adversarial lines", () => {
  it("finds the regexes of both shipped queries", () => {
    expect(new Set(SHIPPED_REGEXES.map((r) => r.query))).toEqual(new Set(SHIPPED));
    expect(SHIPPED_REGEXES.length).toBeGreaterThanOrEqual(4);
  });

  it.each(SHIPPED_REGEXES.map((r, i) => [`/${r.source}/${r.flags}`, i] as const))("%s works in time linear in the line", (_, index) => {
    expect(nonLinear(regexScaling[index])).toEqual([]);
  });

  it.each(SHIPPED.map((name, i) => [name, i] as const))("%s runs in time linear in the line", (_, index) => {
    expect(nonLinear(queryScaling[index])).toEqual([]);
  });
});
