// The jobs engine-worker.mjs runs and what it answers (the worker is plain JS; these are its types).
import type { LogEvent } from "../../src/insights/types.js";

export interface QueriesJob {
  readonly type: "queries";
  readonly cases: readonly string[];
  readonly events: readonly LogEvent[];
}

/** Per case: the query compiled and ran, or threw a QuerySyntaxError, or anything else (a crash). */
export type QueryOutcome = { readonly ms: number } & (
  | { readonly kind: "result"; readonly rows: number }
  | {
      readonly kind: "syntax-error";
      readonly phase: Phase;
      readonly code: string;
      readonly line: number;
      readonly column: number;
      readonly message: string;
    }
  | { readonly kind: "crash"; readonly phase: Phase; readonly message: string }
);
type Phase = "compile" | "execute";

/** How the time per line grows with the line: see `scaling` in engine-worker.mjs. */
export interface Scaling {
  /** Best CPU time (ms) per line at each size. */
  readonly times: readonly number[];
  /** Best time at the largest size over best time at the one before. */
  readonly ratio: number;
}

/** Each regex's exec on each family of lines (one line per size, ascending): regexes outer, families inner. */
export interface RegexTimesJob {
  readonly type: "regexTimes";
  readonly regexes: readonly { readonly source: string; readonly flags: string }[];
  readonly families: readonly (readonly string[])[];
  readonly samples: number;
  readonly minBatchMs: number;
}

/** Each query run over one event holding each line: queries outer, families inner. */
export interface QueryTimesJob {
  readonly type: "queryTimes";
  readonly queries: readonly string[];
  readonly families: readonly (readonly string[])[];
  readonly samples: number;
  readonly minBatchMs: number;
}

export type EngineJob = QueriesJob | RegexTimesJob | QueryTimesJob;
export type JobResult<J extends EngineJob> = J extends QueriesJob ? QueryOutcome[] : Scaling[];
