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
/** The files some report scored: a listed equivalent of another file is not judged stale. */
const scored = new Set();
const emptyRow = () => ({ mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, ignored: 0, other: 0 });
const rows = new Map(SCORE_FOLDERS.map((folder) => [folder, emptyRow()]));
/** The engine's folders, shown under its line (its target is for the whole). */
const engineParts = new Map();
const survivors = [];

for (const run of reports) {
  const report = JSON.parse(readFileSync(run.report, "utf8"));
  for (const [file, result] of Object.entries(report.files)) {
    const relative = file.replace(/^.*?(?=src\/)/, "");
    // Each file is scored from the run that mutates it (an older report may hold the other's files).
    if (relative.startsWith(ENGINE_FOLDER) !== (run.name === "engine")) continue;
    const folder = SCORE_FOLDERS.find((prefix) => relative.startsWith(prefix));
    if (folder === undefined) continue;
    const counted = [rows.get(folder)];
    if (folder === ENGINE_FOLDER) {
      const part = /^src\/insights\/[^/]+\//.exec(relative)?.[0] ?? `${ENGINE_FOLDER}*.ts`;
      if (!engineParts.has(part)) engineParts.set(part, emptyRow());
      counted.push(engineParts.get(part));
    }
    count(counted, relative, result);
  }
}

/** Adds the file's mutants to each of `counted` (its folder's row, and an engine folder's). */
function count(counted, relative, result) {
  scored.add(relative);
  const add = (key) => {
    for (const row of counted) row[key] += 1;
  };
  for (const mutant of result.mutants) {
    add("mutants");
    const original = originalText(result.source, mutant.location);
    const undetected = mutant.status === "Survived" || mutant.status === "NoCoverage";
    // A listed equivalent the run left out (a static mutant under --ignoreStatic) is not stale either.
    const match =
      undetected || mutant.status === "Ignored" ? equivalents.findIndex((entry) => matches(entry, relative, mutant, original)) : -1;
    if (match >= 0) used.add(match);
    const listed = undetected ? match : -1;
    if (listed >= 0) {
      add("equivalent");
    } else if (mutant.status === "Killed") add("killed");
    else if (mutant.status === "Timeout") add("timeout");
    else if (mutant.status === "Survived") add("survived");
    else if (mutant.status === "NoCoverage") add("noCoverage");
    else if (mutant.status === "Ignored") add("ignored");
    else add("other"); // CompileError, RuntimeError: not in the score
    if (undetected && listed < 0)
      survivors.push(`${relative}:${mutant.location.start.line}  ${mutant.status}  ${oneLine(original)} → ${oneLine(mutant.replacement)}`);
  }
}

const header = ["folder", "mutants", "killed", "timeout", "survived", "no cov", "equiv.", "static", "score", "target"];
const parts = [...engineParts].sort(([a], [b]) => a.localeCompare(b)).map(([part, row]) => [`  ${part}`, row]);
const table = [...rows]
  .flatMap((entry) => (entry[0] === ENGINE_FOLDER ? [entry, ...parts] : [entry]))
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

const stale = equivalents.filter((entry, index) => !used.has(index) && scored.has(entry.file));
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
    // A `|` in code is written `\|`, or it would end the table's cell.
    const code = (text) => normalise(text.replaceAll("\\|", "|"));
    if (match !== null) entries.push({ file: match[1], original: code(match[2]), replacement: code(match[3]) });
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
