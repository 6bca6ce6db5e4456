// One bench run over one log: each shipped query with mail-metrics, the grep -cE floor with the
// query's prefilter alternatives, and mtail's equivalent program; every output is checked.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { compileQuery } from "../src/insights/compile.js";
import { compareCounts, totals, type Expected } from "./expected.js";
import type { BenchLog } from "./make-log.js";
import { repeat } from "./measure.js";
import { compareTotals, countsFromNdjson, ereAlternatives, totalsFromMtail } from "./outputs.js";

export interface ToolResult {
  readonly query: string;
  readonly tool: "mail-metrics" | "grep -cE" | "mtail";
  readonly wallMs: number;
  readonly runsMs: readonly number[];
  readonly cpuMs: number;
  readonly peakRssKb: number;
  /** What the output check found: "ok" (or what was checked), or what differs. */
  readonly check: string;
  readonly ok: boolean;
}

export interface SuiteContext {
  readonly root: string;
  readonly log: BenchLog;
  readonly expected: Expected;
  readonly runs: number;
  readonly mtail: boolean;
  /** Run grep -cE too (default true). */
  readonly grep?: boolean;
  readonly referenceDir: string;
  /** Only the events of the first `copies` copies, with --from/--to: the output of a smaller log from a bigger one. */
  readonly window?: { readonly from: string; readonly to: string; readonly copies: number };
}

const MTAIL_PROGRAMS: Record<string, { file: string; counter: string }> = {
  "postfix-smtp-status": { file: "postfix-smtp-status.mtail", counter: "postfix_smtp_status" },
};

export async function runSuite(context: SuiteContext, query: string): Promise<ToolResult[]> {
  const { root, log, expected, runs } = context;
  const queryFile = join(root, "queries", `${query}.yaml`);
  const window = context.window;
  const want = expected.counts(query, window?.copies ?? log.copies, log.shiftMs);
  const results: ToolResult[] = [];
  const say = (r: ToolResult) => {
    console.log(`  ${r.tool.padEnd(12)} ${(r.wallMs / 1000).toFixed(2)} s  cpu ${(r.cpuMs / 1000).toFixed(2)} s  rss ${(r.peakRssKb / 1024).toFixed(0)} MiB  ${r.check}`);
    results.push(r);
  };

  const range = window === undefined ? [] : ["--from", window.from, "--to", window.to];
  const ours = await repeat(runs, process.execPath, [join(root, "dist/main.js"), "query", queryFile, log.path, "--year", String(expected.year), "--output", "ndjson", ...range]);
  const problems = compareCounts(countsFromNdjson(ours.stdout), want);
  if (!ours.identical) problems.unshift("outputs differ between runs");
  problems.push(...checkReference(context, query, ours.stdout));
  say({ query, tool: "mail-metrics", wallMs: ours.wallMs, runsMs: ours.runs.map((r) => r.wallMs), cpuMs: ours.cpuMs, peakRssKb: ours.peakRssKb, ...verdict(problems) });

  const prefilter = compileQuery((parse(readFileSync(queryFile, "utf8")) as { query: string }).query).prefilter;
  if (prefilter !== null && !prefilter.ignoreCase && context.grep !== false) {
    const grep = await repeat(runs, "grep", ["-cE", ereAlternatives(prefilter.literals), log.path], { ...process.env, LC_ALL: "C" });
    const grepProblems = grep.identical ? [] : ["counts differ between runs"];
    say({ query, tool: "grep -cE", wallMs: grep.wallMs, runsMs: grep.runs.map((r) => r.wallMs), cpuMs: grep.cpuMs, peakRssKb: grep.peakRssKb, ...verdict(grepProblems, `${grep.stdout.trim()} lines`) });
  }

  const program = MTAIL_PROGRAMS[query];
  if (program !== undefined && context.mtail) {
    const args = ["--one_shot", "--one_shot_format", "json", "--progs", join(root, "bench", program.file), "--logs", log.path, "--port", "0"];
    const mtail = await repeat(runs, "mtail", args);
    const mtailProblems = mtail.runs.every((r) => JSON.stringify([...totalsFromMtail(r.stdout, program.counter)]) === JSON.stringify([...totalsFromMtail(mtail.stdout, program.counter)]))
      ? compareTotals(totalsFromMtail(mtail.stdout, program.counter), totals(want))
      : ["totals differ between runs"];
    say({ query, tool: "mtail", wallMs: mtail.wallMs, runsMs: mtail.runs.map((r) => r.wallMs), cpuMs: mtail.cpuMs, peakRssKb: mtail.peakRssKb, ...verdict(mtailProblems, "totals per metric equal") });
  }
  return results;
}

const verdict = (problems: readonly string[], ok = "ok") =>
  problems.length === 0 ? { ok: true, check: ok } : { ok: false, check: `MISMATCH: ${problems.slice(0, 5).join("; ")}` };

/** The first output on a log is kept; later runs (after an optimisation) must print exactly the same. */
function checkReference(context: SuiteContext, query: string, stdout: string): string[] {
  mkdirSync(context.referenceDir, { recursive: true });
  const window = context.window === undefined ? "" : `-${context.window.from}-${context.window.to}`.replaceAll(":", "");
  const file = join(context.referenceDir, `${query}-${basename(context.log.path, ".log")}${window}.ndjson`);
  if (!existsSync(file)) {
    writeFileSync(file, stdout);
    return [];
  }
  return readFileSync(file, "utf8") === stdout ? [] : [`output differs from the reference output ${file}`];
}
