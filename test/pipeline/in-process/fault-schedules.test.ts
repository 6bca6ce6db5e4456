// Random fault schedules as a property (schedule-generator.ts), in-process: for every seed, 30 cron
// runs meeting random faults, with backfills and a query edit interleaved, then settling runs; the
// sink must then hold exactly the log's counts for every window each query owes, each datum once.
// A fixed set of seeds, plus a set that rotates with the date (printed), so CI keeps exploring.
// Replay one seed, with its steps printed: MM_SEED=<seed> npx vitest run test/pipeline/in-process/fault-schedules.test.ts
import { afterAll, describe, expect, it } from "vitest";
import { playSchedule } from "./play-schedule.js";
import { generateSchedule } from "./schedule-generator.js";
import { EXACT } from "./truth.js";

const FIXED = Array.from({ length: 200 }, (_, i) => i + 1);
/**
 * 50 seeds from today's date (UTC), e.g. 2026112900-2026112949: each day explores others. None under
 * mutation testing (stryker.config.mjs), whose incremental runs reuse a result only while its tests
 * stay the same.
 */
const ROTATING =
  process.env.STRYKER_MUTATOR_WORKER === undefined
    ? Array.from({ length: 50 }, (_, i) => Number(new Date().toISOString().slice(0, 10).replaceAll("-", "")) * 100 + i)
    : [];
const REPLAY = process.env.MM_SEED === undefined ? null : Number(process.env.MM_SEED);
const SEEDS = REPLAY === null ? [...FIXED, ...ROTATING] : [REPLAY];
/** Every 10th schedule also checks, before each run, that a dry run shows exactly what the run publishes. */
const DRY_RUN_EVERY = 10;

const REPLAY_HINT = (seed: number) => `replay: MM_SEED=${seed} npx vitest run test/pipeline/in-process/fault-schedules.test.ts`;

const tally = { steps: 0, killed: 0, failed: 0, backfills: 0 };

afterAll(() => {
  if (REPLAY !== null) return;
  process.stdout.write(
    `\n[fault schedules] in-process: ${FIXED.length} fixed seeds (${FIXED[0]}-${FIXED.at(-1)}) and ${ROTATING.length} from today's date ` +
      `(${ROTATING[0]}-${ROTATING.at(-1)}), 30 cron runs each then settling: ${tally.steps} runs and backfills, ${tally.killed} killed, ` +
      `${tally.failed} exited non-zero, ${tally.backfills} backfills; ${REPLAY_HINT(0).replace("=0", "=<seed>")}\n`,
  );
});

describe("random fault schedules, in-process", () => {
  it.each(SEEDS)("seed %i: exact totals, every datum once, after settling", async (seed) => {
    const played = await playSchedule(generateSchedule(seed), { dryRunChecks: REPLAY !== null || seed % DRY_RUN_EVERY === 0 });
    const context = `seed ${seed} (${REPLAY_HINT(seed)})\n${played.trace.join("\n")}`;
    tally.steps += played.trace.length;
    tally.killed += played.trace.filter((line) => line.endsWith("KILLED")).length;
    tally.failed += played.trace.filter((line) => / exit [1-9]/.test(line)).length;
    tally.backfills += played.trace.filter((line) => line.includes(" backfill ")).length;
    if (REPLAY !== null) process.stdout.write(`${context}\n`);
    expect(played.settled, context).toBe(true);
    expect(played.audit, context).toEqual(EXACT);
  });
});
