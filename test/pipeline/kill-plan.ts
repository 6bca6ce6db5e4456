// Seeded SIGKILL points for the fault suite: the Nth request the stand-in receives from a run, which
// the stand-in then either handles ("landed": the client dies waiting for the answer, as if killed
// after the call reached CloudWatch) or drops unhandled ("lost": as if killed after writing its state
// and before the call got out). Between them these reach every state a kill can leave: before the
// query, while it runs, with a batch in flight that landed or not, between batches, during read-back.
import { prng } from "../support/prng.js";

export interface KillAt {
  readonly n: number;
  readonly fate: "landed" | "lost";
}

/** Kill points per run: [first run, second run]; undefined means the run is not killed. */
export type KillPlan = readonly (KillAt | undefined)[];

/**
 * The plan for a seed. The first run sends StartQuery, GetQueryResults and 3 PutMetricData calls
 * (requests 1-5); the run after a kill sends read-back (GetMetricData) or StartQuery, then more, so
 * a second kill point is one of its first 2 requests (it may have only one: then no second kill).
 */
export function killPlan(seed: number): KillPlan {
  const random = prng(seed);
  const at = (requests: number): KillAt => ({ n: 1 + Math.floor(random() * requests), fate: random() < 0.5 ? "landed" : "lost" });
  const first = at(5);
  return random() < 0.4 ? [first, at(2)] : [first];
}

export function describeKill(at: KillAt): string {
  return `request ${at.n}, ${at.fate}`;
}

/** A plan's identity, to keep each kill point once. */
export const planKey = (plan: KillPlan) => plan.map((at) => (at === undefined ? "-" : describeKill(at))).join(" / ");
