// Random fault schedules through the built CLI against the stand-in (cli-schedule.ts), for both
// sources: a cloudwatch-logs source through the stand-in, and a files source (the sink is the
// stand-in's CloudWatch for both). Each schedule is 30 cron runs with faults, backfills and a query
// edit, then settling runs; the stand-in must then hold exactly the peer's counts for every window
// the query owes, each datum once. The in-process property (in-process/fault-schedules.test.ts) runs
// hundreds of schedules; this one shows the real processes, clients and files behave the same.
//
// `npm test` runs MM_CLI_SCHEDULES per source (default 1) from a fixed seed set plus one seed from
// the date; CI (.ci/run) runs 10 per source. Replay one: MM_CLI_SEED=<seed> MM_CLI_SOURCE=<files|cloudwatch-logs> npx vitest run test/pipeline/fault-schedules-cli.test.ts
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce } from "../cli/built-cli.js";
import { tempDir } from "../support/temp-dir.js";
import { audit, exact } from "./audit.js";
import { cliLogPath, cliPlayer, copyMinutes, logEvents, useFilesSource, writeLogFile, type SourceKind } from "./cli-schedule.js";
import { putEvents, withCloud } from "./cloud-fixture.js";
import { settleSchedule } from "./in-process/play-schedule.js";
import { generateSchedule, owedWindows } from "./in-process/schedule-generator.js";
import { expectedFor, SMTP } from "./peer-model.js";
import { copiesCounts, withZeroFill, zeroFillNames } from "./scene.js";
import { slots } from "./slots.js";

const NAMES = zeroFillNames(100);
const PER_SOURCE = Number(process.env.MM_CLI_SCHEDULES ?? 1);
/** Fixed seeds, the first PER_SOURCE - 1 of them per source; the last schedule of each source takes a seed from the date. */
const FIXED = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
const DATE_SEED = Number(new Date().toISOString().slice(0, 10).replaceAll("-", "")) * 10;
const REPLAY =
  process.env.MM_CLI_SEED === undefined
    ? null
    : { seed: Number(process.env.MM_CLI_SEED), source: (process.env.MM_CLI_SOURCE ?? "cloudwatch-logs") as SourceKind };

function seedsFor(source: SourceKind): number[] {
  const offset = source === "files" ? 100 : 0;
  return [...FIXED.slice(0, Math.max(0, PER_SOURCE - 1)).map((seed) => seed + offset), DATE_SEED + (source === "files" ? 1 : 0)];
}

const CASES: [SourceKind, number][] =
  REPLAY !== null
    ? [[REPLAY.source, REPLAY.seed]]
    : (["cloudwatch-logs", "files"] as const).flatMap((source) => seedsFor(source).map((seed) => [source, seed] as [SourceKind, number]));
const results: string[] = [];
const slot = slots(4);

beforeAll(buildOnce, 120_000);
afterAll(() =>
  process.stdout.write(
    `\n[fault schedules] through the CLI (replay: MM_CLI_SEED=<seed> MM_CLI_SOURCE=<source>):\n${results.sort().join("\n")}\n`,
  ),
);

describe.concurrent("random fault schedules through the built CLI", () => {
  it.each(CASES)(
    "%s, seed %i: exact totals, every datum once, after settling",
    (source, seed) =>
      slot(async () => {
        const schedule = generateSchedule(seed, { secondQuery: false });
        const copies = copyMinutes(schedule);
        const options = {
          now: Math.max(...schedule.steps.map((step) => step.now)),
          queries: [withZeroFill(SMTP, NAMES)],
          schedule: `maxCatchUp: ${schedule.setup.windows.maxCatchUp / 60_000}m`,
          // Points readable only minutes after they land (within the 15 minutes the documentation gives).
          standInOptions: { visibilityDelayMs: (seed % 4) * 4 * 60_000 },
        };
        await withCloud(options, async (s) => {
          const events = logEvents(copies);
          const log = cliLogPath(tempDir("mm-schedule-log-"));
          if (source === "files") {
            writeLogFile(log, events);
            useFilesSource(s.config, log);
          } else {
            s.setNow(options.now + 3 * 3_600_000);
            // In parts: putEvents' batches of 5,000 of these long lines would pass PutLogEvents' 1 MB.
            for (let i = 0; i < events.length; i += 2_000) await putEvents(s.standIn.endpoint, events.slice(i, i + 2_000));
          }
          const settlement = await settleSchedule(cliPlayer(s, source, NAMES, log), schedule);
          const owed = owedWindows(settlement.done, schedule.setup.windows.period, schedule.setup.windows.lag).get("q") ?? [];
          const expected = expectedFor(copiesCounts([SMTP], copies), NAMES, owed);
          const outcome = audit(s.standIn, expected);
          const killed = settlement.trace.filter((line) => line.endsWith("KILLED")).length;
          const failed = settlement.trace.filter((line) => / exit [1-9]/.test(line)).length;
          results.push(
            `  ${source} seed ${seed}: ${settlement.trace.length} processes (${killed} killed, ${failed} exit non-zero), ${outcome.datums} datums, ${outcome.duplicates.length} duplicates, ${outcome.missing.length} missing`,
          );
          const context = `${source} seed ${seed}\n${settlement.trace.join("\n")}`;
          expect(settlement.settled, context).toBe(true);
          expect(outcome, context).toEqual(exact(expected));
        });
      }),
    600_000,
  );
});
