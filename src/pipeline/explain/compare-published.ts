// Whether the events explain found add up to what was published, window by window, and when not,
// why: a window not due yet or not published yet (it will be), lines that reached the log after
// their window was published (late lines: they are never counted), lines gone from the log since,
// or a point CloudWatch does not show yet. The reference is what CloudWatch holds (a cloudwatch
// sink and every dimension known), else what `run` publishes for the window: the publishing
// query's own result now, through the same source.
import { subtractIntervals, type Interval } from "../../windows/intervals.js";
import { isoTime } from "../../util/iso-time.js";

export type ReferenceKind = "cloudwatch" | "run";

export interface CompareInput {
  readonly windows: readonly Interval[];
  /** Window start → events explain found in it. */
  readonly events: ReadonlyMap<number, number>;
  readonly reference: ReferenceKind;
  /** Window start → the published value (cloudwatch: absent when CloudWatch shows no point). */
  readonly values: ReadonlyMap<number, number>;
  /** Windows the state says are published; null without a state (run prints every due window). */
  readonly publishedWindows: readonly Interval[] | null;
  /** End of the newest window a run at this time publishes (schedule/windows.ts lastDueEnd). */
  readonly dueEnd: number;
  readonly lag: number;
  /** Whether the value is the number of events (count(*)), so the two can be compared. */
  readonly comparable: boolean;
}

export type WindowStatus = "published" | "unpublished" | "not-due";

export interface WindowReport {
  readonly window: Interval;
  readonly events: number;
  readonly status: WindowStatus;
  /** The reference's value; null when CloudWatch shows no point, or the window is not published. */
  readonly published: number | null;
  /** Why the two differ, or what becomes of the window; absent when they agree. */
  readonly note?: string;
}

export interface Comparison {
  readonly reference: ReferenceKind;
  readonly comparable: boolean;
  /** Every event in the range. */
  readonly events: number;
  /** Events in the published windows, and the reference's sum over them. */
  readonly eventsPublished: number;
  readonly published: number;
  readonly publishedWindows: number;
  /** Every published window's value equals its events (when comparable). */
  readonly agrees: boolean;
  readonly windows: readonly WindowReport[];
}

export function comparePublished(input: CompareInput): Comparison {
  const windows = input.windows.map((window) => windowReport(input, window));
  const published = windows.filter((report) => report.status === "published");
  return {
    reference: input.reference,
    comparable: input.comparable,
    events: windows.reduce((sum, report) => sum + report.events, 0),
    eventsPublished: published.reduce((sum, report) => sum + report.events, 0),
    published: published.reduce((sum, report) => sum + (report.published ?? 0), 0),
    publishedWindows: published.length,
    agrees: input.comparable && published.every((report) => report.events === (report.published ?? 0)),
    windows,
  };
}

function windowReport(input: CompareInput, window: Interval): WindowReport {
  const events = input.events.get(window.from) ?? 0;
  if (window.to > input.dueEnd) {
    const note = `not due yet: run publishes it from ${isoTime(window.to + input.lag)} (end + schedule.lag)`;
    return { window, events, status: "not-due", published: null, note };
  }
  if (input.publishedWindows !== null && subtractIntervals(window, input.publishedWindows).length > 0) {
    return {
      window,
      events,
      status: "unpublished",
      published: null,
      note: "not published yet: the next run publishes it, or `state show` names the backfill that does",
    };
  }
  const value = input.values.get(window.from);
  const published = value ?? (input.reference === "run" ? 0 : null);
  const note = input.comparable ? difference(input.reference, events, published) : undefined;
  return { window, events, status: "published", published, ...(note === undefined ? {} : { note }) };
}

function difference(reference: ReferenceKind, events: number, published: number | null): string | undefined {
  if (reference === "run") {
    if (events === (published ?? 0)) return undefined;
    return `run counts ${published ?? 0} for it now, explain ${events}: lines reached the log between the two queries; if it persists, explain's query is not the metric's (a bug: please report it)`;
  }
  if (published === null) {
    return events === 0
      ? undefined
      : `CloudWatch shows no point for it: a new point can take minutes to show, or it was published with other dimensions or under an earlier definition`;
  }
  if (events > published)
    return `${events - published} more events than published: lines that reached the log after the window was published (late lines are never counted; see schedule.lag)`;
  if (events < published)
    return `${published - events} fewer events than published: lines gone from the log since (retention, rotation), or the window published twice (backfill --force)`;
  return undefined;
}
