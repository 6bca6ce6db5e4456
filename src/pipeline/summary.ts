// The one-line-per-query summary a run prints, and the texts for holes and lost windows that `run`
// (summary and stderr) and `state show` share, so they name the same ranges and commands.
import { formatInterval, windowCount, type Interval } from "../windows/intervals.js";
import { isoTime } from "../util/iso-time.js";
import { formatScanCost } from "./cost.js";
import type { SeriesReport } from "./run-series.js";

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function summaryLine(report: SeriesReport, period: number, verb = "published", configPath = ""): string {
  const windows = (report.range.to - report.range.from) / period;
  const filled = report.filled ?? [];
  const parts: string[] = [];
  if (windows > 0) {
    // A backfill leaves published windows alone: say so, or "backfilled 2 windows" would read as re-published.
    const left = report.alreadyPublished ?? 0;
    const done = report.windowsDone ?? windows;
    const count = done < windows ? `${done} of ${plural(windows, "window")}` : plural(windows, "window");
    const note = left > 0 ? ` (${left} already published; --force publishes them again)` : "";
    parts.push(
      `${verb} ${count} ${formatInterval(report.range)}${note}: ${plural(report.publish.datums, "datum")} in ` +
        `${plural(report.publish.batches, "batch", "batches")}`,
    );
  } else if (filled.length > 0) {
    parts.push(`${verb} no new window: ${plural(report.publish.datums, "datum")} in ${plural(report.publish.batches, "batch", "batches")}`);
  } else if (report.publish.datums > 0) {
    parts.push(`finished an earlier run's work: ${plural(report.publish.datums, "datum")}`);
  } else {
    parts.push("no new window due");
  }
  if (windows > 0 || filled.length > 0)
    parts.push(`${plural(report.query.queries, "query", "queries")}, ${formatScanCost(report.query.bytesScanned)}`);
  if (report.continues !== undefined) {
    parts.push(
      `the query's definition changed: continues after ${isoTime(report.continues)}, where the earlier definition stopped (a ` +
        `backfill --force publishes earlier windows with the new one)`,
    );
  }
  if (filled.length > 0)
    parts.push(`also ${verb} ${filled.map(formatInterval).join(", ")}, owed since an earlier run or backfill that did not finish`);
  if ((report.query.incompleteRows ?? 0) > 0)
    parts.push(incompleteRowsClause(report.query.incompleteRows!, report.query.incompleteFields ?? []));
  if (report.publish.expired > 0)
    parts.push(`${plural(report.publish.expired, "datum")} older than the destination accepts (two weeks) dropped unpublished`);
  for (const hole of report.holes ?? []) parts.push(`not published: ${holeText(hole, period, configPath)}`);
  if (report.pending > 0) parts.push(`${plural(report.pending, "datum")} of unknown fate await read-back on a later run`);
  parts.push(...readBackClauses(report.publish.readBack, verb));
  if (report.interrupted) parts.push("interrupted before the end; the next run resumes");
  return `${report.name}: ${parts.join("; ")}`;
}

/**
 * What read-back settled: datums found (landed after all) and datums re-sent as missing. Datums
 * still waiting to become visible are in the "await read-back" clause.
 */
function readBackClauses(readBack: SeriesReport["publish"]["readBack"], verb: string): string[] {
  const clauses: string[] = [];
  if (readBack.found > 0)
    clauses.push(
      `found ${readBack.found} of ${plural(readBack.checked, "datum")} of unknown fate${readBack.found === readBack.checked ? ": settled" : ""}`,
    );
  const resent = verb === "published" || verb === "backfilled" ? "re-sent" : "would be re-sent";
  if (readBack.resent > 0) clauses.push(`${plural(readBack.resent, "datum")} ${resent} after read-back`);
  return clauses;
}

/** The summary line's figures, for --log-format json. */
export function summaryFields(report: SeriesReport, period: number): Record<string, unknown> {
  const { range, publish, query } = report;
  return {
    windows: (range.to - range.from) / period,
    ...(range.to > range.from ? { from: isoTime(range.from), to: isoTime(range.to) } : {}),
    datums: publish.datums,
    batches: publish.batches,
    queries: query.queries,
    bytesScanned: query.bytesScanned,
    pending: report.pending,
    ...(publish.readBack.checked > 0 ? { readBack: { ...publish.readBack } } : {}),
    ...(publish.expired > 0 ? { expired: publish.expired } : {}),
    ...((report.holes ?? []).length > 0
      ? { holes: report.holes!.map((hole) => ({ from: isoTime(hole.from), to: isoTime(hole.to) })) }
      : {}),
  };
}

/** Result rows left out for lacking a field the mapping reads (metrics/to-datums.ts). */
export function incompleteRowsClause(rows: number, fields: readonly string[]): string {
  return `${plural(rows, "result row")} without ${fields.join(" or ")} gave no datum`;
}

/** The same, where a query is being written: how to leave such rows out when the nulls are the data's own. */
export function incompleteRowsNote(name: string, rows: number, fields: readonly string[]): string {
  return (
    `${name}: ${incompleteRowsClause(rows, fields)}; if those fields are null in the data, filter such rows out in the ` +
    `query, e.g. | filter ispresent(${fields[0]})`
  );
}

/** The command that publishes `range`. */
export function backfillCommand(configPath: string, range: Interval): string {
  return `mail-metrics backfill --config ${configPath} --from ${isoTime(range.from)} --to ${isoTime(range.to)}`;
}

/** An owed window range beyond schedule.maxCatchUp, with the command that publishes it. */
export function holeText(hole: Interval, period: number, configPath: string): string {
  return (
    `${formatInterval(hole)} (${plural(windowCount([hole], period), "window")}, more than schedule.maxCatchUp behind; ` +
    `publish it with: ${backfillCommand(configPath, hole)})`
  );
}

/** Owed windows that became too old to publish before all their datums were. */
export function lostText(lost: readonly Interval[], period: number): string {
  const windows = plural(windowCount(lost, period), "window");
  return (
    `${lost.map(formatInterval).join(", ")} (${windows}, not published in full before they became older than the two weeks ` +
    `CloudWatch accepts)`
  );
}
