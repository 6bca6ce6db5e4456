// `npm run bench`: mail-metrics against grep -cE (the scan floor) and mtail on two large logs made
// from real Postfix output, all queries in one run against one, a cron-style run owing one window
// of a large live log, and peak memory at two sizes; every output is checked against counts derived
// from the source logs' expected counts. See bench/RESULTS.md for the figures and what limits them.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { allQueries } from "./all-queries.js";
import { parseBenchArgs } from "./args.js";
import { cronWindow } from "./cron-window.js";
import { loadExpected } from "./expected.js";
import { makeBenchLog, type BenchLog } from "./make-log.js";
import { renderReport, writeResults, type LogResults, type MemoryRun, type Report } from "./results-md.js";
import { startupMs } from "./startup.js";
import { runSuite, type SuiteContext } from "./suite.js";
import { ensureTool, toolVersion } from "./tools.js";

// npm runs scripts from the package root; the compiled bench lives in node_modules/.cache.
const root = process.cwd();
const args = parseBenchArgs(process.argv.slice(2));
const dataDir = join(root, "bench", "data");
mkdirSync(dataDir, { recursive: true });

if (!ensureTool("time", "time", "/usr/bin/time")) throw new Error("GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time");
const mtail = ensureTool("mtail", "mtail");
if (!mtail) console.log("mtail is not installed (apt-get install mtail): its runs are skipped");

const MIB = 1024 ** 2;
const expected = loadExpected(join(root, "examples", "maillog.expected.json"));
const second = loadExpected(join(root, "bench", "maillog-deferrals.expected.json"));
const queries = args.only === undefined ? expected.queries : [args.only];
const source = join(root, "examples", "maillog");
const secondSource = join(root, "bench", "maillog-deferrals");
const loadAtStart = loadavg()[0]!;

console.log(`building the bench logs (${(args.sizeBytes / MIB).toFixed(0)} MiB each) in bench/data/`);
const log = makeBenchLog(source, dataDir, args.sizeBytes, expected.year, expected.binMs);
const secondLog = makeBenchLog(secondSource, dataDir, args.sizeBytes, second.year, second.binMs, "rfc3339");
const context: SuiteContext = { root, log, expected, runs: args.runs, mtail, referenceDir: join(dataDir, "reference") };

const logs: LogResults[] = [];
const suites = [
  { label: "copies of examples/maillog, syslog stamps", short: "bench log", ctx: context },
  {
    label: "copies of bench/maillog-deferrals (more deferrals and bounces, long replies), RFC 3339 stamps",
    short: "second log",
    ctx: { ...context, log: secondLog, expected: second },
  },
];
for (const { label, short, ctx } of suites) {
  console.log(`${ctx.log.path}:`);
  const results = [];
  for (const query of queries) {
    console.log(`${query}:`);
    results.push(...(await runSuite(ctx, query)));
  }
  logs.push({ label, short, log: ctx.log, results });
  if (args.only !== undefined) break;
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

let extra: Pick<Report, "all" | "cron" | "memory"> | undefined;
if (args.only === undefined) {
  console.log("all queries in one run against each alone:");
  const all = await allQueries(root, dataDir, log, expected, args.runs);
  for (const r of all)
    console.log(`  ${r.label.padEnd(24)} ${(r.wallMs / 1000).toFixed(2)} s  cpu ${(r.cpuMs / 1000).toFixed(2)} s  ${r.check}`);

  let cron: Report["cron"];
  const memory: MemoryRun[] = [];
  if (args.cronBytes > 0) {
    console.log(`cron-style run: building the ${(args.cronBytes / 1024 ** 3).toFixed(1)} GiB log`);
    const cronLog = makeBenchLog(source, dataDir, args.cronBytes, expected.year, expected.binMs);
    cron = await cronWindow(root, dataDir, cronLog, expected, "syslog", Math.max(args.runs, 5));
    console.log(
      `  window ${new Date(cron.window.from).toISOString()}: ${cron.bigMs.toFixed(0)} ms on the big log, ${cron.ownMs.toFixed(0)} ms on its own lines; ${cron.check}`,
    );
    if (!args.keep) rmSync(cronLog.path, { force: true });
  }
  // Memory: whole and windowed at the bench log's size and at the big size.
  memory.push(...(await memoryRuns(context, log, "syslog")));
  if (args.bigBytes > 0) {
    console.log(`memory: building the ${(args.bigBytes / 1024 ** 3).toFixed(1)} GiB log (RFC 3339 stamps: it runs into the next year)`);
    const bigLog = makeBenchLog(source, dataDir, args.bigBytes, expected.year, expected.binMs, "rfc3339");
    memory.push(...(await memoryRuns(context, bigLog, "rfc3339", log)));
    if (!args.keep) rmSync(bigLog.path, { force: true });
  }
  extra = { all, cron, memory };
}

const failed = [
  ...logs
    .flatMap((l) => l.results)
    .filter((r) => !r.ok)
    .map((r) => `${r.query} ${r.tool}: ${r.check}`),
  ...(extra?.all ?? []).filter((r) => !r.ok).map((r) => `all queries (${r.label}): ${r.check}`),
  ...(extra?.cron !== undefined && !extra.cron.ok ? [`cron-style run: ${extra.cron.check}`] : []),
  ...(extra?.memory ?? []).filter((r) => !r.result.ok).map((r) => `memory ${r.label}: ${r.result.check}`),
];
if (args.only === undefined) {
  const cpu = cpus();
  const report = renderReport({
    machine: `${cpu.length} CPUs (${cpu[0]?.model.trim() ?? "unknown"})`,
    date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    versions: `Node ${process.version}; ${toolVersion("grep", ["--version"])} (LC_ALL=C); ${mtail ? toolVersion("mtail", ["--version"]).replace(/ git revision.*/, "") : "mtail not installed"}`,
    logs,
    runs: args.runs,
    nodeMs,
    helpMs,
    smallQueryMs,
    startupRuns: args.startupRuns,
    load: `${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
    ...extra!,
  });
  writeResults(join(root, "bench", "RESULTS.md"), report);
  console.log("wrote bench/RESULTS.md");
}
if (failed.length > 0) {
  console.error(`output checks failed:\n${failed.map((line) => `  ${line}`).join("\n")}`);
  process.exitCode = 1;
}

/** postfix-smtp-status once over `big`: whole, and with --from/--to over the events of `window` (default: the first tenth of `big`). */
async function memoryRuns(ctx: SuiteContext, big: BenchLog, stamps: string, window?: BenchLog): Promise<MemoryRun[]> {
  const copies = window?.copies ?? Math.max(1, Math.floor(big.copies / 10));
  const range = { from: new Date(big.firstTime).toISOString(), to: new Date(big.firstTime + copies * big.shiftMs).toISOString(), copies };
  const label = `${(big.bytes / MIB).toFixed(0)} MiB (${stamps})`;
  console.log(`memory, ${label}: whole, then ${range.from} to ${range.to}`);
  const [whole] = await runSuite({ ...ctx, log: big, runs: 1, mtail: false, grep: false }, "postfix-smtp-status");
  const [windowed] = await runSuite({ ...ctx, log: big, runs: 1, mtail: false, grep: false, window: range }, "postfix-smtp-status");
  return [
    { label: `${label}, whole`, log: big, result: whole! },
    { label: `${label}, ${copies} copies' events (--from/--to)`, log: big, result: windowed! },
  ];
}

/** Whole lines of `text`, as many as fit in `bytes`. */
function firstLines(text: string, bytes: number): string {
  let end = 0;
  for (let next = text.indexOf("\n"); next !== -1 && next + 1 <= bytes; next = text.indexOf("\n", next + 1)) end = next + 1;
  return text.slice(0, end);
}
