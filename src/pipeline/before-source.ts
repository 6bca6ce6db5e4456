// Windows that end before the source's events begin (sources/source.ts, Coverage): the source
// cannot count them, so publishing them would put a 0 where mail may have been logged (in a
// rotated log the config leaves out). A backfill of such a range is refused before anything is
// written; a run leaves such windows owed, says so, and publishes them once the source holds their lines.
import { EXIT_CODES, exitCodeFor, UsageError } from "../errors.js";
import type { Coverage, Source } from "../sources/source.js";
import { isoTime } from "../util/iso-time.js";
import { clipIntervals, formatInterval, unionOf, windowCount, type Interval } from "../windows/intervals.js";
import { floorTo } from "../windows/windows.js";
import { backfillCommand, plural } from "./summary.js";

/** The windows a run leaves for the source's coverage to reach: those that end by the time its events begin. */
export interface BeforeSource {
  readonly windows: readonly Interval[];
  readonly coverage: Coverage;
}

/**
 * The source's coverage; undefined when it cannot be read now (a log file gone): then the query
 * fails with that error as it would have, after the windows are owed, and a later run publishes them.
 */
export async function coverageOf(source: Source): Promise<Coverage | undefined> {
  try {
    return await source.coverage?.();
  } catch (error) {
    if (exitCodeFor(error) === EXIT_CODES.runtime) return undefined;
    throw error;
  }
}

/** The start of the first window that can hold an event of the source (a window ending by `from` cannot). */
export function firstCoveredWindow(coverage: Coverage, period: number): number {
  return Number.isFinite(coverage.from) ? floorTo(coverage.from, period) : Number.POSITIVE_INFINITY;
}

/** The windows of `set` that end before the source's events begin. */
export function windowsBefore(set: readonly Interval[], coverage: Coverage | undefined, period: number): Interval[] {
  if (coverage === undefined) return [];
  return clipIntervals(set, { from: Number.NEGATIVE_INFINITY, to: firstCoveredWindow(coverage, period) });
}

const sourceText = (coverage: Coverage, configPath: string) => `${coverage.what} of ${configPath} ${coverage.where}`;

/** Why a backfill of `range` is refused, or undefined when the source covers all of it. */
export function backfillBeforeSource(range: Interval, coverage: Coverage | undefined, period: number, configPath: string) {
  if (windowsBefore([range], coverage, period).length === 0) return undefined;
  const first = firstCoveredWindow(coverage!, period);
  const start = Number.isFinite(first)
    ? first < range.to
      ? `, or backfill from the first window they cover:\n  ${backfillCommand(configPath, { from: first, to: range.to })}`
      : `, or backfill a range from ${isoTime(first)} on`
    : "";
  return new UsageError(
    `backfill --from ${isoTime(range.from)}: ${sourceText(coverage!, configPath)}, so the range's windows` +
      `${Number.isFinite(first) ? ` before ${isoTime(first)}` : ""} would be published as 0 whatever was logged in them. ` +
      `Nothing was published. ${capitalise(coverage!.fix)}${start}`,
  );
}

/** The run's one warning for every query's windows left owed before the source. */
export function beforeSourceWarning(reports: readonly { name: string; beforeSource?: BeforeSource }[], period: number, configPath: string) {
  const left = reports.filter((report) => (report.beforeSource?.windows.length ?? 0) > 0);
  if (left.length === 0) return undefined;
  const windows = unionOf(...left.map((report) => report.beforeSource!.windows));
  const { coverage } = left[0]!.beforeSource!;
  return (
    `not published: ${plural(windowCount(windows, period), "window")} ${windows.map(formatInterval).join(", ")} of ` +
    `${left.map((report) => report.name).join(", ")}: ${sourceText(coverage, configPath)}, so these windows would be ` +
    `published as 0 whatever was logged in them. They stay owed, and every run leaves them so until the source holds ` +
    `their lines: ${coverage.fix}, and the next run publishes them (a backfill those more than schedule.maxCatchUp behind)`
  );
}

/** The same fact in a query's summary line. */
export function beforeSourceClause(before: BeforeSource, period: number): string {
  const { windows, coverage } = before;
  return `left owed ${plural(windowCount(windows, period), "window")} ${windows.map(formatInterval).join(", ")}: ${coverage.what} ${coverage.where}`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
