// Prints the mutation score per folder from Stryker's JSON reports (one per run: the core's and the
// engine's, scripts/mutation-scope.mjs), counting as equivalent the surviving mutants listed in
// test/MUTATION.md, and exits 1 when a folder is under its target (issue 16) or a listed equivalent
// no longer matches a surviving mutant.
// Score = killed (or timed out) / (killed + timed out + survived + not covered), equivalents left out;
// static mutants the engine's run leaves out (stryker.engine.config.mjs) are counted apart.
import { existsSync, readFileSync } from "node:fs";
import { ENGINE_FOLDER, RUNS, SCORE_FOLDERS } from "./mutation-scope.mjs";

const LIST = "test/MUTATION.md";
/** The targets; folders without one are reported only. */
const TARGETS = { "src/pipeline/": 90, "src/state/": 90, "src/windows/": 90, "src/sinks/cloudwatch/": 90, "src/insights/": 85 };

const reports = RUNS.filter((run) => existsSync(run.report));
if (reports.length === 0) {
  console.error(`mutation-score: no ${RUNS.map((run) => run.report).join(" nor ")}; run npm run mutate first`);
  process.exit(2);
}
const equivalents = readEquivalents(existsSync(LIST) ? readFileSync(LIST, "utf8") : "");
const used = new Set();
const rows = new Map(
  SCORE_FOLDERS.map((folder) => [
    folder,
    { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, ignored: 0, other: 0 },
  ]),
);
const survivors = [];

for (const run of reports) {
  const report = JSON.parse(readFileSync(run.report, "utf8"));
  for (const [file, result] of Object.entries(report.files)) {
    const relative = file.replace(/^.*?(?=src\/)/, "");
    // Each file is scored from the run that mutates it (an older report may hold the other's files).
    if (relative.startsWith(ENGINE_FOLDER) !== (run.name === "engine")) continue;
    const folder = SCORE_FOLDERS.find((prefix) => relative.startsWith(prefix));
    if (folder !== undefined) count(rows.get(folder), relative, result);
  }
}

function count(row, relative, result) {
  for (const mutant of result.mutants) {
    row.mutants += 1;
    const original = originalText(result.source, mutant.location);
    const undetected = mutant.status === "Survived" || mutant.status === "NoCoverage";
    const listed = undetected ? equivalents.findIndex((entry) => matches(entry, relative, mutant, original)) : -1;
    if (listed >= 0) {
      used.add(listed);
      row.equivalent += 1;
    } else if (mutant.status === "Killed") row.killed += 1;
    else if (mutant.status === "Timeout") row.timeout += 1;
    else if (mutant.status === "Survived") row.survived += 1;
    else if (mutant.status === "NoCoverage") row.noCoverage += 1;
    else if (mutant.status === "Ignored") row.ignored += 1;
    else row.other += 1; // CompileError, RuntimeError: not in the score
    if (undetected && listed < 0)
      survivors.push(`${relative}:${mutant.location.start.line}  ${mutant.status}  ${oneLine(original)} → ${oneLine(mutant.replacement)}`);
  }
}

const header = ["folder", "mutants", "killed", "timeout", "survived", "no cov", "equiv.", "static", "score", "target"];
const table = [...rows]
  .filter(([, row]) => row.mutants > 0)
  .map(([folder, row]) => {
    const detected = row.killed + row.timeout;
    const valid = detected + row.survived + row.noCoverage;
    const score = valid === 0 ? 100 : (100 * detected) / valid;
    const target = TARGETS[folder];
    return {
      cells: [
        folder,
        row.mutants,
        row.killed,
        row.timeout,
        row.survived,
        row.noCoverage,
        row.equivalent,
        row.ignored,
        score.toFixed(2),
        target ?? "-",
      ],
      below: target !== undefined && score < target,
    };
  });
const widths = header.map((title, i) => Math.max(title.length, ...table.map(({ cells }) => String(cells[i]).length)));
const line = (cells) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join("  ");
console.log(`\nMutation score per folder (${reports.map((run) => run.report).join(", ")}; equivalents: ${LIST})`);
console.log(line(header));
for (const { cells, below } of table) console.log(`${line(cells)}${below ? "  BELOW TARGET" : ""}`);
if (survivors.length > 0 && process.argv.includes("--survivors"))
  console.log(`\nSurvivors not listed as equivalent:\n${survivors.join("\n")}`);

const stale = equivalents.filter((_, index) => !used.has(index));
for (const entry of stale)
  console.error(
    `mutation-score: ${LIST} lists ${entry.file}: ${entry.original} → ${entry.replacement}, which no surviving mutant matches; remove it`,
  );
const failed = table.some(({ below }) => below) || stale.length > 0;
process.exit(failed ? 1 : 0);

/** Rows of MUTATION.md's table of equivalents: | `file` | `original` → `replacement` | why |. */
function readEquivalents(text) {
  const entries = [];
  for (const row of text.split("\n")) {
    const match = /^\|\s*`([^`]+)`\s*\|\s*`(.+?)`\s*→\s*`(.*?)`\s*\|/.exec(row);
    // A | inside a cell is written \| (GitHub's tables), for a regex's alternatives.
    const cell = (text) => normalise(text.replaceAll("\\|", "|"));
    if (match !== null) entries.push({ file: match[1], original: cell(match[2]), replacement: cell(match[3]) });
  }
  return entries;
}

/** A listed original ending in "…" matches any original that starts with the rest. */
function matches(entry, file, mutant, original) {
  if (entry.file !== file || entry.replacement !== normalise(mutant.replacement)) return false;
  const text = normalise(original);
  return entry.original.endsWith("…") ? text.startsWith(entry.original.slice(0, -1)) : text === entry.original;
}

function originalText(source, { start, end }) {
  const lines = source.split("\n");
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  return [
    lines[start.line - 1].slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1].slice(0, end.column - 1),
  ].join("\n");
}

function normalise(text) {
  return text.replace(/\s+/g, " ").trim();
}

function oneLine(text) {
  const flat = normalise(text);
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}
