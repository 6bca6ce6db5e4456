// The parts of a running stand-in that every exchange shares.
import type { Faults } from "./faults.js";
import type { ResolvedOptions } from "./options.js";
import type { StandInState } from "./state.js";

export interface StandInCore {
  readonly state: StandInState;
  readonly faults: Faults;
  readonly options: ResolvedOptions;
  /** Real-time wait for the delay fault; cut short when the stand-in closes. */
  sleep(ms: number): Promise<void>;
}
