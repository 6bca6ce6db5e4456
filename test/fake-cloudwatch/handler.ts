// What every operation handler gets: the decoded request and the stand-in's state.
import type { Faults } from "./faults.js";
import type { Input } from "./input.js";
import type { ResolvedOptions } from "./options.js";
import type { RequestRecord } from "./records.js";
import type { StandInState } from "./state.js";

export interface HandlerContext {
  readonly state: StandInState;
  readonly faults: Faults;
  readonly options: ResolvedOptions;
  readonly request: RequestRecord;
  /** False when the request must be answered as accepted but leave no trace (fault `store: "never"`). */
  readonly commit: boolean;
}

/** Returns the output structure, or throws a ServiceError. */
export type Handler = (input: Input, context: HandlerContext) => unknown;
