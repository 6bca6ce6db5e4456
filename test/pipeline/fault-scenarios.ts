// The fault suite's scenarios (fault-suite.test.ts plays them): each injectable fault, two runs
// racing, SIGTERM during a batch, and seeded SIGKILL points, each with the checks of what the user
// saw on the way (exit codes, messages, retried calls). The suite's common end check (the peer's
// counts, each datum once, after cron re-runs) is not repeated here.
import { expect } from "vitest";
import type { CliResult } from "../cli/built-cli.js";
import { ledgerPuts } from "./audit.js";
import type { CloudSetup, SetupOptions } from "./cloud-fixture.js";
import { killPlan, planKey, type KillPlan } from "./kill-plan.js";
import { SMTP } from "./peer-model.js";
import { nextRequest } from "./request-hook.js";
import { queriesNeeded, rowsPerWindow } from "./row-limit-model.js";
import type { Settlement } from "./settle-runs.js";
import { at, copiesCounts, ms, span, tiling, zeroFillNames } from "./scene.js";
import { untimed } from "./log-lines.js";

/** 120 zero-filled names over 24 windows and the log's 17 rows: a first run sends 2,897 datums in 3 batches. */
export const NAMES = zeroFillNames(120);
/** The first run's clock: [12:00, 14:00) is due. */
export const NOW = at(125);
const WINDOWS = "2026-11-29T12:00:00Z–2026-11-29T14:00:00Z";
const KILL_SCENARIOS = 20;

export interface Scenario {
  readonly name: string;
  readonly seed?: number;
  /** Where copies of the real log start, in minutes after T0. Default [0]. */
  readonly copies?: readonly number[];
  readonly setup?: Partial<SetupOptions>;
  /** Faults queued before the first run. */
  readonly inject?: (s: CloudSetup) => void;
  /** Runs done (and checked) before the cron re-runs; returns how many. */
  readonly start?: (s: CloudSetup) => Promise<number>;
  readonly plan?: KillPlan;
  /** What the user saw on the way. */
  readonly check?: (s: CloudSetup, settlement: Settlement) => void;
}

/** How the stand-in answered each call of `operation`; for PutMetricData, the ledger's calls (not the heartbeat's). */
const answers = (s: CloudSetup, operation: string) =>
  (operation === "PutMetricData" ? ledgerPuts(s.standIn) : s.standIn.state.requests.filter((r) => r.operation === operation)).map(
    (r) => r.errorCode ?? r.outcome,
  );
const codes = (results: readonly CliResult[]) => results.map((r) => r.code);

/** Calls `then` when the stand-in receives the `n`th PutMetricData call. */
function onPut(s: CloudSetup, n: number, then: () => void): void {
  let seen = 0;
  const watch = (): Promise<unknown> => nextRequest(s.standIn, "PutMetricData", () => (++seen === n ? then() : void watch()));
  void watch();
}

/** The first PutMetricData call goes through; the second meets `fault`. */
const onSecondPut = (s: CloudSetup, fault: Parameters<CloudSetup["standIn"]["faults"]["next"]>[1]) =>
  void s.standIn.faults.next("PutMetricData", { kind: "delay", ms: 0 }).next("PutMetricData", fault);

export const FAULTS: readonly Scenario[] = [
  {
    name: "throttling x2 on StartQuery, GetQueryResults, PutMetricData",
    inject: (s) =>
      void s.standIn.faults
        .next("StartQuery", { kind: "throttle" }, { times: 2 })
        .next("GetQueryResults", { kind: "throttle" }, { times: 2 })
        .next("PutMetricData", { kind: "throttle" }, { times: 2 }),
    check: (s, { results }) => {
      // Retried by the SDK within the run: one run, every call answered in the end.
      expect(codes(results)).toEqual([0]);
      expect(answers(s, "StartQuery")).toEqual(["ThrottlingException", "ThrottlingException", 200]);
      expect(answers(s, "GetQueryResults")).toEqual(["ThrottlingException", "ThrottlingException", 200]);
      expect(answers(s, "PutMetricData")).toEqual(["Throttling", "Throttling", 200, 200, 200]);
    },
  },
  {
    name: "LimitExceededException x3 on StartQuery",
    inject: (s) => void s.standIn.faults.next("StartQuery", { kind: "limit-exceeded" }, { times: 3 }),
    check: (s, { results }) => {
      expect(codes(results)).toEqual([0]);
      expect(answers(s, "StartQuery")).toEqual(["LimitExceededException", "LimitExceededException", "LimitExceededException", 200]);
    },
  },
  {
    name: "5xx x2 on GetQueryResults (500, 503)",
    inject: (s) =>
      void s.standIn.faults
        .next("GetQueryResults", { kind: "server-error", status: 500 })
        .next("GetQueryResults", { kind: "server-error", status: 503 }),
    check: (s, { results }) => {
      expect(codes(results)).toEqual([0]);
      expect(answers(s, "GetQueryResults")).toEqual(["ServiceUnavailableException", "ServiceUnavailable", 200]);
    },
  },
  {
    name: "query ends Failed once",
    inject: (s) => void s.standIn.faults.next("StartQuery", { kind: "query", end: "Failed" }),
    check: (s, { results }) => {
      expect(codes(results)).toEqual([1, 0]);
      expect(results[0]!.stderr).toContain(`query ${s.standIn.state.queries[0]!.queryId} (${SMTP}, ${WINDOWS}) ended with status Failed`);
      expect(answers(s, "PutMetricData")).toEqual([200, 200, 200]);
    },
  },
  {
    name: "query still Running at queryTimeout 2s",
    setup: { source: "queryTimeout: 2s" },
    inject: (s) => void s.standIn.faults.next("StartQuery", { kind: "query", end: "never" }),
    check: (s, { results }) => {
      expect(codes(results)).toEqual([1, 0]);
      expect(s.standIn.state.queries[0]!.stopped).toBe(true);
    },
  },
  {
    name: "row limit reached (queryLimit 20): halved and re-run",
    copies: [0, 10, 20, 30],
    setup: { queries: [`{ builtin: ${SMTP}, queryLimit: 20, zeroFill: [${NAMES.join(", ")}] }`] },
    check: (s, { results }) => {
      expect(codes(results)).toEqual([0]);
      const predicted = queriesNeeded(rowsPerWindow(copiesCounts([SMTP], [0, 10, 20, 30]), span(0, 120)), 20);
      expect(predicted).toBeGreaterThan(3);
      expect(s.standIn.state.queries).toHaveLength(predicted);
      // The results that were not split tile the run's range: every event counted from exactly one.
      const kept = s.standIn.state.queries.filter((q) => q.rows.length < 20).map((q) => [q.startTime, q.endTime] as const);
      const [queried, tiles] = tiling(kept, { from: ms(0) / 1000, to: ms(120) / 1000 });
      expect(queried).toEqual(tiles);
    },
  },
  {
    name: "5xx on PutMetricData batch 2",
    inject: (s) => onSecondPut(s, { kind: "server-error" }),
    check: (s, { results }) => {
      expect(codes(results)).toEqual([1, 0, 0]);
      expect(untimed(results[0]!.stderr)).toMatch(
        new RegExp(
          `^mail-metrics: ${SMTP}, windows ${WINDOWS}: batch 2 of 3 \\(1 published before it, 1 left for the next run\\): .*InternalServiceFault.*fate is unknown`,
        ),
      );
      // Absent at once is not proof: pending until CloudWatch would surely show it, then re-sent once.
      expect(results[1]!.stdout).toContain("1000 datums of unknown fate await read-back on a later run");
      expect(answers(s, "PutMetricData")).toEqual([200, "InternalServiceFault", 200, 200, 200]);
    },
  },
  {
    name: "PutMetricData batch 2 cut off after it landed",
    inject: (s) => onSecondPut(s, { kind: "drop", store: "before" }),
    check: (s, { results }) => {
      expect(codes(results)).toEqual([1, 0]);
      expect(results[0]!.stderr).toContain("its fate is unknown and will be settled by read-back");
      // Read-back finds it: not sent again, nothing left pending.
      expect(results[1]!.stdout).not.toContain("await read-back");
      expect(results[1]!.stdout).toContain("found 1000 of 1000 datums of unknown fate: settled");
      expect(answers(s, "PutMetricData")).toEqual([200, "dropped", 200]);
    },
  },
  {
    name: "two runs started together",
    start: async (s) => {
      // The first query keeps Running for 3 polls: the run holding the lock holds it for seconds.
      s.standIn.faults.next("StartQuery", { kind: "query", runningPolls: 3 });
      const results = await Promise.all([s.spawn(["run"], NOW).done, s.spawn(["run"], NOW).done]);
      expect(codes(results)).toEqual([0, 0]);
      const held = /^mail-metrics: another run holds the lock on \S+ \(pid \d+ on \S+ since \S+\); nothing to do\n$/;
      expect(results.filter((r) => held.test(untimed(r.stdout)) && r.stderr === "")).toHaveLength(1);
      expect(s.standIn.state.queries).toHaveLength(1);
      return 2;
    },
  },
  {
    name: "SIGTERM during PutMetricData batch 2",
    start: async (s) => {
      onSecondPut(s, { kind: "delay", ms: 500 });
      const child = s.spawn(["run"], NOW);
      onPut(s, 2, () => child.kill("SIGTERM"));
      const stopped = await child.done;
      // The call in flight is finished, no further batch sent, the state saved.
      expect(stopped.code).toBe(1);
      expect(untimed(stopped.stdout)).toMatch(
        new RegExp(
          `^${SMTP}: published 0 of 24 windows .*: 2000 datums in 2 batches; .*; interrupted before the end; the next run resumes\\n$`,
        ),
      );
      expect(untimed(stopped.stderr)).toBe(
        "mail-metrics: stopped by SIGTERM: running queries were stopped and the state saved; the next run continues from there\n",
      );
      expect(answers(s, "PutMetricData")).toEqual([200, 200]);
      return 1;
    },
  },
];

/**
 * A batch lost in flight (run 1) is pending at first (run 2), then re-sent 16 minutes later (run 3):
 * killed again during that re-send, which the state records as a new batch of unknown fate.
 */
export const RESEND_KILLS: readonly Scenario[] = (["landed", "lost"] as const).map((fate) => ({
  name: `SIGKILL during the re-send of a batch found missing (${fate})`,
  plan: [{ n: 4, fate: "lost" }, undefined, { n: 2, fate }],
  check: (_, { kills, results }) => {
    expect(kills).toEqual(["run 1: request 4, lost (PutMetricData)", `run 3: request 2, ${fate} (PutMetricData)`]);
    expect(results[1]!.stdout).toContain("1000 datums of unknown fate await read-back on a later run");
  },
}));

/** The first KILL_SCENARIOS distinct plans from seeds 1, 2, 3, ... */
export function killScenarios(): Scenario[] {
  const seen = new Set<string>();
  const out: Scenario[] = [];
  for (let seed = 1; out.length < KILL_SCENARIOS; seed += 1) {
    const plan = killPlan(seed);
    if (seen.has(planKey(plan))) continue;
    seen.add(planKey(plan));
    out.push({ name: "SIGKILL", seed, plan, check: (_, { kills }) => expect(kills.length).toBeGreaterThan(0) });
  }
  return out;
}
