// One bench run over one log: each shipped query with mail-metrics, the grep -cE floor with the
// query's prefilter alternatives, and mtail's equivalent program; every output is checked.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "yaml";
import { compileQuery } from "../src/insights/compile.js";
import { compareCounts, totals, type Expected } from "./expected.js";
import type { BenchLog } from "./make-log.js";
import { inTurns, summarize, type Command, type Measured } from "./measure.js";
import { compareTotals, countsFromNdjson, ereAlternatives, totalsFromMtail } from "./outputs.js";

export interface ToolResult extends Measured {
  readonly query: string;
  readonly tool: "mail-metrics" | "grep -cE" | "mtail";
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
    console.log(
      `  ${r.tool.padEnd(12)} ${(r.wallMs / 1000).toFixed(2)} s  cpu ${(r.cpuMs / 1000).toFixed(2)} s  rss ${(r.peakRssKb / 1024).toFixed(0)} MiB  ${r.check}`,
    );
    results.push(r);
  };

  const range = window === undefined ? [] : ["--from", window.from, "--to", window.to];
  const commands: Command[] = [
    {
      command: process.execPath,
      args: [
        join(root, "dist/bin/mail-metrics.js"),
        "query",
        queryFile,
        log.path,
        "--year",
        String(expected.year),
        "--output",
        "ndjson",
        ...range,
      ],
    },
  ];
  const prefilter = compileQuery((parse(readFileSync(queryFile, "utf8")) as { query: string }).query).prefilter;
  const grep = prefilter !== null && !prefilter.ignoreCase && context.grep !== false;
  if (grep)
    commands.push({ command: "grep", args: ["-cE", ereAlternatives(prefilter.literals), log.path], env: { ...process.env, LC_ALL: "C" } });
  const program = context.mtail ? MTAIL_PROGRAMS[query] : undefined;
  if (program !== undefined) {
    commands.push({
      command: "mtail",
      args: ["--one_shot", "--one_shot_format", "json", "--progs", join(root, "bench", program.file), "--logs", log.path, "--port", "0"],
    });
  }
  const [oursRuns, ...others] = await inTurns(runs, commands);

  const ours = summarize(oursRuns!);
  const problems = compareCounts(countsFromNdjson(ours.stdout), want);
  if (!ours.identical) problems.unshift("outputs differ between runs");
  problems.push(...checkReference(context, query, ours.stdout));
  say(result(query, "mail-metrics", ours, verdict(problems)));

  if (grep) {
    const counted = summarize(others.shift()!);
    say(
      result(
        query,
        "grep -cE",
        counted,
        verdict(counted.identical ? [] : ["counts differ between runs"], `${counted.stdout.trim()} lines`),
      ),
    );
  }

  if (program !== undefined) {
    const mtail = summarize(others.shift()!);
    const totalsOf = (stdout: string) => totalsFromMtail(stdout, program.counter);
    const same = mtail.runs.every((r) => JSON.stringify([...totalsOf(r.stdout)]) === JSON.stringify([...totalsOf(mtail.stdout)]));
    const mtailProblems = same ? compareTotals(totalsOf(mtail.stdout), totals(want)) : ["totals differ between runs"];
    say(result(query, "mtail", mtail, verdict(mtailProblems, "totals per metric equal")));
  }
  return results;
}

function result(
  query: string,
  tool: ToolResult["tool"],
  runs: ReturnType<typeof summarize>,
  check: { ok: boolean; check: string },
): ToolResult {
  return {
    query,
    tool,
    wallMs: runs.wallMs,
    runsMs: runs.runs.map((r) => r.wallMs),
    cpuMs: runs.cpuMs,
    peakRssKb: runs.peakRssKb,
    ...check,
  };
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
