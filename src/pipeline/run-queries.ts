// A cron run of every query of a config: each series' run (run-series.ts), then what to tell the
// user and the exit code. A dry run is this same code with a state that is not written and a sink
// that prints, so it shows exactly what a run would publish.
import { EXIT_CODES, exitCodeFor } from "../errors.js";
import { formatInterval, minusIntervals } from "../windows/intervals.js";
import { unsettledOwed } from "../state/owed-windows.js";
import { PublishError } from "../sinks/sink.js";
import { isoTime } from "../util/iso-time.js";
import { pendingDatums, type SeriesState } from "../state/series.js";
import { runSeries, type RunSeriesDeps, type SeriesJob, type SeriesReport } from "./run-series.js";
import { holeText, lostText, plural, summaryFields, summaryLine } from "./summary.js";
import { beforeSourceClause, beforeSourceWarning } from "./before-source.js";

/** A line for the user: `info` goes with the summary, `warn` to stderr (prefixed "mail-metrics: "). */
export interface Line {
  readonly to: "info" | "warn";
  readonly text: string;
  /** A failure (it sets a non-zero exit code), not a warning or a summary. */
  readonly severity?: "error";
  /** A failed query's outcome, said with the summary as well as on stderr: cli/log.ts. */
  readonly outcome?: true;
  /** The query it is about. */
  readonly query?: string;
  /** Figures for --log-format json. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

export interface Said {
  readonly lines: readonly Line[];
  readonly code: number;
}

/** What a run says, and what its queries scanned (for the heartbeat). */
export interface RunSaid extends Said {
  readonly bytesScanned: number;
}

export interface RunQueriesOptions {
  readonly dryRun: boolean;
  /** The config path as the user wrote it, for the backfill commands given. */
  readonly configPath: string;
  /** Added to every summary line (where the state is, when that is worth saying on every run). */
  readonly stateNote?: string;
  /** The signal name that interrupted the run, if any. */
  readonly interruptedBy: () => string | null;
}

export async function runQueries(deps: RunSeriesDeps, jobs: readonly SeriesJob[], options: RunQueriesOptions): Promise<RunSaid> {
  const outcomes = await Promise.allSettled(jobs.map((job) => runSeries(deps, job)));
  const lines: Line[] = jobs.flatMap((job) =>
    deps.state.unfinishedByOthers(job.key, job.query.name).map((series) => warn(orphanWarning(series), job.query.name)),
  );
  let code = 0;
  const fail = (name: string, error: unknown, report?: SeriesReport, next = "") => {
    // A bug is not one query's runtime failure: let main report it with its stack (exit 70).
    if (exitCodeFor(error) === EXIT_CODES.internal) throw error;
    code = Math.max(code, exitCodeFor(error));
    const message = `${error instanceof Error ? error.message : String(error)}${next}`;
    lines.push(failureOutcome(name, message, report), { to: "warn", text: message, severity: "error", query: name });
  };
  for (const [i, outcome] of outcomes.entries()) {
    const name = jobs[i]!.query.name;
    if (outcome.status === "rejected") {
      fail(name, outcome.reason);
      continue;
    }
    const report = outcome.value;
    const said = reportLines(report, deps.windows.period, options);
    lines.push(...said.lines);
    code = Math.max(code, said.code);
    if (report.failure === undefined) continue;
    // A query cut short by the signal is not a failure of its own: the "stopped by" line says why.
    if (cutShortBy(report.failure, deps.signal))
      lines.push(info(`${name}: stopped while querying; nothing of this run published for it, the next run does it`, name));
    else fail(name, report.failure, report, report.failure instanceof PublishError ? "" : whatNextRunDoes(deps, jobs[i]!, report));
  }
  // One warning for every query: they read the same source.
  const reports = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
  const before = beforeSourceWarning(reports, deps.windows.period, options.configPath);
  if (before !== undefined) lines.push(warn(before));
  const interruptedBy = options.interruptedBy();
  if (interruptedBy !== null) {
    lines.push({
      to: "warn",
      severity: "error",
      text: `stopped by ${interruptedBy}: running queries were stopped and the state saved; the next run continues from there`,
    });
    code = 1;
  }
  const bytesScanned = outcomes.reduce((sum, outcome) => sum + (outcome.status === "fulfilled" ? outcome.value.query.bytesScanned : 0), 0);
  return { lines, code, bytesScanned };
}

/**
 * A failed query's one-line outcome, said where its summary line would have been (the cron log) as
 * well as its error on stderr: what it did before the failure, then the error.
 */
function failureOutcome(name: string, message: string, report: SeriesReport | undefined): Line {
  const done =
    report === undefined || report.publish.datums === 0
      ? ""
      : ` after publishing ${plural(report.publish.datums, "datum")} in ${plural(report.publish.batches, "batch", "batches")}`;
  return { to: "info", text: `${name}: failed${done}: ${message}`, severity: "error", outcome: true, query: name };
}

/** What one series' report says: its summary line (unless it failed), then its warnings. */
function reportLines(report: SeriesReport, period: number, options: RunQueriesOptions): Said {
  const warnings = warningsOf(report, period, options.configPath);
  if (report.failure !== undefined) return warnings;
  const published = summaryLine(report, period, options.dryRun ? "would publish" : "published", options.configPath);
  const line = report.beforeSource === undefined ? published : `${published}; ${beforeSourceClause(report.beforeSource, period)}`;
  const summary: Line = {
    ...info(options.stateNote === undefined ? line : `${line}; ${options.stateNote}`, report.name),
    fields: { ...summaryFields(report, period), ...beforeSourceFields(report) },
  };
  return { lines: [summary, ...warnings.lines], code: warnings.code };
}

/** The windows left owed before the source, for --log-format json. */
function beforeSourceFields(report: SeriesReport): Record<string, unknown> {
  const windows = report.beforeSource?.windows ?? [];
  return windows.length === 0 ? {} : { beforeSource: windows.map((range) => ({ from: isoTime(range.from), to: isoTime(range.to) })) };
}

/** A series' warnings: holes not reported before, windows found lost (exit 1, once), batches that could not be settled (exit 1). */
export function warningsOf(report: SeriesReport, period: number, configPath: string): Said {
  const lines: Line[] = [];
  let code = 0;
  for (const hole of report.newHoles ?? [])
    lines.push(warn(`${report.name}: not published: ${holeText(hole, period, configPath)}`, report.name));
  const lost = report.newlyLost ?? [];
  if (lost.length > 0) {
    // Reported once: the state records the windows as lost, and later runs do not name them again.
    lines.push({ ...warn(`${report.name}: lost: ${lostText(lost, period)}`, report.name), severity: "error" });
    code = EXIT_CODES.runtime;
  }
  if (report.settleFailure !== undefined) {
    const text = `${report.name}: could not settle the datums of unknown fate, which stay pending for the next run: ${report.settleFailure}`;
    lines.push({ ...warn(text, report.name), severity: "error" });
    code = EXIT_CODES.runtime;
  }
  return { lines, code };
}

/**
 * After a failed query, what the next run does: the failure's own message knows the window it was
 * for, not what the series owes. (A failed PutMetricData says itself what becomes of its batch.)
 */
function whatNextRunDoes(deps: RunSeriesDeps, job: SeriesJob, report: SeriesReport): string {
  const owed = unsettledOwed(deps.state.series(job.key, job.query.name, job.identity), deps.state.earlier(job.key, job.query.name));
  // Those before the source's first line wait for it (its own warning says so).
  const open = minusIntervals(owed, report.beforeSource?.windows ?? []);
  return open.length === 0 ? "" : `; ${job.query.name} owes the windows from ${isoTime(open[0]!.from)} on: the next run tries them again`;
}

const info = (text: string, query?: string): Line => ({ to: "info", text, ...(query === undefined ? {} : { query }) });
const warn = (text: string, query?: string): Line => ({ to: "warn", text, ...(query === undefined ? {} : { query }) });

/** Whether `error` is (or wraps) the interruption itself: a wait rejected with the signal's reason, or an aborted SDK call. */
function cutShortBy(error: unknown, signal: AbortSignal): boolean {
  if (!signal.aborted) return false;
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (e === signal.reason || e.name === "AbortError") return true;
  return false;
}

/**
 * An earlier definition of a query left a plan or batches of unknown fate. The new definition
 * publishes none of those windows (their batches may have landed), and only the earlier one can
 * finish them: say so on every run until it has.
 */
function orphanWarning(series: SeriesState): string {
  const work = [
    ...(series.plan === null ? [] : [`windows ${formatInterval(series.plan.range)} part-published`]),
    ...(series.uncertain.length === 0 ? [] : [`${pendingDatums(series)} datums of unknown fate`]),
  ].join(" and ");
  return (
    `${series.query}: its earlier definition (identity ${series.identity}) left ${work}, which the current definition does not ` +
    "publish again; to finish them, run once with the earlier definition restored, then switch back"
  );
}
