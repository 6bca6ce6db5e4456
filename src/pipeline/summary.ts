// The one-line-per-query summary a run prints, and the warnings that go to stderr.
import { formatInterval, type Interval } from "../schedule/intervals.js";
import { isoTime } from "../util/iso-time.js";
import { formatScanCost } from "./cost.js";
import type { SeriesReport } from "./run-series.js";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function summaryLine(report: SeriesReport, period: number, verb = "published"): string {
  const windows = (report.range.to - report.range.from) / period;
  const parts: string[] = [];
  if (windows > 0) {
    // A backfill leaves published windows alone: say so, or "backfilled 2 windows" would read as re-published.
    const left = report.alreadyPublished ?? 0;
    const done = report.windowsDone ?? windows;
    const count = done < windows ? `${done} of ${plural(windows, "window")}` : plural(windows, "window");
    const earlier = report.publishedEarlier ?? 0;
    const note =
      left > 0 ? ` (${left} already published; --force publishes them again)` : earlier > 0 ? ` (${earlier} left alone: an earlier definition of the query published them)` : "";
    parts.push(`${verb} ${count} ${formatInterval(report.range)}${note}: ${plural(report.publish.datums, "datum")} in ${plural(report.publish.batches, "batch", "batches")}`);
    parts.push(`${plural(report.query.queries, "query", "queries")}, ${formatScanCost(report.query.bytesScanned)}`);
  } else if (report.publish.datums > 0) {
    parts.push(`finished an earlier run's work: ${plural(report.publish.datums, "datum")}`);
  } else {
    parts.push("no new window due");
  }
  if (report.continues !== undefined) {
    parts.push(`the query's definition changed: continues after ${isoTime(report.continues)}, where the earlier definition stopped (a backfill --force publishes earlier windows with the new one)`);
  }
  const filled = report.filled ?? [];
  if (filled.length > 0) parts.push(`also published ${filled.map(formatInterval).join(", ")}, left unpublished behind a backfill`);
  if ((report.query.incompleteRows ?? 0) > 0) parts.push(incompleteRowsClause(report.query.incompleteRows!, report.query.incompleteFields ?? []));
  if (report.publish.expired > 0) parts.push(`${plural(report.publish.expired, "datum")} older than the destination accepts (two weeks) dropped unpublished`);
  if (report.pending > 0) parts.push(`${plural(report.pending, "datum")} of unknown fate await read-back on a later run`);
  if (report.interrupted) parts.push("interrupted before the end; the next run resumes");
  return `${report.name}: ${parts.join("; ")}`;
}

/** Result rows left out for lacking a field the mapping reads (metrics/to-datums.ts). */
export function incompleteRowsClause(rows: number, fields: readonly string[]): string {
  return `${plural(rows, "result row")} without ${fields.join(" or ")} gave no datum`;
}

/** The same, where a query is being written: how to leave such rows out when the nulls are the data's own. */
export function incompleteRowsNote(name: string, rows: number, fields: readonly string[]): string {
  return `${name}: ${incompleteRowsClause(rows, fields)}; if those fields are null in the data, filter such rows out in the query, e.g. | filter ispresent(${fields[0]})`;
}

/**
 * The skipped range, with the backfill command that publishes it; `oldest` is the first window the
 * destination still takes in the coming hour (undefined: no limit), so the command given works.
 */
export function skippedWarning(name: string, skipped: Interval, period: number, configPath: string, oldest?: number): string {
  const head = `${name}: skipped ${formatInterval(skipped)} (${plural((skipped.to - skipped.from) / period, "window")}), more than schedule.maxCatchUp behind`;
  const command = (from: number) => `mail-metrics backfill --config ${configPath} --from ${isoTime(from)} --to ${isoTime(skipped.to)}`;
  if (oldest === undefined || oldest <= skipped.from) return `${head}; publish it with: ${command(skipped.from)}`;
  const lost = `${formatInterval({ from: skipped.from, to: Math.min(oldest, skipped.to) })} is older than the two weeks CloudWatch accepts and can no longer be published`;
  if (oldest >= skipped.to) return `${head}; ${lost}`;
  return `${head}; ${lost}; publish the rest with: ${command(oldest)}`;
}
