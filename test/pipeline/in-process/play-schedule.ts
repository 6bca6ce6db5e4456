// Plays a fault schedule, then settles it as a user following mail-metrics' own advice would: cron
// runs without faults (later and later while batches await read-back: CloudWatch may take 15
// minutes to show a recent point, 2 hours one 3-24 hours old, 48 hours an older one), a run with an
// earlier definition restored when a run says it left work only it can finish, and the backfill
// command a run names for each hole. The player runs one step in-process (below) or through the
// built CLI (test/pipeline/fault-schedules-cli.test.ts); the caller audits what the sink holds.
import { play, type Outcome, type QuerySpec, type Step } from "./play.js";
import type { Schedule } from "./schedule-generator.js";
import { expectDryRunIsRun } from "./dry-run-check.js";
import { audit, truth, type Audit } from "./truth.js";
import { owedWindows } from "./schedule-generator.js";
import { World } from "./world.js";

export interface Player {
  /** Runs one step; null when the process was killed. */
  play(step: Step): Promise<Outcome | null>;
  /** No plan left and nothing of unknown fate, in any series of the state. */
  settled(): boolean;
  /** The name the player's runs give the query (its messages name it so); default the spec's. */
  readonly nameOf?: (query: QuerySpec) => string;
}

export interface Settlement {
  /** Every step played, the schedule's and the settling ones. */
  readonly done: readonly Step[];
  /** One line per step, for the failure message. */
  readonly trace: readonly string[];
  readonly settled: boolean;
}

const MINUTE = 60_000;
const MAX_SETTLING_RUNS = 24;
/** How long to wait before each settling run while datums await read-back, the longer the more runs they have awaited it. */
const WAITS = [16 * MINUTE, 16 * MINUTE, 125 * MINUTE, 49 * 60 * MINUTE];
const HOLE = /publish it with: mail-metrics backfill --config \S+ --from (\S+) --to (\S+?)\)/g;
const ORPHAN = /^(\S+): its earlier definition \(identity (\w+)\) left/;

export async function settleSchedule(player: Player, schedule: Schedule): Promise<Settlement> {
  const trace: string[] = [];
  const done: Step[] = [];
  const step = async (next: Step): Promise<Outcome | null> => {
    const outcome = await player.play(next);
    done.push(next);
    trace.push(describe(next, outcome));
    return outcome;
  };
  for (const next of schedule.steps) await step(next);

  let now = Math.max(...schedule.steps.map((s) => s.now));
  let settled = false;
  let waits = 0;
  for (let i = 0; i < MAX_SETTLING_RUNS && !settled; i += 1) {
    now += WAITS[Math.min(waits, WAITS.length - 1)]!;
    const outcome = await step({ kind: "run", now, queries: schedule.setup.queries });
    const restore = outcome?.warn.map((line) => ORPHAN.exec(line)).find((match) => match !== null);
    const named = (query: QuerySpec) => (player.nameOf?.(query) ?? query.name) === restore?.[1];
    const restored = restore
      ? await step({ kind: "run", now, queries: schedule.setup.queries.map((q) => (named(q) ? { ...q, identity: restore[2]! } : q)) })
      : null;
    waits = [outcome, restored].some((o) => o?.info.some((line) => line.includes("await read-back"))) ? waits + 1 : 0;
    if (restore) continue;
    const holes = [...(outcome?.info ?? []).join("\n").matchAll(HOLE)].map((m) => ({ from: Date.parse(m[1]!), to: Date.parse(m[2]!) }));
    for (const range of holes) await step({ kind: "backfill", now, range, queries: schedule.setup.queries });
    settled = outcome !== null && outcome.code === 0 && holes.length === 0 && player.settled();
  }
  return { done, trace, settled };
}

export interface Played extends Settlement {
  readonly audit: Audit;
}

/** In-process: the schedule against a World, audited against its log. */
export async function playSchedule(schedule: Schedule, options: { readonly dryRunChecks?: boolean } = {}): Promise<Played> {
  const world = new World(schedule.log, "cloudwatch", schedule.batchSize);
  let steps = 0;
  const player: Player = {
    play: async (step) => {
      steps += 1;
      if (options.dryRunChecks && step.kind === "run")
        await expectDryRunIsRun(world, schedule.setup, step, `seed ${schedule.seed}, step ${steps}`);
      return play(world, schedule.setup, step);
    },
    settled: () => Object.values(world.readState().series).every((series) => series.plan === null && series.uncertain.length === 0),
  };
  const settlement = await settleSchedule(player, schedule);
  const owed = owedWindows(settlement.done, schedule.setup.windows.period, schedule.setup.windows.lag);
  const expected = new Map<string, number>();
  for (const query of schedule.setup.queries)
    for (const [key, value] of truth(schedule.log, query, owed.get(query.name) ?? [])) expected.set(key, value);
  return { ...settlement, audit: audit(world, expected) };
}

function describe(step: Step, outcome: Outcome | null): string {
  const when = new Date(step.now).toISOString().slice(5, 16);
  const what =
    step.kind === "run"
      ? "run"
      : `backfill ${new Date(step.range.from).toISOString().slice(5, 16)}–${new Date(step.range.to).toISOString().slice(11, 16)}`;
  const queries = (step.queries ?? []).map((q) => `${q.name}@${q.identity ?? "a"}`).join(",");
  const fates = step.fates === undefined ? "" : ` ${JSON.stringify(step.fates)}`;
  const result =
    outcome === null
      ? "KILLED"
      : `exit ${outcome.code}${outcome.warn.length > 0 ? ` (${outcome.warn.map((w) => w.slice(0, 90)).join(" | ")})` : ""}`;
  return `${when} ${what} [${queries}]${fates} → ${result}`;
}
