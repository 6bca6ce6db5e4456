// Runs `run` as cron would after trouble: again and again until the state holds no plan and no batch
// of unknown fate. A run killed or failed is re-run at the same clock; a run that reports datums
// awaiting read-back is re-run 16 minutes later, when CloudWatch would surely show them had they
// landed (and the windows due by then are published too).
import type { OperationName } from "../fake-cloudwatch/operations.js";
import type { CliResult } from "../cli/built-cli.js";
import type { CloudSetup } from "./cloud-fixture.js";
import type { CliChild } from "./cli-child.js";
import { describeKill, type KillAt, type KillPlan } from "./kill-plan.js";
import { iso } from "./peer-model.js";
import { watchRequests } from "./request-hook.js";
import { MINUTE, readStateJson, settled } from "./scene.js";

export interface Settlement {
  /** Runs started, killed ones included. */
  readonly runs: number;
  /** The clock of the last run. */
  readonly now: number;
  /** Where each kill landed, e.g. "run 1: request 4, lost (PutMetricData)". */
  readonly kills: readonly string[];
  /** Each run's exit code and output, in order. */
  readonly results: readonly CliResult[];
}

const MAX_RUNS = 8;

export async function runUntilSettled(s: CloudSetup, start: number, plan: KillPlan = []): Promise<Settlement> {
  let now = start;
  const kills: string[] = [];
  const results: CliResult[] = [];
  for (let run = 0; run < MAX_RUNS; run += 1) {
    const child = s.spawn(["run"], iso(now));
    const at = plan[run];
    const disarm = at === undefined ? () => undefined : arm(s, child, at, (where) => kills.push(`run ${run + 1}: ${where}`));
    const result = await child.done;
    disarm();
    results.push(result);
    if (result.signal === null && result.code === 0 && settled(readStateJson(s.statePath))) return { runs: run + 1, now, kills, results };
    if (result.stdout.includes("await read-back on a later run")) now += 16 * MINUTE;
  }
  throw new Error(`not settled after ${MAX_RUNS} runs (kills: ${kills.join("; ") || "none"})`);
}

/** Kills the child at `at`; reports where it landed; returns the function that disarms it. */
function arm(s: CloudSetup, child: CliChild, at: KillAt, report: (where: string) => void): () => void {
  let seen = 0;
  return watchRequests(s.standIn, (request) => {
    seen += 1;
    if (seen !== at.n) return;
    // The stand-in takes the operation's queued fault right after recording the request: with no
    // other fault queued (kill scenarios queue none), a drop queued now applies to this very request.
    if (at.fate === "lost") s.standIn.faults.next(request.operation as OperationName, { kind: "drop" });
    child.kill("SIGKILL");
    report(`${describeKill(at)} (${request.operation})`);
  });
}
