// `backfill` over every query of a config: each query's series owes the range before any query
// starts, so a backfill cut short (a failure, a signal, a kill) leaves every query's part of the
// range either published or a hole that later runs publish (within schedule.maxCatchUp) or name.
import type { Interval } from "../windows/intervals.js";
import type { EarlierDefinitions } from "../state/owed-windows.js";
import { frontierOf, owe, type SeriesState } from "../state/series.js";
import { backfillSeries, type BackfillOptions } from "./backfill-series.js";
import { backfillBeforeSource, coverageOf } from "./before-source.js";
import { warningsOf, type Line, type Said } from "./run-queries.js";
import type { RunSeriesDeps, SeriesJob, SeriesReport } from "./run-series.js";
import { summaryFields, summaryLine } from "./summary.js";

export interface BackfillQueriesOptions extends BackfillOptions {
  readonly dryRun: boolean;
  /** The config path as the user wrote it, for the commands a refusal gives. */
  readonly configPath: string;
  /** The signal name that interrupted the backfill, if any. */
  readonly interruptedBy: () => string | null;
}

export async function backfillQueries(deps: RunSeriesDeps, jobs: readonly SeriesJob[], options: BackfillQueriesOptions): Promise<Said> {
  // Before the state owes anything: a refused backfill leaves no trace.
  const refused = backfillBeforeSource(options.range, await coverageOf(deps.source), deps.windows.period, options.configPath);
  if (refused !== undefined) throw refused;
  for (const job of jobs) {
    const series = deps.state.series(job.key, job.query.name, job.identity);
    deps.state.update(job.key, owe(series, owedByBackfill(options.range, series, deps.state.earlier(job.key, job.query.name))));
  }
  const reports: SeriesReport[] = [];
  for (const job of jobs) {
    if (deps.signal.aborted) break;
    reports.push(await backfillSeries(deps, job, options));
  }
  const verb = options.dryRun ? "would backfill" : "backfilled";
  const lines: Line[] = [];
  let code = 0;
  for (const report of reports) {
    const warnings = warningsOf(report, deps.windows.period, "");
    const fields = summaryFields(report, deps.windows.period);
    lines.push({ to: "info", text: summaryLine(report, deps.windows.period, verb), query: report.name, fields }, ...warnings.lines);
    code = Math.max(code, warnings.code);
  }
  const interruptedBy = options.interruptedBy();
  if (interruptedBy === null) return { lines, code };
  lines.push({
    to: "warn",
    severity: "error",
    text: `stopped by ${interruptedBy}; the state is saved and the same backfill command resumes it`,
  });
  return { lines, code: 1 };
}

/**
 * A backfill owes its range; one ahead of the query's newest owed window owes the windows between
 * too, because runs continue after the backfill's end and would otherwise never publish them.
 */
function owedByBackfill(range: Interval, series: SeriesState, earlier: EarlierDefinitions): Interval {
  const frontiers = [frontierOf(series), earlier.frontier].filter((end) => end !== null);
  const frontier = frontiers.length === 0 ? null : Math.max(...frontiers);
  return frontier !== null && frontier < range.from ? { from: frontier, to: range.to } : range;
}
