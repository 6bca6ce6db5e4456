// `npm run bench`: mail-metrics against grep -cE (the scan floor) and mtail on the same large log,
// with every output checked against counts derived from examples/maillog.expected.json.
// See bench/RESULTS.md for the figures and what limits them.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseBenchArgs } from "./args.js";
import { loadExpected } from "./expected.js";
import { makeBenchLog } from "./make-log.js";
import { renderReport, writeResults, type Report } from "./results-md.js";
import { startupMs } from "./startup.js";
import { runSuite, type SuiteContext, type ToolResult } from "./suite.js";
import { ensureTool, toolVersion } from "./tools.js";

// npm runs scripts from the package root; the compiled bench lives in node_modules/.cache.
const root = process.cwd();
const args = parseBenchArgs(process.argv.slice(2));
const dataDir = join(root, "bench", "data");
mkdirSync(dataDir, { recursive: true });

if (!ensureTool("time", "time", "/usr/bin/time")) throw new Error("GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time");
const mtail = ensureTool("mtail", "mtail");
if (!mtail) console.log("mtail is not installed (apt-get install mtail): its runs are skipped");

const expected = loadExpected(join(root, "examples", "maillog.expected.json"));
const queries = args.only === undefined ? expected.queries : [args.only];
const source = join(root, "examples", "maillog");
console.log(`building the bench log (${(args.sizeBytes / 1024 ** 2).toFixed(0)} MiB) in bench/data/`);
const log = makeBenchLog(source, dataDir, args.sizeBytes, expected.year, expected.binMs);
const context: SuiteContext = { root, log, expected, runs: args.runs, mtail, referenceDir: join(dataDir, "reference") };

const loadAtStart = loadavg()[0]!;
const results: ToolResult[] = [];
for (const query of queries) {
  console.log(`${query}:`);
  results.push(...(await runSuite(context, query)));
}

const main = join(root, "dist", "bin", "mail-metrics.js");
const small = join(dataDir, "maillog-1k.log");
writeFileSync(small, firstLines(readFileSync(source, "utf8"), 1024));
const nodeMs = startupMs(process.execPath, ["-e", "0"], args.startupRuns);
const helpMs = startupMs(process.execPath, [main, "--help"], args.startupRuns);
const smallQueryMs = startupMs(
  process.execPath,
  [main, "query", "postfix-smtp-status", small, "--year", String(expected.year), "--output", "ndjson"],
  args.startupRuns,
);
console.log(`start-up: --help ${helpMs.toFixed(0)} ms, query on 1 KB ${smallQueryMs.toFixed(0)} ms`);

let big: Report["big"];
if (args.bigBytes > 0 && args.only === undefined) {
  console.log(`constant memory: building the ${(args.bigBytes / 1024 ** 3).toFixed(1)} GiB log`);
  const bigLog = makeBenchLog(source, dataDir, args.bigBytes, expected.year, expected.binMs);
  const [whole] = await runSuite({ ...context, log: bigLog, runs: 1, mtail: false }, "postfix-smtp-status");
  // The same events as the bench log (its copies end where the next copy's first line starts), so
  // the same output: what memory the reading itself takes, whatever the size of the input.
  const window = {
    from: new Date(firstTime(source, expected.year)).toISOString(),
    to: new Date(firstTime(source, expected.year) + log.copies * log.shiftMs).toISOString(),
    copies: log.copies,
  };
  console.log(`  and only ${window.from} to ${window.to} (the bench log's events):`);
  const [windowed] = await runSuite({ ...context, log: bigLog, runs: 1, mtail: false, grep: false, window }, "postfix-smtp-status");
  big = { log: bigLog, whole: whole!, windowed: windowed!, window };
}

const failed = [...results, ...(big ? [big.whole, big.windowed] : [])].filter((r) => !r.ok);
if (args.only === undefined) {
  const cpu = cpus();
  const report = renderReport({
    machine: `${cpu.length} CPUs (${cpu[0]?.model.trim() ?? "unknown"})`,
    date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    versions: `Node ${process.version}; ${toolVersion("grep", ["--version"])} (LC_ALL=C); ${mtail ? toolVersion("mtail", ["--version"]).replace(/ git revision.*/, "") : "mtail not installed"}`,
    log,
    runs: args.runs,
    results,
    nodeMs,
    helpMs,
    smallQueryMs,
    startupRuns: args.startupRuns,
    big,
    load: `${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
  });
  writeResults(join(root, "bench", "RESULTS.md"), report);
  console.log("wrote bench/RESULTS.md");
}
if (failed.length > 0) {
  console.error(`output checks failed:\n${failed.map((r) => `  ${r.query} ${r.tool}: ${r.check}`).join("\n")}`);
  process.exitCode = 1;
}

/** The time of the first line of the example log (syslog, UTC). */
function firstTime(path: string, year: number): number {
  const stamp = readFileSync(path, "latin1").slice(0, 15);
  return Date.parse(`${stamp.slice(0, 6)} ${year} ${stamp.slice(7)} UTC`);
}

/** Whole lines of `text`, as many as fit in `bytes`. */
function firstLines(text: string, bytes: number): string {
  let end = 0;
  for (let next = text.indexOf("\n"); next !== -1 && next + 1 <= bytes; next = text.indexOf("\n", next + 1)) end = next + 1;
  return text.slice(0, end);
}
