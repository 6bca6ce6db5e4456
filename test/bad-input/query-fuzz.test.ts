// Query-language fuzzer: random token soups from the lexer's vocabulary and mutations of every
// golden case query and every shipped query. compileQuery must return a CompiledQuery or throw a
// QuerySyntaxError whose line:column lies inside the text; a compiled query must run over a few
// events without throwing. Each case runs under a hang guard (guarded-run.ts); its time is
// measured and reported, not asserted. Replay a run with BAD_INPUT_SEED=<seed printed>.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import type { QueryOutcome } from "./engine-jobs.js";
import { FUZZ_EVENTS } from "./fuzz-events.js";
import { runGuarded, StalledCaseError } from "./guarded-run.js";
import { GOLDEN_QUERIES, SHIPPED_QUERIES, type NamedQuery } from "./query-corpus.js";
import { mutate } from "./query-mutations.js";
import { ALL_PROTOTYPE_WORD_QUERIES, deepQuery } from "./query-extremes.js";
import { QueryGrammar } from "./query-grammar.js";
import { tokenSoup } from "./query-soup.js";
import { printReport, table, trackOutcomes, verdict } from "./report.js";
import { SeededRandom, suiteScale, suiteSeed } from "./seeded-random.js";

const SEED = suiteSeed(20_261_128);
const SCALE = suiteScale();
const SOUPS = Math.round(2000 * SCALE);
const GRAMMAR_QUERIES = Math.round(2000 * SCALE);
const DEEP_QUERIES = Math.round(150 * SCALE);
const MUTANTS_PER_QUERY = Math.round(12 * SCALE);
/** The shipped queries are what users run: mutate them more. */
const MUTANTS_PER_SHIPPED_QUERY = Math.round(200 * SCALE);

interface FuzzCase {
  readonly origin: string;
  readonly text: string;
}

function buildCases(random: SeededRandom): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (let i = 0; i < SOUPS; i++) cases.push({ origin: "token soup", text: tokenSoup(random) });
  const grammar = new QueryGrammar(random);
  for (let i = 0; i < GRAMMAR_QUERIES; i++) cases.push({ origin: "grammar-shaped", text: grammar.query() });
  for (let i = 0; i < DEEP_QUERIES; i++) cases.push({ origin: "deep nesting", text: deepQuery(random) });
  for (const text of ALL_PROTOTYPE_WORD_QUERIES) cases.push({ origin: "prototype word", text });
  const mutants = (query: NamedQuery, count: number) => {
    for (let i = 0; i < count; i++) cases.push({ origin: `mutant of ${query.name}`, text: mutate(query.text, random) });
  };
  for (const query of GOLDEN_QUERIES) mutants(query, MUTANTS_PER_QUERY);
  for (const query of SHIPPED_QUERIES) mutants(query, MUTANTS_PER_SHIPPED_QUERY);
  return cases;
}

/** A 1-based line:column that points into the text, or just past the end of its line. */
function insideText(text: string, line: number, column: number): boolean {
  const lines = text.split("\n");
  const length = lines[line - 1]?.length;
  return Number.isInteger(line) && Number.isInteger(column) && length !== undefined && column >= 1 && column <= length + 1;
}

function problemOf(c: FuzzCase, outcome: QueryOutcome): string | null {
  if (outcome.kind === "crash") return `${outcome.phase} threw ${outcome.message}`;
  if (outcome.kind === "syntax-error") {
    if (outcome.phase === "execute") return `execution threw ${outcome.message}`;
    if (!insideText(c.text, outcome.line, outcome.column))
      return `position ${outcome.line}:${outcome.column} is outside the text (${outcome.message})`;
    if (!/^E_[A-Z_]+$/.test(outcome.code)) return `unexpected error code ${outcome.code}`;
  }
  return null;
}

const random = new SeededRandom(SEED);
const CASES = buildCases(random);
let outcomes: QueryOutcome[] = [];

beforeAll(async () => {
  await buildOnce();
  try {
    outcomes = await runGuarded({ type: "queries", cases: CASES.map((c) => c.text), events: FUZZ_EVENTS });
  } catch (error) {
    if (!(error instanceof StalledCaseError)) throw error;
    const c = CASES[error.caseIndex];
    throw new Error(`compileQuery or the run hangs on case ${error.caseIndex} (${c?.origin}): ${JSON.stringify(c?.text)}`, {
      cause: error,
    });
  }
}, 120_000 * SCALE);

const testOutcomes = trackOutcomes();
afterAll(() => {
  const count = (kind: QueryOutcome["kind"]) => outcomes.filter((o) => o.kind === kind).length;
  const line = `query fuzzer (seed ${SEED}): ${CASES.length} cases, ${count("result")} compiled and ran, ${count("syntax-error")} QuerySyntaxError, ${count("crash")} other exceptions; ${verdict(testOutcomes)}`;
  printReport(`query-language fuzzer (seed ${SEED}; replay with BAD_INPUT_SEED=${SEED})`, summary(), line);
});

function summary(): string[] {
  if (outcomes.length === 0) return ["did not run"];
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    const key =
      outcome.kind === "syntax-error"
        ? `QuerySyntaxError ${outcome.code}`
        : outcome.kind === "result"
          ? "compiled and ran"
          : `CRASH (${outcome.phase})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const slowest = outcomes.indexOf(outcomes.reduce((a, b) => (b.ms > a.ms ? b : a)));
  const q = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(3);
  return [
    `${CASES.length} cases: ${SOUPS} token soups, ${GRAMMAR_QUERIES} grammar-shaped queries, ${DEEP_QUERIES} deeply nested, ${ALL_PROTOTYPE_WORD_QUERIES.length} with prototype words, ${MUTANTS_PER_QUERY} mutants of each of ${GOLDEN_QUERIES.length} golden queries, ${MUTANTS_PER_SHIPPED_QUERY} of each of ${SHIPPED_QUERIES.length} shipped queries`,
    ...table([["outcome", "cases"], ...[...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => [key, String(n)])]),
    `time per case (compile + run over ${FUZZ_EVENTS.length} events), ms: median ${q(0.5)}, p99 ${q(0.99)}, max ${q(1)} (case ${slowest}, ${CASES[slowest]?.origin})`,
  ];
}

describe("compileQuery on fuzzed queries", () => {
  it("built thousands of cases, deterministically from the seed", () => {
    expect(CASES.length).toBeGreaterThan(5000);
    const again = buildCases(new SeededRandom(SEED));
    expect(again.map((c) => c.text)).toEqual(CASES.map((c) => c.text));
  });

  it("returns a query or throws a QuerySyntaxError at a position inside the text; compiled queries run", () => {
    expect(outcomes).toHaveLength(CASES.length);
    const problems = CASES.flatMap((c, index) => {
      const problem = problemOf(c, outcomes[index] as QueryOutcome);
      return problem === null ? [] : [`case ${index} (${c.origin}): ${problem}\n  query: ${JSON.stringify(c.text)}`];
    });
    expect(problems.slice(0, 10).join("\n")).toBe("");
  });

  it("reaches both outcomes often: the fuzzer is not only producing noise", () => {
    const compiled = outcomes.filter((o) => o.kind === "result").length;
    const rejected = outcomes.filter((o) => o.kind === "syntax-error").length;
    expect(compiled).toBeGreaterThan(CASES.length / 20);
    expect(rejected).toBeGreaterThan(CASES.length / 4);
  });
});
